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
