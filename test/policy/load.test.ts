import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/policy/load.js';
import type { ForbidRule, MaxHoldersRule } from '../../src/policy/types.js';
import { NOW, policy } from './support.js';

const parse = (text: string) => parsePolicy(text, 'policy.yml', { now: NOW });

describe('defaults', () => {
  const minimal = parse('version: 1\nrules:\n  - id: no-accounts\n    forbid: { account: true }\n');
  const rule = minimal.rules[0] as ForbidRule;

  it('gives a rule severity high, audience any, both kinds, active accounts only and no fix', () => {
    expect(rule.severity).toBe('high');
    expect(rule.appliesTo).toEqual({
      audience: 'any',
      kinds: ['employee', 'technician'],
      exceptUsers: [],
      includeInactive: false,
    });
    expect(rule.fix).toEqual({ action: 'none' });
  });

  it('fills an absent forbid list with nothing', () => {
    expect(rule.forbid).toEqual({ permissions: [], roles: [], account: true });
  });

  it('defaults organization, permissions and exemptions to empty', () => {
    expect(minimal.organization).toEqual({ internalDomains: [], internalUsers: [], externalUsers: [] });
    expect(minimal.permissions).toEqual([]);
    expect(minimal.exemptions).toEqual([]);
  });

  it('defaults safety to no protected users, one active admin, and the Admin and Owner roles', () => {
    expect(minimal.safety).toEqual({
      protectedUsers: [],
      minActiveAdmins: 1,
      adminRoles: ['Admin', 'Owner'],
      adminPermissions: [],
    });
  });

  it('treats a permission as held when its value is "true" unless `granted` says otherwise', () => {
    expect(parse(policy()).permissions[0]?.granted).toEqual(['true']);
  });
});

describe('every key of the policy language', () => {
  const text = `version: 1
organization:
  name: Acme HVAC
  internal-domains: [Acme-HVAC.com, '@corp.example', .sub.example]
  internal-users: [Ops-Bot@Gmail.com]
  external-users: [temp@acme-hvac.com, login:Temp2]
permissions:
  generate-api-key:
    id: 1234
    label: Generate API Application Key
    granted: ["True", YES, true]
  manage-api-access: { id: 1235, label: Manage API Application Access }
rules:
  - id: no-external-api-access
    description: Outsiders must not create app keys or client secrets
    severity: critical
    applies-to:
      audience: external
      kinds: [employee, technician]
      roles: [Office]
      business-units: [Plumbing, 7]
      users: [user:42, employee:7, technician:9]
      except-users: [alice@acme-hvac.com]
      include-inactive: true
    forbid:
      permissions: [generate-api-key, manage-api-access]
      roles: [Admin, Owner]
      account: true
    fix: lock
  - id: deactivate-them
    forbid: { roles: [Admin] }
    fix: deactivate
  - id: demote-them
    forbid: { roles: [Admin] }
    fix: { set-role: Technician }
  - id: at-most-three-admins
    severity: medium
    max-holders: { roles: [Admin, Owner], max: 3 }
exemptions:
  - user: partner@integrator.example
    rules: [no-external-api-access]
    reason: Integration partner, contract 2231
    expires: 2027-03-01
    approved-by: security@acme-hvac.com
    ticket: SEC-123
  - rules: [at-most-three-admins]
    reason: Merger transition
    expires: "2026-06-30"
    approved-by: security@acme-hvac.com
safety:
  protected-users: [owner@acme-hvac.com]
  min-active-admins: 2
  admin-roles: [Admin, Owner, Super]
`;
  const loaded = parse(text);
  const [full, deactivate, demote, maxHolders] = loaded.rules as [
    ForbidRule,
    ForbidRule,
    ForbidRule,
    MaxHoldersRule,
  ];

  it('stores internal domains lower-case without a leading @ or dot', () => {
    expect(loaded.organization.internalDomains).toEqual(['acme-hvac.com', 'corp.example', 'sub.example']);
  });

  it('parses organization user lists into lower-cased references', () => {
    expect(loaded.organization.name).toBe('Acme HVAC');
    expect(loaded.organization.internalUsers).toEqual([
      { type: 'email', value: 'ops-bot@gmail.com', raw: 'Ops-Bot@Gmail.com' },
    ]);
    expect(loaded.organization.externalUsers.map((u) => u.value)).toEqual(['temp@acme-hvac.com', 'temp2']);
  });

  it('maps permission names to ids, labels and lower-case granted values', () => {
    expect(loaded.permissions).toEqual([
      {
        name: 'generate-api-key',
        id: 1234,
        label: 'Generate API Application Key',
        granted: ['true', 'yes'],
        position: { line: 8, column: 3 },
      },
      {
        name: 'manage-api-access',
        id: 1235,
        label: 'Manage API Application Access',
        granted: ['true'],
        position: { line: 12, column: 3 },
      },
    ]);
  });

  it('reads every applies-to key', () => {
    expect(full.appliesTo).toEqual({
      audience: 'external',
      kinds: ['employee', 'technician'],
      roles: ['Office'],
      businessUnits: ['Plumbing', 7],
      users: [
        { type: 'user', value: 42, raw: 'user:42' },
        { type: 'employee', value: 7, raw: 'employee:7' },
        { type: 'technician', value: 9, raw: 'technician:9' },
      ],
      exceptUsers: [{ type: 'email', value: 'alice@acme-hvac.com', raw: 'alice@acme-hvac.com' }],
      includeInactive: true,
    });
  });

  it('reads a forbid rule with its description, severity, forbid lists and fix', () => {
    expect(full).toMatchObject({
      kind: 'forbid',
      id: 'no-external-api-access',
      description: 'Outsiders must not create app keys or client secrets',
      severity: 'critical',
      forbid: {
        permissions: ['generate-api-key', 'manage-api-access'],
        roles: ['Admin', 'Owner'],
        account: true,
      },
      fix: { action: 'lock' },
      position: { line: 14, column: 5 },
    });
  });

  it('reads the deactivate and set-role fixes', () => {
    expect(deactivate.fix).toEqual({ action: 'deactivate' });
    expect(demote.fix).toEqual({ action: 'set-role', role: 'Technician' });
  });

  it('reads a max-holders rule', () => {
    expect(maxHolders).toMatchObject({
      kind: 'max-holders',
      severity: 'medium',
      maxHolders: { roles: ['Admin', 'Owner'], permissions: [], max: 3 },
    });
  });

  it('reads exemptions with and without a user, keeping their index and position', () => {
    expect(loaded.exemptions).toEqual([
      {
        user: { type: 'email', value: 'partner@integrator.example', raw: 'partner@integrator.example' },
        rules: ['no-external-api-access'],
        reason: 'Integration partner, contract 2231',
        expires: '2027-03-01',
        approvedBy: 'security@acme-hvac.com',
        approvedByPosition: { line: 44, column: 18 },
        ticket: 'SEC-123',
        index: 0,
        position: { line: 40, column: 5 },
      },
      {
        rules: ['at-most-three-admins'],
        reason: 'Merger transition',
        expires: '2026-06-30',
        approvedBy: 'security@acme-hvac.com',
        approvedByPosition: { line: 49, column: 18 },
        index: 1,
        position: { line: 46, column: 5 },
      },
    ]);
  });

  it('reads the safety block', () => {
    expect(loaded.safety).toEqual({
      protectedUsers: [{ type: 'email', value: 'owner@acme-hvac.com', raw: 'owner@acme-hvac.com' }],
      minActiveAdmins: 2,
      adminRoles: ['Admin', 'Owner', 'Super'],
      adminPermissions: [],
    });
  });

  it('records the path and the SHA-256 of the text', () => {
    expect(loaded.source.path).toBe('policy.yml');
    expect(loaded.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('YAML forms', () => {
  it('accepts an explicit YAML date for expires and keeps it as YYYY-MM-DD', () => {
    const loaded = parse(
      policy(`exemptions:
  - user: a@b.example
    rules: [no-external-api-access]
    reason: r
    expires: !!timestamp 2026-05-01
    approved-by: c@b.example
`),
    );
    expect(loaded.exemptions[0]?.expires).toBe('2026-05-01');
  });

  it('allows aliases within the expansion limit', () => {
    const loaded = parse(
      `version: 1\nrules:\n  - id: a\n    applies-to: { except-users: &vips [x@y.example] }\n    forbid: { account: true }\n  - id: b\n    applies-to: { except-users: *vips }\n    forbid: { account: true }\n`,
    );
    expect(loaded.rules[1]?.appliesTo.exceptUsers[0]?.value).toBe('x@y.example');
  });
});
