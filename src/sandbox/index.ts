/** The sandbox tenant: a ServiceTitan-compatible server on loopback with sample data and faults. */
export {
  startSandbox,
  SANDBOX_CREDENTIALS,
  type Sandbox,
  type SandboxCredentials,
  type SandboxIdentity,
  type SandboxOptions,
  type SandboxRequest,
} from './server.js';
export {
  SANDBOX_DIRECTORY_CREDENTIALS,
  ENTRA_FEDERATED_AUDIENCE,
  type SandboxDirectoryCredentials,
} from './directory-auth.js';
export type { SandboxDirectory, EntraUserRecord, GoogleUserRecord } from './directory-data.js';
export {
  SAMPLE_ENTRA_TENANT_ID,
  SAMPLE_GOOGLE_CUSTOMER_ID,
  SAMPLE_IDENTITY_PEOPLE,
  entraObjectId,
} from './sample-directory.js';
export type { Faults, FaultRule, FaultKind } from './faults.js';
export { faultsSchema } from './faults.js';
export { sampleTenant, SAMPLE_PERMISSION_IDS } from './sample-tenant.js';
export { generateTenant, type GenerateTenantOptions } from './generate.js';
export {
  loadTenantData,
  parseTenantData,
  type TenantData,
  type EmployeeRecord,
  type TechnicianRecord,
  type UserRoleRecord,
  type BusinessUnitRecord,
  type PermissionCatalogueEntry,
} from './tenant-data.js';
