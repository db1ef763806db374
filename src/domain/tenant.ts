/**
 * The tenant as the tool sees it: the normalized state the ServiceTitan client produces and the
 * engine judges. Plain JSON-serializable data (it is also written by `--snapshot FILE`). Imports
 * nothing, so the client, the engine and the sandbox share it without knowing each other.
 */

/** A ServiceTitan account is an employee or a technician record. */
export type UserKind = 'employee' | 'technician';

/** The ServiceTitan environment a tenant lives in. */
export type Environment = 'production' | 'integration';

export const ENVIRONMENTS: readonly Environment[] = ['production', 'integration'];

export interface TenantUser {
  kind: UserKind;
  /** the employee or technician id */
  id: number;
  /** the ServiceTitan user id behind the record (null when the record has none) */
  userId: number | null;
  name: string;
  email: string | null;
  /** ServiceTitan's `loginName` */
  login: string | null;
  active: boolean;
  /** `accountLocked`; null in the API is treated as false */
  locked: boolean;
  /** the deprecated built-in role enum (`Admin`, `Owner`, …); employees only, else null */
  role: string | null;
  roleIds: number[];
  /** role names resolved from `roleIds` through /user-roles; an unknown id appears as `#ID` */
  roles: string[];
  businessUnitId: number | null;
  /** the business unit's name, when business units were fetched and the id is known */
  businessUnit: string | null;
  /** permission id (as a decimal string) -> value as ServiceTitan sent it (`"True"`, `"False"`, null, …) */
  permissions: Record<string, string | null>;
  customFields: { typeId: number | null; name: string | null; value: string | null }[];
  aadUserId: string | null;
  /**
   * Technicians: the licence type `Activate` needs (`ManagedTechnician`, `NonManagedTechnician`),
   * derived from `isManagedTech`; null when unknown and for employees. Absent in older snapshots.
   */
  licenseType?: string | null;
}

export interface UserRole {
  id: number;
  name: string;
  active: boolean;
  /** `Employee`, `Technician`, … as ServiceTitan sends it */
  employeeType: string;
}

export interface BusinessUnit {
  id: number;
  name: string;
  active: boolean;
}

export interface Snapshot {
  tenant: string;
  environment: Environment;
  /** ISO timestamp of the fetch */
  fetchedAt: string;
  users: TenantUser[];
  roles: UserRole[];
  /** empty when business units were not needed and not fetched */
  businessUnits: BusinessUnit[];
  /**
   * Problems met while fetching that did not stop the fetch (e.g. records de-duplicated).
   * A fetch that could not complete throws instead: a snapshot is never partial.
   */
  warnings: string[];
}
