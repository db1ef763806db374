import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/domain/employee-roles.ts
var EMPLOYEE_USER_ROLES = [
  "Unspecified",
  "Technician",
  "Dispatch",
  "Accounting",
  "FieldManager",
  "DisplayUser",
  "DisplayUserWithBillingAccess",
  "SalesManager",
  "CSR",
  "GeneralOffice",
  "TechnicianHelper",
  "TechnicianMaintenance",
  "TechnicianInstaller",
  "Admin",
  "TechnicianService",
  "TechnicianSales",
  "Owner",
  "EmptyEmployee",
  "EmptyTechnician"
];

export {
  EMPLOYEE_USER_ROLES
};
