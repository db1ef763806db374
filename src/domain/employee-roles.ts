/**
 * ServiceTitan vocabulary shared by the tool and its sandbox, which otherwise import nothing of
 * each other: this module imports nothing.
 */

/** The built-in role enum on employees (`TenantSettings.V2.EmployeeUserRole`). */
export const EMPLOYEE_USER_ROLES = [
  'Unspecified',
  'Technician',
  'Dispatch',
  'Accounting',
  'FieldManager',
  'DisplayUser',
  'DisplayUserWithBillingAccess',
  'SalesManager',
  'CSR',
  'GeneralOffice',
  'TechnicianHelper',
  'TechnicianMaintenance',
  'TechnicianInstaller',
  'Admin',
  'TechnicianService',
  'TechnicianSales',
  'Owner',
  'EmptyEmployee',
  'EmptyTechnician',
] as const;
export type EmployeeUserRole = (typeof EMPLOYEE_USER_ROLES)[number];
