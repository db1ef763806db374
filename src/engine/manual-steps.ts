/**
 * The steps a person takes when no API call can fix a finding. ServiceTitan has no call that
 * removes a single permission or role from a user, so those are done in its Settings screens.
 */
import type { UserKind } from './snapshot.js';

function peopleScreen(kind: UserKind, name: string): string {
  return `Settings > People > ${kind === 'employee' ? 'Employees' : 'Technicians'} > ${name}`;
}

export function turnOffPermissionStep(kind: UserKind, name: string, permissionLabel: string): string {
  return `In ServiceTitan, open ${peopleScreen(kind, name)} > Permissions and turn off ${permissionLabel}.`;
}

export function removeRoleStep(kind: UserKind, name: string, role: string): string {
  return `In ServiceTitan, open ${peopleScreen(kind, name)} > Roles and remove ${role}.`;
}

export function deactivateStep(kind: UserKind, name: string): string {
  return `In ServiceTitan, open ${peopleScreen(kind, name)} and deactivate the account.`;
}

export function reduceHoldersSteps(ruleId: string, holding: string, excess: number): string[] {
  return [
    `In ServiceTitan, remove ${holding} from ${excess} of the holders listed in the evidence ` +
      `(Settings > People > Employees or Technicians > the user).`,
    `Or, if more holders are intended, raise max in rule ${ruleId} of the policy.`,
  ];
}

/**
 * The two permissions that let a person create API credentials (SPEC §1). A mapping is recognised
 * by the policy name SPEC and the starter policy give it, or by its `label` being ServiceTitan's
 * own name for it; never by id, because ids differ per tenant (the starter's ids are examples).
 */
export type ApiAccessPermission = 'generate-api-key' | 'manage-api-access';

const API_ACCESS_LABELS: Record<string, ApiAccessPermission> = {
  'generate api application key': 'generate-api-key',
  'manage api application access': 'manage-api-access',
};

export function apiAccessPermission(mapping: { name: string; label?: string }): ApiAccessPermission | null {
  const name = mapping.name.toLowerCase();
  if (name === 'generate-api-key' || name === 'manage-api-access') return name;
  const label = mapping.label?.trim().replace(/\s+/g, ' ').toLowerCase();
  return (label && API_ACCESS_LABELS[label]) || null;
}

/**
 * What locking, deactivating or re-roling a holder of the API permissions leaves in place: the
 * client secrets and app keys the person already created keep working, so a person revokes them.
 */
export function apiAccessSteps(held: ReadonlySet<ApiAccessPermission>, name: string): string[] {
  const steps: string[] = [];
  if (held.has('manage-api-access')) {
    steps.push(
      `In ServiceTitan, open Settings > Integrations > API Application Access and rotate the client secret ` +
        `of each app whose credentials ${name} created or saw; update the integrations that use it. Locking ` +
        `or deactivating the account does not revoke a secret already issued.`,
    );
  }
  if (held.size > 0) {
    steps.push(
      `In ServiceTitan, open Settings > Integrations > API Application Access and disconnect the apps ` +
        `${name} created or connected that you no longer need: they keep working after the account is ` +
        `locked or deactivated.`,
    );
  }
  return steps;
}
