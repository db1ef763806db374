/**
 * Every change to ServiceTitan goes through this one interface. Audit, plan and pull-request runs
 * get the recording writer, which cannot reach the network; only apply and undo get the live one.
 * ServiceTitan has no call that removes a single permission: these are all the fixes there are.
 */
import type { UserKind } from '../domain/tenant.js';
import { userCollection, type ServiceTitanClient } from './client.js';

export interface ServiceTitanWriter {
  readonly live: boolean;
  /** PATCH {accountLocked: true} */
  lock(kind: UserKind, id: number): Promise<void>;
  /** PATCH {accountLocked: false} */
  unlock(kind: UserKind, id: number): Promise<void>;
  /** POST account-actions {action: 'Deactivate'} */
  deactivate(kind: UserKind, id: number): Promise<void>;
  /** POST account-actions {action: 'Activate'}; technicians take a licenseType */
  activate(kind: UserKind, id: number, licenseType?: string): Promise<void>;
  /** PATCH {roleId}: replaces the user's roles */
  setRole(kind: UserKind, id: number, roleId: number): Promise<void>;
}

export function liveWriter(client: ServiceTitanClient): ServiceTitanWriter {
  const patch = (kind: UserKind, id: number, body: object) =>
    client.write('PATCH', `${userCollection(kind)}/${id}`, body);
  const accountAction = (kind: UserKind, id: number, body: object) =>
    client.write('POST', `${userCollection(kind)}/${id}/account-actions`, body);
  return {
    live: true,
    lock: (kind, id) => patch(kind, id, { accountLocked: true }),
    unlock: (kind, id) => patch(kind, id, { accountLocked: false }),
    deactivate: (kind, id) => accountAction(kind, id, { action: 'Deactivate' }),
    activate: (kind, id, licenseType) =>
      accountAction(
        kind,
        id,
        kind === 'technician' && licenseType ? { action: 'Activate', licenseType } : { action: 'Activate' },
      ),
    setRole: (kind, id, roleId) => patch(kind, id, { roleId }),
  };
}

export interface RecordedWrite {
  op: string;
  kind: UserKind;
  id: number;
  arg?: unknown;
}

/** A writer that only records what it was asked to do: dry runs, plans, pull requests. */
export function recordingWriter(): ServiceTitanWriter & { calls: RecordedWrite[] } {
  const calls: RecordedWrite[] = [];
  const record = (op: string, kind: UserKind, id: number, arg?: unknown): Promise<void> => {
    calls.push(arg === undefined ? { op, kind, id } : { op, kind, id, arg });
    return Promise.resolve();
  };
  return {
    live: false,
    calls,
    lock: (kind, id) => record('lock', kind, id),
    unlock: (kind, id) => record('unlock', kind, id),
    deactivate: (kind, id) => record('deactivate', kind, id),
    activate: (kind, id, licenseType) => record('activate', kind, id, licenseType),
    setRole: (kind, id, roleId) => record('setRole', kind, id, roleId),
  };
}
