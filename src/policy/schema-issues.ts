/**
 * Turns zod's findings about the file's shape into located, plain-worded policy issues with a
 * stable code and, where it helps, the key or value the user probably meant.
 */
import { z } from 'zod';
import type { PolicyIssue } from '../errors.js';
import { nearest } from './nearest.js';
import { USER_REF_FORMS, USER_REF_PATTERN } from './references.js';
import {
  CUSTOMER_PATTERN,
  DATE_PATTERN,
  GITHUB_LOGIN_PATTERN,
  NAME_PATTERN,
  policySchema,
  TENANT_ID_PATTERN,
} from './schema.js';
import { describeValue, type PathSegment, type PolicySource } from './source.js';

type ZodIssue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export function schemaIssues(issues: readonly ZodIssue[], source: PolicySource, file: string): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  for (const issue of issues) out.push(...convert(issue, [], source, file));
  // `set_role:` is reported as an unknown key that means `set-role`; saying `set-role` is also
  // missing would tell the reader the same thing twice.
  const suggested = new Set(
    out
      .filter((i) => i.code === 'policy.unknown-key' && i.hint?.startsWith('did you mean'))
      .map((i) => i.hint),
  );
  return out.filter(
    (i) =>
      !(
        i.code === 'policy.missing-key' &&
        suggested.has(`did you mean \`${i.message.match(/`([^`]+)`\.$/)?.[1]}\`?`)
      ),
  );
}

function convert(issue: ZodIssue, prefix: PathSegment[], source: PolicySource, file: string): PolicyIssue[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const at = (
    p: PathSegment[],
    code: string,
    message: string,
    hint?: string,
    where: 'key' | 'value' = 'value',
  ) => ({
    file,
    ...source.locate(p, where),
    code,
    message,
    ...(hint ? { hint } : {}),
  });
  const value = valueAt(source.value, path);
  const name = `\`${formatPath(path)}\``;

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const allowed = keysAt(path);
        const guess = nearest(key, allowed);
        const hint = guess
          ? `did you mean \`${guess}\`?`
          : allowed.length > 0
            ? `the keys allowed here are ${allowed.map((k) => `\`${k}\``).join(', ')}`
            : undefined;
        const where = path.length === 0 ? 'the policy' : `\`${formatPath(path)}\``;
        return at([...path, key], 'policy.unknown-key', `\`${key}\` is not a key of ${where}.`, hint, 'key');
      });
    case 'invalid_type': {
      if (value === undefined && path.length > 0) {
        const parent = path.slice(0, -1);
        const key = String(path[path.length - 1]);
        const owner = parent.length === 0 ? 'The policy' : `\`${formatPath(parent)}\``;
        const description = descriptionOf(schemaAt(path));
        return [
          at(parent, 'policy.missing-key', `${owner} is missing the required key \`${key}\`.`, description),
        ];
      }
      if (path.length === 1 && path[0] === 'version') return [unsupportedVersion(at, value)];
      return [
        at(
          path,
          'policy.invalid-type',
          `${name} must be ${expectedWords(issue.expected)}, not ${describeValue(value)}.`,
        ),
      ];
    }
    case 'invalid_value': {
      if (path.length === 1 && path[0] === 'version') return [unsupportedVersion(at, value)];
      const options = issue.values.map(String);
      const guess = typeof value === 'string' ? nearest(value, options) : undefined;
      return [
        at(
          path,
          'policy.invalid-value',
          `${name} must be one of ${options.join(', ')}; \`${String(value)}\` is not.`,
          guess ? `did you mean \`${guess}\`?` : undefined,
        ),
      ];
    }
    case 'invalid_format': {
      const pattern = 'pattern' in issue ? String(issue.pattern) : '';
      if (pattern === String(USER_REF_PATTERN)) {
        return [
          at(
            path,
            'policy.invalid-user-ref',
            `\`${String(value)}\` is not a user reference.`,
            `write ${USER_REF_FORMS}`,
          ),
        ];
      }
      if (pattern === String(DATE_PATTERN)) {
        return [
          at(
            path,
            'policy.invalid-date',
            `${name} must be a date written YYYY-MM-DD, not \`${String(value)}\`.`,
          ),
        ];
      }
      if (pattern === String(NAME_PATTERN)) return [invalidName(at, path, String(value))];
      if (pattern === String(GITHUB_LOGIN_PATTERN)) {
        return [
          at(
            path,
            'policy.invalid-github-login',
            `\`${String(value)}\` is not a GitHub login.`,
            String(value).startsWith('@')
              ? 'write the login without `@`'
              : 'write the GitHub login: letters, digits and single hyphens, at most 39 characters',
          ),
        ];
      }
      if (pattern === String(TENANT_ID_PATTERN) || pattern === String(CUSTOMER_PATTERN)) {
        const tenant = pattern === String(TENANT_ID_PATTERN);
        return [
          at(
            path,
            'policy.invalid-value',
            `\`${String(value)}\` is not ${tenant ? 'an Entra directory id' : 'a Google Workspace customer'}.`,
            tenant
              ? 'write the directory (tenant) id, a GUID shown on the Entra overview page, or its domain'
              : 'write `my_customer`, or the customer id shown in the Admin console (letters, digits and `_`)',
          ),
        ];
      }
      return [at(path, 'policy.invalid-value', `${name} has the wrong format.`)];
    }
    case 'invalid_key': {
      const key = String(path[path.length - 1]);
      return [invalidName(at, path, key, 'key')];
    }
    case 'too_small': {
      if (issue.origin === 'array')
        return [at(path, 'policy.invalid-value', `${name} must not be an empty list.`)];
      if (issue.origin === 'string') return [at(path, 'policy.invalid-value', `${name} must not be empty.`)];
      const minimum = Number(issue.minimum);
      const words = issue.inclusive ? `at least ${minimum}` : `more than ${minimum}`;
      return [at(path, 'policy.invalid-value', `${name} must be ${words}, not ${String(value)}.`)];
    }
    case 'too_big':
      return [at(path, 'policy.invalid-value', `${name} is too large (${String(value)}).`)];
    case 'invalid_union':
      return unionIssues(issue, path, source, file, at, name, value);
    default:
      return [at(path, 'policy.invalid-value', `${name}: ${issue.message}`)];
  }
}

type At = (
  p: PathSegment[],
  code: string,
  message: string,
  hint?: string,
  where?: 'key' | 'value',
) => PolicyIssue;

function unionIssues(
  issue: Extract<ZodIssue, { code: 'invalid_union' }>,
  path: PathSegment[],
  source: PolicySource,
  file: string,
  at: At,
  name: string,
  value: unknown,
): PolicyIssue[] {
  // The branch whose type matched (e.g. the `{set-role: …}` mapping) explains the problem best.
  const branches = (issue.errors ?? []) as ZodIssue[][];
  const matching = branches.find(
    (b) =>
      b.length > 0 &&
      !b.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')),
  );
  if (matching) return matching.flatMap((i) => convert(i, path, source, file));
  const expected: string[] = [];
  for (const branch of branches) {
    for (const i of branch) {
      if (i.path.length !== 0) continue;
      if (i.code === 'invalid_value') expected.push(...i.values.map(String));
      else if (i.code === 'invalid_type') expected.push(expectedWords(i.expected));
    }
  }
  const options = [...new Set(expected)];
  const guess = typeof value === 'string' ? nearest(value, options) : undefined;
  const shown = typeof value === 'string' ? `\`${value}\`` : describeValue(value);
  return [
    at(
      path,
      typeof value === 'string' ? 'policy.invalid-value' : 'policy.invalid-type',
      `${name} must be ${options.join(' or ')}, not ${shown}.`,
      guess ? `did you mean \`${guess}\`?` : undefined,
    ),
  ];
}

function unsupportedVersion(at: At, value: unknown): PolicyIssue {
  return at(
    ['version'],
    'policy.unsupported-version',
    `This policy says \`version: ${String(value)}\`; only version 1 is supported.`,
    'write `version: 1`',
  );
}

function invalidName(
  at: At,
  path: PathSegment[],
  value: string,
  where: 'key' | 'value' = 'value',
): PolicyIssue {
  return at(
    path,
    'policy.invalid-name',
    `\`${value}\` is not a valid name: use letters, digits, \`-\`, \`_\` and \`.\` (at most 100).`,
    'for example `no-external-api-access`',
    where,
  );
}

function expectedWords(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

/** `rules[0].applies-to.audience` */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    '',
  );
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

/** Follows `path` through the schema, through wrappers, lists and maps. */
function schemaAt(path: readonly PathSegment[]): AnySchema | undefined {
  let schema: AnySchema | undefined = policySchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (!schema) return undefined;
    const def = schema._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'object') schema = (def.shape as Record<string, AnySchema>)[String(segment)];
    else if (def.type === 'array') schema = def.element as AnySchema;
    else if (def.type === 'record') schema = def.valueType as AnySchema;
    else return undefined;
  }
  return schema;
}

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = current._zod.def as unknown as Record<string, unknown>;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') {
      current = def.innerType as AnySchema;
    } else if (def.type === 'union') {
      // `fix` is an enum or a mapping: keys come from the mapping.
      const options = def.options as AnySchema[];
      current =
        options.find((o) => (o._zod.def as unknown as Record<string, unknown>).type === 'object') ?? current;
      break;
    } else break;
  }
  return current;
}

function keysAt(path: readonly PathSegment[]): string[] {
  const schema = unwrap(schemaAt(path));
  const def = schema?._zod.def as unknown as Record<string, unknown> | undefined;
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

/** A key's description, wherever along its wrappers (`.optional()`, `.default()`) it was attached. */
function descriptionOf(schema: AnySchema | undefined): string | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const description = z.globalRegistry.get(current)?.description;
    if (description) return description;
    const def = current._zod.def as unknown as Record<string, unknown>;
    current = def.innerType as AnySchema | undefined;
  }
  return undefined;
}
