// Writes examples/sandbox/tenant.json: a small tenant for `st-access-guard sandbox --data FILE`,
// cut from the built-in sample tenant (src/sandbox/sample-tenant.ts): its roles, business units
// and permission catalogue, the users its deliberate problems are about, records unchanged, and
// those users' people in its identity directories.
// Run after changing the sample tenant: `node scripts/sandbox-sample.mjs`. A test fails while it is stale.
import { build } from 'esbuild';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'examples/sandbox/tenant.json');

/**
 * The users kept: the internal admins and owner (101-103, 101 a leaver in the directories), a
 * mixed-case email (112), a locked account (130), a broken SSO link (145), the user the
 * permission-id recipe toggles (150), the outsiders (160-164), and technicians: an ordinary one
 * (201), a dormant one (208), an inactive one (215), one at an outside domain (230).
 * Keep in step with test/sandbox/sample-file.test.ts.
 */
const SAMPLE_FILE_USERS = {
  employees: [101, 102, 103, 112, 130, 145, 150, 160, 161, 162, 163, 164],
  technicians: [201, 208, 215, 230],
};

const temp = await mkdtemp(join(tmpdir(), 'sandbox-sample-'));
try {
  const bundle = join(temp, 'sample-tenant.mjs');
  await build({
    stdin: {
      contents: "export { sampleTenant } from './src/sandbox/sample-tenant.ts';\n",
      resolveDir: root,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const { sampleTenant } = await import(pathToFileURL(bundle).href);
  const tenant = sampleTenant();
  const employees = tenant.employees.filter((u) => SAMPLE_FILE_USERS.employees.includes(u.id));
  const technicians = tenant.technicians.filter((u) => SAMPLE_FILE_USERS.technicians.includes(u.id));
  // the people of the kept users: by their Entra object id, or by an address of theirs
  const kept = [...employees, ...technicians];
  const addresses = new Set(kept.flatMap((u) => (u.email ? [u.email.toLowerCase()] : [])));
  const objectIds = new Set(kept.flatMap((u) => (u.aadUserId ? [u.aadUserId] : [])));
  const knows = (list) => list.some((a) => addresses.has(a.replace(/^smtp:/i, '').toLowerCase()));
  const { entra, google } = tenant.directory;
  const data = {
    ...tenant,
    employees,
    technicians,
    directory: {
      entra: {
        ...entra,
        users: entra.users.filter(
          (p) => objectIds.has(p.id) || knows([p.mail ?? '', ...p.otherMails, ...p.proxyAddresses]),
        ),
      },
      google: {
        ...google,
        users: google.users.filter((p) => knows([p.primaryEmail, ...(p.aliases ?? [])])),
      },
    },
  };
  const options = (await prettier.resolveConfig(out)) ?? {};
  const text = await prettier.format(JSON.stringify(data), { ...options, parser: 'json', filepath: out });
  await mkdir(dirname(out), { recursive: true });
  const before = await readFile(out, 'utf8').catch(() => null);
  await writeFile(out, text);
  console.log(before === text ? `${out} is current` : `wrote ${out}`);
} finally {
  await rm(temp, { recursive: true, force: true });
}
