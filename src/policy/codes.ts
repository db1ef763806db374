/**
 * Every problem a policy file can have, with a stable code (printed with the message, used in
 * annotations and tests) and what it means and how to fix it (for docs/troubleshooting.md).
 */
export const POLICY_ISSUE_CODES = {
  'policy.not-found': {
    meaning: 'The policy file does not exist.',
    fix: 'Create `.github/servicetitan-access.yml` or point the `policy` input (`--policy`) at your file.',
  },
  'policy.not-readable': {
    meaning: 'The policy path exists but cannot be read as a file (a directory, or no permission).',
    fix: 'Point the `policy` input at a readable YAML file.',
  },
  'policy.outside-workspace': {
    meaning: 'The policy path (or the target of a symlink) lies outside the repository checkout.',
    fix: 'Keep the policy inside the repository, so what is audited is what was reviewed.',
  },
  'policy.too-large': {
    meaning: 'The policy file is larger than 1 MB.',
    fix: 'A policy is a short text file; check that the path points at the right file.',
  },
  'policy.not-text': {
    meaning: 'The file is not UTF-8 text, or contains control characters.',
    fix: 'Save the policy as UTF-8 YAML; check that the path points at the right file.',
  },
  'policy.empty': {
    meaning: 'The policy file is empty or holds only comments.',
    fix: 'Start from examples/policies/starter.yml.',
  },
  'policy.yaml-syntax': {
    meaning:
      'The file is not valid YAML (bad indentation, an unclosed bracket or quote, tabs as indentation…).',
    fix: 'Fix the YAML at the line shown; indent with spaces.',
  },
  'policy.too-deep': {
    meaning: 'The YAML nests too deeply to be a policy.',
    fix: 'A policy nests at most a few levels; check the file.',
  },
  'policy.duplicate-key': {
    meaning: 'The same key appears twice in one mapping, so one value would silently win.',
    fix: 'Keep one of the two keys.',
  },
  'policy.multiple-documents': {
    meaning: 'The file holds more than one YAML document (`---` separators).',
    fix: 'Keep one policy per file; remove the extra `---` documents.',
  },
  'policy.alias-limit': {
    meaning: 'The file expands too many YAML aliases (`*name`), as an alias bomb would.',
    fix: 'Write the lists out instead of nesting aliases.',
  },
  'policy.custom-tag': {
    meaning: 'The file uses a YAML tag (`!foo`, `!!js/function`, `!!binary` …) that could build objects.',
    fix: 'Remove the tag; a policy uses only plain strings, numbers, booleans, lists and mappings.',
  },
  'policy.not-a-mapping': {
    meaning: 'The document is not a mapping of keys (`version:`, `rules:` …).',
    fix: 'Start from examples/policies/starter.yml.',
  },
  'policy.unknown-key': {
    meaning: 'A key that the policy language does not have (often a typo).',
    fix: 'Use the suggested key, or remove it; docs/policy.md lists every key.',
  },
  'policy.missing-key': {
    meaning: 'A required key is missing.',
    fix: 'Add the key named in the message.',
  },
  'policy.invalid-type': {
    meaning:
      'A value of the wrong type (text where a list is expected, a fraction where a whole number is…).',
    fix: 'Write the value as docs/policy.md shows for that key.',
  },
  'policy.invalid-value': {
    meaning: 'A value outside what the key allows (an unknown severity, a negative number, an empty list…).',
    fix: 'Use one of the values the message lists.',
  },
  'policy.unsupported-version': {
    meaning: '`version` is not 1.',
    fix: 'Write `version: 1`.',
  },
  'policy.invalid-user-ref': {
    meaning: 'A user reference is not an email, login:NAME, user:ID, employee:ID or technician:ID.',
    fix: 'Write the user as name@example.com, login:NAME or user:/employee:/technician: with a positive id.',
  },
  'policy.invalid-name': {
    meaning: 'A rule id or permission name has characters other than letters, digits, `-`, `_` and `.`.',
    fix: 'Rename it, for example `no-external-api-access`.',
  },
  'policy.invalid-domain': {
    meaning: 'An internal domain is not a domain name.',
    fix: 'Write the bare domain, for example `acme-hvac.com`.',
  },
  'policy.duplicate-permission-id': {
    meaning:
      'Two permission names map to the same ServiceTitan id, so rules and findings would be ambiguous.',
    fix: 'Keep one name per permission id.',
  },
  'policy.unknown-permission': {
    meaning: 'A rule uses a permission name that is not mapped under `permissions:`.',
    fix: 'Add the name under `permissions:` with its id (find it with `st-access-guard discover`) or fix the spelling.',
  },
  'policy.duplicate-rule-id': {
    meaning: 'Two rules have the same id.',
    fix: 'Give each rule its own id.',
  },
  'policy.reserved-rule-id': {
    meaning:
      'A rule uses the id of a built-in finding (exemption-expired, exemption-unused, permission-unmapped, reference-unmatched, or one of the identity findings identity-leaver, identity-unmatched, identity-dormant, identity-sso-broken).',
    fix: 'Choose another id.',
  },
  'policy.rule-kind': {
    meaning: 'A rule has both or neither of `forbid` and `max-holders`.',
    fix: 'Give the rule exactly one of them; split it in two if it needs both.',
  },
  'policy.empty-forbid': {
    meaning: '`forbid` names nothing to forbid, so the rule could never find anything.',
    fix: 'Add `permissions`, `roles` or `account: true` under `forbid`.',
  },
  'policy.empty-max-holders': {
    meaning: '`max-holders` counts neither roles nor permissions.',
    fix: 'Add `roles` or `permissions` under `max-holders`.',
  },
  'policy.fix-on-max-holders': {
    meaning: 'A `max-holders` rule has a `fix`: a count over the tenant cannot say which user to change.',
    fix: 'Remove `fix` from the rule; its finding lists the holders for a person to decide.',
  },
  'policy.unknown-rule': {
    meaning:
      'An exemption names a rule id that no rule has, or an identity finding while the policy has no `identity` section.',
    fix: 'Use the id of a rule in this file (the suggestion is the nearest one), or add the `identity` section.',
  },
  'policy.unexemptible-rule': {
    meaning: 'An exemption names a built-in finding; those report problems with the policy itself.',
    fix: 'Fix the cause instead: renew or remove the exemption, correct the permission mapping, or correct the name that matches nothing in the tenant.',
  },
  'policy.exemption-scope': {
    meaning:
      'An exemption without `user` names a `forbid` rule, or one with `user` names a `max-holders` rule, so it could never apply.',
    fix: 'Add `user` to exempt one person from a `forbid` rule; leave it out to exempt a `max-holders` rule.',
  },
  'policy.self-approved': {
    meaning:
      'An exemption is approved by the user it exempts, as written or (once the tenant is fetched) under another name of the same person.',
    fix: 'Have someone else approve it and name them in `approved-by`.',
  },
  'policy.invalid-date': {
    meaning: '`expires` is not a calendar date written YYYY-MM-DD.',
    fix: 'Write the date as YYYY-MM-DD, for example 2027-03-31.',
  },
  'policy.exemption-too-long': {
    meaning: 'An exemption expires more than 366 days from today.',
    fix: 'Choose an earlier date and renew the exemption when it comes up for review.',
  },
  'policy.duplicate-source-id': {
    meaning:
      'Two identity sources have the same `id`, so findings and the report could not say which one knew a user.',
    fix: 'Give each entry of `identity.sources` its own id.',
  },
  'policy.source-kind': {
    meaning:
      'An identity source has none or more than one of `csv`, `entra` and `google`, or has `columns` without `csv`.',
    fix: 'Give each source exactly one kind; `columns` goes only with `csv`.',
  },
  'policy.roster-outside-workspace': {
    meaning: 'A `csv` identity source is an absolute path or leads outside the repository.',
    fix: 'Give the roster’s path relative to the repository root, like the policy’s, for example `people/roster.csv`.',
  },
  'policy.duplicate-column': {
    meaning: 'Two keys of a `csv` source’s `columns` name the same header.',
    fix: 'Point each key at its own column of the roster.',
  },
  'policy.duplicate-match-key': {
    meaning: '`identity.match` lists a join key twice.',
    fix: 'List each of `aad` and `email` at most once, in the order to try them.',
  },
  'policy.invalid-github-login': {
    meaning:
      'A reviewer under `reviews.reviewers` is not a GitHub login (it has `@`, spaces or other characters).',
    fix: 'Write the login as GitHub shows it on the profile, without `@`: letters, digits and single hyphens.',
  },
  'policy.unreachable-reviewers': {
    meaning:
      'A reviewer group comes after a group without `applies-to`, which takes every account left, so it would never review anyone.',
    fix: 'Move the group without `applies-to` to the end of `reviews.reviewers`, or give it an `applies-to`.',
  },
  'policy.invalid-extends': {
    meaning: '`extends` is not the path of a base policy file (empty, a number, a list…).',
    fix: 'Write the base policy’s path relative to this file, e.g. `extends: ../servicetitan-base.yml`, or remove the key.',
  },
  'policy.extends-not-found': {
    meaning:
      'The base policy named by `extends` does not exist (the path is relative to the file that says `extends`).',
    fix: 'Correct the path, and check that the base policy is committed.',
  },
  'policy.extends-cycle': {
    meaning:
      'A chain of `extends` comes back to a file already in it, so it never ends; the message names both files.',
    fix: 'Remove the `extends` of one of the two files: a base must not extend the policies built on it.',
  },
  'policy.extends-too-deep': {
    meaning: 'The chain of `extends` is more than 10 files deep.',
    fix: 'Flatten the chain: one shared base and one file per tenant is usually enough.',
  },
  'policy.disabled-unknown-rule': {
    meaning:
      'A rule with `disabled: true` names an id that no base policy has, so it switches nothing off (often a typo).',
    fix: 'Use the id of a rule of the base policy (the hint suggests the nearest), or remove the entry.',
  },
} as const satisfies Record<string, { meaning: string; fix: string }>;

export type PolicyIssueCode = keyof typeof POLICY_ISSUE_CODES;
