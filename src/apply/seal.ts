/**
 * The journal's seal: what makes an apply report something `undo` may act on.
 *
 * Each step that apply (or undo) wrote and then verified by reading the user back carries a seal:
 * an HMAC-SHA256 over the tenant, the environment, the step's action, target role, user ids, the
 * state read just before the write (`before`) and the state read back after it (`after`). The key
 * is derived (HKDF) from the run's ServiceTitan client secret and app key, so a later run on a
 * fresh runner with the same credentials can check it, and nobody without them can forge one: a
 * hand-written or edited report has no valid seal, and undo refuses it.
 *
 * The seal covers ids and states only, never names or emails, so a redacted report stays
 * undoable.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { PlanStep } from '../engine/types.js';

export interface SealCredentials {
  tenant: string;
  environment: string;
  clientSecret: string;
  appKey: string;
}

export interface JournalKey {
  readonly tenant: string;
  readonly environment: string;
  /** the HMAC key; never printed */
  readonly bytes: Buffer;
}

const SEAL_PREFIX = 'v1.';

export function journalKey(credentials: SealCredentials): JournalKey {
  const ikm = Buffer.concat([
    Buffer.from(credentials.clientSecret, 'utf8'),
    Buffer.from([0]),
    Buffer.from(credentials.appKey, 'utf8'),
  ]);
  const bytes = Buffer.from(
    hkdfSync(
      'sha256',
      ikm,
      'servicetitan-access-guard journal seal v1',
      `${credentials.environment}\u0000${credentials.tenant}`,
      32,
    ),
  );
  return { tenant: credentials.tenant, environment: credentials.environment, bytes };
}

type State = NonNullable<PlanStep['before']>;

function state(s: State): [boolean, boolean, number[]] {
  return [s.active, s.locked, [...s.roleIds].sort((a, b) => a - b)];
}

/** What a seal covers, in a fixed order: never names, emails or free text. */
function sealedContent(key: JournalKey, step: PlanStep, before: State, after: State): string {
  return JSON.stringify([
    'st-access-guard/journal-step/1',
    key.tenant,
    key.environment,
    step.action,
    step.roleId ?? null,
    step.licenseType ?? null,
    step.user.kind,
    step.user.id,
    step.user.userId,
    state(before),
    state(after),
  ]);
}

export function sealStep(key: JournalKey, step: PlanStep & { before: State; after: State }): string {
  const mac = createHmac('sha256', key.bytes)
    .update(sealedContent(key, step, step.before, step.after))
    .digest('base64url');
  return `${SEAL_PREFIX}${mac}`;
}

/** Whether `step.seal` is the seal this key gives the step's recorded content. */
export function sealIsValid(key: JournalKey, step: PlanStep): boolean {
  if (!step.seal || !step.before || !step.after || !step.seal.startsWith(SEAL_PREFIX)) return false;
  const expected = Buffer.from(sealStep(key, { ...step, before: step.before, after: step.after }));
  const given = Buffer.from(step.seal);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
