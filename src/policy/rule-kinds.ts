/**
 * The rule kinds of the policy language: each is the key a rule is written with (`forbid:`,
 * `max-holders:`) and the `kind` its normalized rule carries. Adding a kind is one entry here,
 * its schema in `schema.ts` (the compiler then asks for its case in `normalize.ts`), and one
 * judgement file in `src/engine/rules/` (asked for by the switch in `src/engine/rules.ts`).
 */
import type { Rule } from './types.js';

export const RULE_KINDS = ['forbid', 'max-holders'] as const;

export type RuleKind = (typeof RULE_KINDS)[number];

/** The kinds of this list and of the `Rule` union are the same, or this does not compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatchRules: Same<RuleKind, Rule['kind']> = true;
void kindsMatchRules;

/**
 * The kind of a rule as written: the one kind key it carries; null when it carries none or
 * several (validation reports both before normalization).
 */
export function ruleKindOf(rule: object): RuleKind | null {
  const present = RULE_KINDS.filter((kind) => (rule as Record<string, unknown>)[kind] !== undefined);
  return present.length === 1 ? present[0]! : null;
}
