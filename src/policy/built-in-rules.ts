/**
 * The rule ids the tool always checks, whatever the policy says: reserved in a policy (a rule may
 * not take one of these ids), reported by the engine.
 */
export const BUILT_IN_RULES = [
  'exemption-expired',
  'exemption-unused',
  'permission-unmapped',
  'reference-unmatched',
] as const;
export type BuiltInRule = (typeof BUILT_IN_RULES)[number];

/**
 * The identity findings (SPEC §8): checked only when the policy has an `identity` section. Their
 * ids are reserved too, but unlike the findings above they are about an account, not the policy,
 * so an exemption with `user` may cover them like a `forbid` rule.
 */
export const IDENTITY_RULES = [
  'identity-leaver',
  'identity-unmatched',
  'identity-dormant',
  'identity-sso-broken',
] as const;
export type IdentityRule = (typeof IDENTITY_RULES)[number];
