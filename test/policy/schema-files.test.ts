import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { POLICY_ISSUE_CODES } from '../../src/policy/codes.js';
import { POLICY_SCHEMA_URL, policyJsonSchema } from '../../src/policy/json-schema.js';
import { loadPolicyFile } from '../../src/policy/load.js';
import { policyReferenceMarkdown } from '../../src/policy/reference-doc.js';
import type { ForbidRule } from '../../src/policy/types.js';
import { NOW } from './support.js';

const STALE = 'generated file is stale: run npm run schema (node scripts/gen-schema.mjs)';
const EXAMPLES = 'examples/policies';
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yml'));

const validator = () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(policyJsonSchema());
};

describe('generated files', () => {
  it('schema/policy.schema.json is the schema the code generates', () => {
    const committed = readFileSync('schema/policy.schema.json', 'utf8');
    expect(committed, STALE).toBe(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
  });

  it('docs/policy.md is the reference the code generates', () => {
    expect(readFileSync('docs/policy.md', 'utf8'), STALE).toBe(policyReferenceMarkdown());
  });

  it('gives the JSON Schema its public URL and a title', () => {
    expect(policyJsonSchema()).toMatchObject({ $id: POLICY_SCHEMA_URL, title: expect.any(String) });
  });

  it('describes every key of the policy language', () => {
    const undescribed: string[] = [];
    const walk = (schema: Record<string, unknown>, path: string) => {
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, property] of Object.entries(properties)) {
        if (typeof property.description !== 'string') undescribed.push(`${path}${key}`);
        walk(property, `${path}${key}.`);
      }
      if (schema.items) walk(schema.items as Record<string, unknown>, path);
      if (typeof schema.additionalProperties === 'object')
        walk(schema.additionalProperties as Record<string, unknown>, path);
      for (const option of (schema.anyOf ?? []) as Record<string, unknown>[]) walk(option, path);
    };
    walk(policyJsonSchema(), '');
    expect(undescribed).toEqual([]);
  });

  it('documents the built-in findings', () => {
    const doc = policyReferenceMarkdown();
    for (const id of ['exemption-expired', 'exemption-unused', 'permission-unmapped'])
      expect(doc).toContain(`### \`${id}\``);
  });
});

describe('the JSON Schema for editors', () => {
  it.each(examples)('accepts examples/policies/%s', (file) => {
    const validate = validator();
    expect(validate(parse(readFileSync(join(EXAMPLES, file), 'utf8'))), JSON.stringify(validate.errors)).toBe(
      true,
    );
  });

  it('accepts an exemption whose expiry is a plain YAML date', () => {
    const doc = parse(
      'version: 1\nrules: [{id: a, forbid: {account: true}}]\nexemptions:\n  - {user: a@b.c, rules: [a], reason: r, expires: 2026-05-01, approved-by: c@b.c}\n',
    );
    expect(validator()(doc)).toBe(true);
  });

  it('rejects a misspelt key, as the loader does', () => {
    expect(validator()(parse('version: 1\nrules: [{id: a, aplies-to: {}, forbid: {account: true}}]\n'))).toBe(
      false,
    );
  });
});

describe('example policies', () => {
  it.each(examples)('examples/policies/%s loads without a problem', async (file) => {
    const loaded = await loadPolicyFile(join(EXAMPLES, file), { now: NOW });
    expect(loaded.rules.length).toBeGreaterThan(0);
  });

  it.each(examples)('examples/policies/%s starts with the schema line and ships no exemption', (file) => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${POLICY_SCHEMA_URL}`);
    expect(text).toContain('st-access-guard discover');
    expect(parse(text).exemptions).toBeUndefined();
  });

  it("encodes ServiceTitan's reminder in the starter policy, with the sandbox's permission ids", async () => {
    const starter = await loadPolicyFile(join(EXAMPLES, 'starter.yml'), { now: NOW });
    expect(starter.organization.internalDomains).toEqual(['acme-hvac.com']);
    expect(starter.permissions.map((p) => [p.name, p.id, p.granted])).toEqual([
      ['generate-api-key', 10421, ['true']],
      ['manage-api-access', 10422, ['true']],
    ]);
    const [api, admins] = starter.rules as [ForbidRule, ForbidRule];
    expect(api).toMatchObject({
      id: 'no-external-api-access',
      severity: 'critical',
      fix: { action: 'lock' },
    });
    expect(api.appliesTo.audience).toBe('external');
    expect(api.forbid.permissions).toEqual(['generate-api-key', 'manage-api-access']);
    expect(admins).toMatchObject({ id: 'no-external-admins', fix: { action: 'lock' } });
    expect(admins.forbid.roles).toEqual(['Admin', 'Owner']);
    expect(starter.safety.protectedUsers.map((u) => u.value)).toEqual(['robert.hallorann@acme-hvac.com']);
  });
});

describe('issue codes', () => {
  it('documents every code the policy loader can report', () => {
    const sources = readdirSync('src/policy').map((f) => readFileSync(join('src/policy', f), 'utf8'));
    const used = new Set(sources.flatMap((s) => [...s.matchAll(/'(policy\.[a-z-]+)'/g)].map((m) => m[1])));
    for (const code of used)
      expect(Object.keys(POLICY_ISSUE_CODES), `undocumented code ${code}`).toContain(code);
  });
});
