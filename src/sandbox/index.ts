/** The sandbox tenant: a ServiceTitan-compatible server on loopback with sample data and faults. */
export {
  startSandbox,
  SANDBOX_CREDENTIALS,
  type Sandbox,
  type SandboxCredentials,
  type SandboxOptions,
  type SandboxRequest,
} from './server.js';
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
