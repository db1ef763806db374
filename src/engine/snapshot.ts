/**
 * The normalized tenant state the engine judges. Its types live in `src/domain/tenant.ts`, shared
 * with the ServiceTitan client that produces it; they are re-exported here for the engine's users.
 */
export type {
  BusinessUnit,
  Environment,
  Snapshot,
  TenantUser,
  UserKind,
  UserRole,
} from '../domain/tenant.js';
