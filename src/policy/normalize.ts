/**
 * From the validated document (keys as users write them, defaults applied by the schema) to the
 * `Policy` the engine reads: camelCase, user references parsed, names lower-cased where they
 * compare case-insensitively, and every rule, exemption and mapping with its place in the file.
 */
import { parseUserRef, referenceSite } from './references.js';
import type { PolicyDocument } from './schema.js';
import type { PathSegment } from './source.js';
import type { IdentitySourceConfig } from '../domain/identity.js';
import type {
  AppliesTo,
  Policy,
  PolicyIdentity,
  Position,
  ReviewsPolicy,
  Rule,
  RuleFix,
  UserRef,
} from './types.js';
import { normalizeDomain } from './validate.js';
import { ruleKindOf } from './rule-kinds.js';
import { assertNever } from '../domain/assert-never.js';

type Locate = (path: readonly PathSegment[], at?: 'key' | 'value') => Position;

export function normalizePolicy(doc: PolicyDocument, source: Policy['source'], locate: Locate): Policy {
  return {
    version: 1,
    source,
    organization: {
      ...(doc.organization.name !== undefined ? { name: doc.organization.name } : {}),
      internalDomains: unique(doc.organization['internal-domains'].map(normalizeDomain)),
      internalUsers: refs(doc.organization['internal-users']),
      externalUsers: refs(doc.organization['external-users']),
    },
    permissions: Object.entries(doc.permissions).map(([name, mapping]) => ({
      name,
      id: mapping.id,
      ...(mapping.label !== undefined ? { label: mapping.label } : {}),
      granted: unique(mapping.granted.map((value) => String(value).toLowerCase())),
      position: locate(['permissions', name], 'key'),
    })),
    rules: doc.rules.map((rule, index): Rule => {
      const common = {
        id: rule.id,
        ...(rule.description !== undefined ? { description: rule.description } : {}),
        severity: rule.severity,
        appliesTo: appliesTo(rule['applies-to']),
        position: locate(['rules', index]),
      };
      // the kind is the one kind key the rule is written with, set here explicitly
      const kind = ruleKindOf(rule);
      switch (kind) {
        case 'forbid':
          return {
            kind,
            ...common,
            forbid: {
              permissions: unique(rule.forbid?.permissions ?? []),
              roles: unique(rule.forbid?.roles ?? []),
              account: rule.forbid?.account ?? false,
            },
            fix: ruleFix(rule.fix),
          };
        case 'max-holders': {
          const maxHolders = rule['max-holders']!;
          return {
            kind,
            ...common,
            maxHolders: {
              roles: unique(maxHolders.roles ?? []),
              permissions: unique(maxHolders.permissions ?? []),
              max: maxHolders.max,
            },
          };
        }
        case null:
          // validation refuses a rule with no kind or two (`policy.rule-kind`) before this
          throw new Error(`rule ${rule.id} reached normalization without exactly one kind`);
        default:
          return assertNever(kind, 'rule kind');
      }
    }),
    exemptions: doc.exemptions.map((exemption, index) => ({
      ...(exemption.user !== undefined ? { user: ref(exemption.user) } : {}),
      rules: unique(exemption.rules),
      reason: exemption.reason,
      expires: exemption.expires,
      approvedBy: exemption['approved-by'],
      approvedByPosition: locate(['exemptions', index, 'approved-by']),
      ...(exemption.ticket !== undefined ? { ticket: exemption.ticket } : {}),
      index,
      position: locate(['exemptions', index]),
    })),
    safety: {
      protectedUsers: refs(doc.safety['protected-users']),
      minActiveAdmins: doc.safety['min-active-admins'],
      adminRoles: unique(doc.safety['admin-roles']),
      adminPermissions: unique(doc.safety['admin-permissions']),
    },
    referencePositions: referencePositions(doc, locate),
    identity: identity(doc.identity, locate),
    reviews: reviews(doc.reviews, locate),
  };
}

/** The `reviews` section; logins keep their case for mentions and compare case-insensitively. */
function reviews(raw: PolicyDocument['reviews'], locate: Locate): ReviewsPolicy | null {
  if (raw === undefined) return null;
  return {
    scope: unique(raw.scope),
    reviewers: raw.reviewers.map((group, index) => ({
      github: unique(group.github),
      appliesTo: group['applies-to'] ? appliesTo(group['applies-to']) : null,
      position: locate(['reviews', 'reviewers', index]),
    })),
    dueDays: raw['due-days'],
    position: locate(['reviews'], 'key'),
  };
}

/** The `identity` section; the loader has checked that each source has exactly one kind. */
function identity(raw: PolicyDocument['identity'], locate: Locate): PolicyIdentity | null {
  if (raw === undefined) return null;
  const sourcePositions: Record<string, Position> = {};
  const sources = raw.sources.map((source, index): IdentitySourceConfig => {
    sourcePositions[source.id] ??= locate(['identity', 'sources', index]);
    if (source.entra) return { id: source.id, kind: 'entra', tenantId: source.entra['tenant-id'] };
    if (source.google) return { id: source.id, kind: 'google', customer: source.google.customer };
    const columns = source.columns;
    return {
      id: source.id,
      kind: 'csv',
      path: source.csv ?? '',
      columns: {
        email: columns?.email ?? 'email',
        name: columns?.name ?? 'name',
        status: columns?.status ?? 'status',
        endDate: columns?.['end-date'] ?? 'end_date',
        type: columns?.type ?? 'type',
      },
    };
  });
  return {
    sources,
    match: unique(raw.match),
    leaverFix: raw['leaver-fix'],
    dormantAfterDays: raw['dormant-after-days'] ?? null,
    unmatched: raw.unmatched,
    position: locate(['identity'], 'key'),
    sourcePositions,
  };
}

/**
 * Where each role, business-unit and user reference stands; a value written twice in one list
 * is found at its first place, as normalization keeps the first.
 */
function referencePositions(doc: PolicyDocument, locate: Locate): Record<string, Position> {
  const positions: Record<string, Position> = {};
  const note = (path: PathSegment[], values: readonly (string | number)[] | undefined, users = false) => {
    values?.forEach((value, i) => {
      const named = users && typeof value === 'string' ? parseUserRef(value) : value;
      if (named === null) return;
      positions[referenceSite(path.join('.'), named)] ??= locate([...path, i]);
    });
  };
  doc.rules.forEach((rule, index) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ['rules', index, ...rest];
    const scope = rule['applies-to'];
    note(at('applies-to', 'roles'), scope?.roles);
    note(at('applies-to', 'business-units'), scope?.['business-units']);
    note(at('applies-to', 'users'), scope?.users, true);
    note(at('applies-to', 'except-users'), scope?.['except-users'], true);
    note(at('forbid', 'roles'), rule.forbid?.roles);
    note(at('max-holders', 'roles'), rule['max-holders']?.roles);
  });
  note(['safety', 'protected-users'], doc.safety['protected-users'], true);
  note(['safety', 'admin-roles'], doc.safety['admin-roles']);
  return positions;
}

type RawAppliesTo = NonNullable<PolicyDocument['rules'][number]['applies-to']>;

function appliesTo(raw: RawAppliesTo | undefined): AppliesTo {
  return {
    audience: raw?.audience ?? 'any',
    kinds: unique(raw?.kinds ?? ['employee', 'technician']),
    ...(raw?.roles ? { roles: unique(raw.roles) } : {}),
    ...(raw?.['business-units'] ? { businessUnits: unique(raw['business-units']) } : {}),
    ...(raw?.users ? { users: refs(raw.users) } : {}),
    exceptUsers: refs(raw?.['except-users'] ?? []),
    includeInactive: raw?.['include-inactive'] ?? false,
  };
}

function ruleFix(raw: PolicyDocument['rules'][number]['fix']): RuleFix {
  if (raw === undefined || raw === 'none') return { action: 'none' };
  if (raw === 'lock' || raw === 'deactivate') return { action: raw };
  return { action: 'set-role', role: raw['set-role'] };
}

/** Only called on strings the schema has checked against the user-reference pattern. */
function ref(raw: string): UserRef {
  const parsed = parseUserRef(raw);
  if (!parsed) throw new Error(`unchecked user reference reached normalization: ${raw}`);
  return parsed;
}

function refs(raw: string[]): UserRef[] {
  const seen = new Set<string>();
  return raw.map(ref).filter((r) => {
    const key = `${r.type}:${r.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
