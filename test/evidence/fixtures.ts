/**
 * A small tenant, a real policy file and the report the engine makes of them, to build packs
 * from; plus a tiny RFC 4180 reader written independently of the one under test.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Snapshot, TenantUser } from '../../src/engine/snapshot.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { PackInput } from '../../src/evidence/pack.js';
import { parsePolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { buildReport } from '../../src/report/build.js';
import type { Report } from '../../src/report/model.js';
import { redactReport } from '../../src/report/redact.js';

export const NOW = new Date('2026-03-01T08:00:00Z');
export const POLICY_FILE = '.github/servicetitan-access.yml';

export const POLICY_TEXT = `version: 1
organization:
  name: Acme HVAC
  internal-domains: [acme-hvac.com]
permissions:
  generate-api-key: { id: 1234, label: Generate API Application Key, granted: ["True"] }
  manage-api-access: { id: 1235 }
rules:
  - id: no-external-api-access
    severity: critical
    applies-to: { audience: external }
    forbid: { permissions: [generate-api-key, manage-api-access] }
    fix: lock
  - id: no-external-admins
    severity: high
    applies-to: { audience: external }
    forbid: { roles: [Admin] }
exemptions:
  - user: partner@integrator.example
    rules: [no-external-api-access]
    reason: Integration partner Pat Partner, contract 2231
    expires: 2026-03-31
    approved-by: security@acme-hvac.com
    ticket: SEC-123
`;

export function loadPolicy(text = POLICY_TEXT): Policy {
  return parsePolicy(text, POLICY_FILE, { now: NOW });
}

export function tenantUser(p: Partial<TenantUser> & Pick<TenantUser, 'id' | 'name'>): TenantUser {
  return {
    kind: 'employee',
    userId: 1000 + p.id,
    email: null,
    login: null,
    active: true,
    locked: false,
    role: null,
    roleIds: [],
    roles: [],
    businessUnitId: null,
    businessUnit: null,
    permissions: { '1234': 'False', '1235': 'False' },
    customFields: [],
    aadUserId: null,
    ...p,
  };
}

/** Names a person who can edit an employee record may choose, to attack a spreadsheet. */
export const HOSTILE_NAMES = [
  '=HYPERLINK("http://x")',
  '@SUM(1)',
  '+1',
  '-2',
  '\tTabbed',
  '\rCarriage',
  'Quote "the" Name',
  'Comma, Name',
  'Line\nBreak',
];

export function baseUsers(): TenantUser[] {
  return [
    tenantUser({ id: 1, name: 'Alice Admin', email: 'alice@acme-hvac.com', login: 'alice', roles: ['Admin'], roleIds: [1] }),
    tenantUser({ id: 2, name: 'Bob Office', email: 'bob@acme-hvac.com', login: 'bob', roles: ['Office'], roleIds: [2], businessUnit: 'Plumbing', businessUnitId: 7 }),
    tenantUser({ id: 3, name: 'Pat Partner', email: 'partner@integrator.example', login: 'patp', permissions: { '1234': 'TRUE', '1235': 'False' } }),
    tenantUser({ id: 4, kind: 'technician', name: 'Tess Tech', email: 'tess@acme-hvac.com', roles: ['Technician'], roleIds: [3], permissions: { '1234': 'False', '1235': 'true' } }),
    tenantUser({ id: 5, name: 'Olga Old', email: 'olga@acme-hvac.com', active: false }),
  ]; // prettier-ignore
}

export function hostileUsers(): TenantUser[] {
  return HOSTILE_NAMES.map((name, i) =>
    tenantUser({ id: 100 + i, name, email: `${name}@acme-hvac.com`, login: name, businessUnit: name }),
  );
}

export function snapshotOf(users: TenantUser[], fetchedAt = NOW.toISOString()): Snapshot {
  return {
    tenant: '1234',
    environment: 'production',
    fetchedAt,
    users,
    roles: [
      { id: 1, name: 'Admin', active: true, employeeType: 'Employee' },
      { id: 2, name: 'Office', active: true, employeeType: 'Employee' },
      { id: 3, name: 'Technician', active: true, employeeType: 'Technician' },
    ],
    businessUnits: [{ id: 7, name: 'Plumbing', active: true }],
    warnings: [],
  };
}

export function auditReport(policy: Policy, snapshot: Snapshot, now = NOW): Report {
  return buildReport(
    {
      mode: 'audit',
      tenant: snapshot.tenant,
      environment: snapshot.environment,
      policy: { path: POLICY_FILE, sha256: policy.source.sha256 },
      startedAt: now,
      finishedAt: new Date(now.getTime() + 5000),
      failOn: 'high',
      toolVersion: '1.0.0',
    },
    { evaluation: evaluate(policy, snapshot, now) },
  );
}

export async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'evidence-test-'));
}

/** The inputs of a pack for one audit of `users`. */
export function packInput(
  dir: string,
  users: TenantUser[],
  opts: { redact?: boolean; now?: Date; policyText?: string } = {},
): PackInput {
  const policyText = opts.policyText ?? POLICY_TEXT;
  const policy = loadPolicy(policyText);
  const snapshot = snapshotOf(users, (opts.now ?? NOW).toISOString());
  const report = auditReport(policy, snapshot, opts.now ?? NOW);
  return {
    dir,
    report: opts.redact ? redactReport(report) : report,
    snapshot,
    policy,
    policyText,
    policyFileName: 'servicetitan-access.yml',
    redact: opts.redact ?? false,
    toolVersion: '1.0.0',
    runUrl: 'https://github.com/acme/access/actions/runs/42',
  };
}

/** RFC 4180, read strictly: CRLF rows, quoted cells with doubled quotes. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else if (c === '\r' || c === '\n') throw new Error(`bare line break outside quotes at ${i}`);
    else cell += c;
  }
  if (quoted) throw new Error('unterminated quote');
  if (cell !== '' || row.length > 0) throw new Error('last row does not end with CRLF');
  return rows;
}
