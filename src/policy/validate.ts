/**
 * Checks that relate one part of the policy to another (SPEC §4): rule ids, permission names,
 * exemptions and their approvers and dates. They read the raw document defensively, so they run
 * even when the shape has errors and every problem of the file is reported at once; a value of
 * the wrong type is skipped here because the schema already reports it.
 */
import { BUILT_IN_RULES, IDENTITY_RULES } from './built-in-rules.js';
import type { PolicyIssue } from '../errors.js';
import { identityIssues } from './identity-checks.js';
import { reviewIssues } from './review-checks.js';
import { nearest } from './nearest.js';
import { parseUserRef, sameUserRef } from './references.js';
import { DATE_PATTERN } from './schema.js';
import type { PathSegment, PolicySource } from './source.js';

/** An exemption may run at most this many days past today. */
export const MAX_EXEMPTION_DAYS = 366;
const DAY_MS = 86_400_000;

/** `Acme-HVAC.com`, `@acme-hvac.com` and `.acme-hvac.com` all mean `acme-hvac.com`. */
export function normalizeDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[@.]+/, '');
}
const DOMAIN_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function crossFieldIssues(source: PolicySource, file: string, now: Date): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const add = (
    path: PathSegment[],
    code: string,
    message: string,
    hint?: string,
    at: 'key' | 'value' = 'value',
  ) => issues.push({ file, ...source.locate(path, at), code, message, ...(hint ? { hint } : {}) });
  const doc = source.value;

  const organization = record(doc.organization);
  for (const [i, domain] of list(organization?.['internal-domains']).entries()) {
    if (typeof domain === 'string' && domain.trim() !== '' && !DOMAIN_PATTERN.test(normalizeDomain(domain))) {
      add(
        ['organization', 'internal-domains', i],
        'policy.invalid-domain',
        `\`${domain}\` is not a domain name.`,
        'write the bare domain, for example `acme-hvac.com`',
      );
    }
  }

  const permissions = record(doc.permissions) ?? {};
  const permissionNames = Object.keys(permissions);
  const nameById = new Map<number, string>();
  for (const [name, mapping] of Object.entries(permissions)) {
    const id = record(mapping)?.id;
    if (typeof id !== 'number' || !Number.isInteger(id)) continue;
    const other = nameById.get(id);
    if (other === undefined) nameById.set(id, name);
    else
      add(
        ['permissions', name, 'id'],
        'policy.duplicate-permission-id',
        `\`${name}\` and \`${other}\` both map to permission id ${id}, so a rule using either would be ambiguous.`,
        `keep one name for permission ${id}`,
      );
  }

  const rules = list(doc.rules);
  const ruleKinds = new Map<string, 'forbid' | 'max-holders' | undefined>();
  for (const [index, rawRule] of rules.entries()) {
    const rule = record(rawRule);
    if (!rule) continue;
    const at = (...rest: PathSegment[]): PathSegment[] => ['rules', index, ...rest];
    const id = typeof rule.id === 'string' ? rule.id : undefined;
    const label = id ? `Rule \`${id}\`` : `Rule ${index + 1}`;
    const hasForbid = 'forbid' in rule;
    const hasMaxHolders = 'max-holders' in rule;
    const kind =
      hasForbid && !hasMaxHolders ? 'forbid' : hasMaxHolders && !hasForbid ? 'max-holders' : undefined;
    if (id !== undefined) {
      if ([...BUILT_IN_RULES, ...IDENTITY_RULES].includes(id as never)) {
        add(
          at('id'),
          'policy.reserved-rule-id',
          `\`${id}\` is the id of a built-in finding; a rule cannot use it.`,
          'choose another id',
        );
      } else if (ruleKinds.has(id)) {
        add(
          at('id'),
          'policy.duplicate-rule-id',
          `Two rules have the id \`${id}\`.`,
          'give each rule its own id',
        );
      } else ruleKinds.set(id, kind);
    }
    if (hasForbid && hasMaxHolders) {
      add(
        at('max-holders'),
        'policy.rule-kind',
        `${label} has both \`forbid\` and \`max-holders\`; a rule has exactly one.`,
        'split it into two rules',
        'key',
      );
    } else if (!hasForbid && !hasMaxHolders) {
      add(
        at(),
        'policy.rule-kind',
        `${label} has neither \`forbid\` nor \`max-holders\`, so it checks nothing.`,
        'add `forbid:` (what covered users must not hold) or `max-holders:` (how many may hold it)',
      );
    }
    if (hasMaxHolders && !hasForbid && 'fix' in rule) {
      add(
        at('fix'),
        'policy.fix-on-max-holders',
        `${label} counts holders across the tenant, so \`fix\` cannot say which user to change.`,
        'remove `fix`; the finding lists the holders for a person to decide',
        'key',
      );
    }
    const forbid = record(rule.forbid);
    if (forbid) {
      const some = (key: string) => list(forbid?.[key]).length > 0;
      if (!some('permissions') && !some('roles') && forbid?.account !== true) {
        add(
          at('forbid'),
          'policy.empty-forbid',
          `${label} forbids nothing: \`forbid\` needs \`permissions\`, \`roles\` or \`account: true\`.`,
        );
      }
    }
    const maxHolders = record(rule['max-holders']);
    if (maxHolders && list(maxHolders.roles).length === 0 && list(maxHolders.permissions).length === 0) {
      add(
        at('max-holders'),
        'policy.empty-max-holders',
        `${label} counts nothing: \`max-holders\` needs \`roles\` or \`permissions\`.`,
      );
    }
    for (const section of ['forbid', 'max-holders'] as const) {
      for (const [i, name] of list(record(rule[section])?.permissions).entries()) {
        if (typeof name !== 'string' || name === '' || permissionNames.includes(name)) continue;
        const guess = nearest(name, permissionNames);
        add(
          at(section, 'permissions', i),
          'policy.unknown-permission',
          `${label} uses the permission \`${name}\`, which is not mapped under \`permissions:\`.`,
          guess
            ? `did you mean \`${guess}\`?`
            : `add it under \`permissions:\` with its id (find it with \`st-access-guard discover\`)`,
        );
      }
    }
  }

  for (const [i, name] of list(record(doc.safety)?.['admin-permissions']).entries()) {
    if (typeof name !== 'string' || name === '' || permissionNames.includes(name)) continue;
    const guess = nearest(name, permissionNames);
    add(
      ['safety', 'admin-permissions', i],
      'policy.unknown-permission',
      `\`safety.admin-permissions\` names the permission \`${name}\`, which is not mapped under \`permissions:\`.`,
      guess
        ? `did you mean \`${guess}\`?`
        : `add it under \`permissions:\` with its id (find it with \`st-access-guard discover\`)`,
    );
  }

  for (const [index, rawExemption] of list(doc.exemptions).entries()) {
    const exemption = record(rawExemption);
    if (!exemption) continue;
    const at = (...rest: PathSegment[]): PathSegment[] => ['exemptions', index, ...rest];
    const user = typeof exemption.user === 'string' ? parseUserRef(exemption.user) : null;
    for (const [i, ruleId] of list(exemption.rules).entries()) {
      if (typeof ruleId !== 'string' || ruleId === '') continue;
      if ((BUILT_IN_RULES as readonly string[]).includes(ruleId)) {
        add(
          at('rules', i),
          'policy.unexemptible-rule',
          `\`${ruleId}\` is a built-in finding about the policy itself and cannot be exempted.`,
          'fix its cause instead: renew or remove the exemption, correct the permission mapping, or correct the name that matches nothing',
        );
      } else if ((IDENTITY_RULES as readonly string[]).includes(ruleId)) {
        if (!('identity' in doc)) {
          add(
            at('rules', i),
            'policy.unknown-rule',
            `\`${ruleId}\` is checked only when the policy has an \`identity\` section, so this exemption could never apply.`,
            'add the `identity` section, or remove the rule from the exemption',
          );
        } else if (!('user' in exemption)) {
          add(
            at('rules', i),
            'policy.exemption-scope',
            `The exemption has no \`user\`, but each \`${ruleId}\` finding is about one user.`,
            'add `user:` to say who is exempted',
          );
        }
      } else if (!ruleKinds.has(ruleId)) {
        const guess = nearest(ruleId, [...ruleKinds.keys(), ...('identity' in doc ? IDENTITY_RULES : [])]);
        add(
          at('rules', i),
          'policy.unknown-rule',
          `The exemption names the rule \`${ruleId}\`, but no rule has that id.`,
          guess ? `did you mean \`${guess}\`?` : 'use the id of a rule in this file',
        );
      } else {
        const kind = ruleKinds.get(ruleId);
        if (kind === 'forbid' && !('user' in exemption)) {
          add(
            at('rules', i),
            'policy.exemption-scope',
            `The exemption has no \`user\`, but \`${ruleId}\` is a \`forbid\` rule whose findings are each about one user.`,
            'add `user:` to say who is exempted',
          );
        } else if (kind === 'max-holders' && 'user' in exemption) {
          add(
            at('rules', i),
            'policy.exemption-scope',
            `\`${ruleId}\` is a \`max-holders\` rule with one finding for the whole tenant, so an exemption for one user never applies to it.`,
            'remove `user:` to exempt the tenant-level finding',
          );
        }
      }
    }
    const approver =
      typeof exemption['approved-by'] === 'string' ? parseUserRef(exemption['approved-by']) : null;
    if (user && approver && sameUserRef(user, approver)) {
      add(
        at('approved-by'),
        'policy.self-approved',
        `The exemption for \`${user.raw}\` is approved by the same user.`,
        'have someone else approve it',
      );
    }
    const expires = exemption.expires;
    if (typeof expires === 'string' && DATE_PATTERN.test(expires)) {
      const day = dayNumber(expires);
      if (day === undefined) {
        add(
          at('expires'),
          'policy.invalid-date',
          `\`${expires}\` is not a calendar date.`,
          'write the date as YYYY-MM-DD',
        );
      } else {
        const today = Math.floor(now.getTime() / DAY_MS);
        if (day - today > MAX_EXEMPTION_DAYS) {
          const latest = new Date((today + MAX_EXEMPTION_DAYS) * DAY_MS).toISOString().slice(0, 10);
          add(
            at('expires'),
            'policy.exemption-too-long',
            `The exemption expires ${expires}, ${day - today} days from today; exemptions may run at most ${MAX_EXEMPTION_DAYS} days.`,
            `choose ${latest} or earlier, and renew it at review`,
          );
        }
      }
    }
  }
  issues.push(...identityIssues(source, file));
  issues.push(...reviewIssues(source, file));
  return issues;
}

/** Days since 1970-01-01 for a YYYY-MM-DD date; undefined for a date that does not exist (2027-02-30). */
export function dayNumber(date: string): number | undefined {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return ms / DAY_MS;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
