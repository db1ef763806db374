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
