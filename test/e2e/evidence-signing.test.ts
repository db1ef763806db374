/**
 * Signed evidence packs: the action and the CLI sign with a key from a secret, the CLI verifies
 * who wrote a pack with the public key, and the red team's edited and re-hashed pack is caught.
 * The private key appears in no output. The signing runs go through the committed bundles; the
 * checks of what they wrote (`evidence verify`) and the unsigned audit run in this process.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFile, parseManifest, renderManifest } from '../../src/evidence/manifest.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ROOT, runAction, runCli, sandboxEnv, sandboxInputs } from './harness.js';
import { runCliInProcess } from '../helpers/in-process.js';

const POLICY = '.github/servicetitan-access.yml';
const schedule = { name: 'schedule', payload: { repository: { private: true } } };

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const signer = keyPair();
const stranger = keyPair();
/** The key's base64 body: what a leak would show (the BEGIN and END lines are not secret). */
const secretBody = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----'));

let sandbox: Sandbox;
let starter: string;
let keys: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  starter = await readFile(path.join(ROOT, 'examples/policies/starter.yml'), 'utf8');
  keys = await mkdtemp(path.join(os.tmpdir(), 'st-guard-keys-'));
  await writeFile(path.join(keys, 'signer.pub'), signer.publicPem);
  await writeFile(path.join(keys, 'stranger.pub'), stranger.publicPem);
});
afterAll(() => sandbox.close());

async function requestCount(): Promise<number> {
  return ((await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as unknown[]).length;
}

async function everyFile(dir: string): Promise<string> {
  const names = await readdir(dir);
  return (await Promise.all(names.map((n) => readFile(path.join(dir, n), 'utf8')))).join('\n');
}

describe('signed evidence packs', () => {
  it('the action signs with evidence-signing-key, masks it, and the CLI proves who wrote the pack and catches a re-hashed edit', async () => {
    const run = await runAction({
      inputs: sandboxInputs(sandbox, {
        mode: 'audit',
        redact: 'false',
        'fail-on': 'never',
        evidence: 'pack',
        'evidence-signing-key': signer.privatePem,
      }),
      event: schedule,
      files: { [POLICY]: starter },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.evidence).toBe('pack');
    const pack = path.join(run.workspace, 'pack');
    expect(await readdir(pack)).toContain('manifest.json.sig');
    // masked the moment it was read; and nowhere in what the run wrote
    expect(run.masks.some((m) => m.includes(secretBody(signer.privatePem)[0]!))).toBe(true);
    // every line but the ::add-mask:: commands, which hand the value to the runner to mask
    const log = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    const published = [
      ...log,
      run.stderr,
      run.summary,
      JSON.stringify(run.outputs),
      await everyFile(pack),
    ].join('\n');
    for (const line of secretBody(signer.privatePem)) expect(published).not.toContain(line);
    expect(published).not.toContain('PRIVATE KEY');

    const unchecked = await runCliInProcess(['evidence', 'verify', pack]);
    expect(unchecked.code).toBe(0);
    expect(unchecked.stdout).toMatch(
      /integrity checked; authorship not checked \(no key given; the manifest names the signing key sha256:[0-9a-f]{64}/,
    );

    const signed = await runCliInProcess([
      'evidence',
      'verify',
      pack,
      '--public-key',
      path.join(keys, 'signer.pub'),
    ]);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(
      /signed: manifest\.json\.sig is a valid signature over manifest\.json by the key sha256:[0-9a-f]{64}/,
    );
    expect(signed.stdout).toContain('What this proves');

    const other = await runCliInProcess([
      'evidence',
      'verify',
      pack,
      '--public-key',
      path.join(keys, 'stranger.pub'),
    ]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('not authentic');

    // The red team: edit a CSV, recompute its hash in the manifest. Integrity holds; authorship does not.
    const findings = path.join(pack, 'findings.csv');
    const edited = (await readFile(findings, 'utf8')).split('\r\n').slice(0, 1).join('\r\n') + '\r\n';
    await writeFile(findings, edited);
    const manifestPath = path.join(pack, 'manifest.json');
    const manifest = parseManifest(await readFile(manifestPath, 'utf8'))!;
    manifest.files = manifest.files.map((f) =>
      f.path === 'findings.csv' ? describeFile(f.path, edited) : f,
    );
    await writeFile(manifestPath, renderManifest(manifest));
    const rehashed = await runCliInProcess(['evidence', 'verify', pack]);
    expect(rehashed.code).toBe(0);
    expect(rehashed.stdout).toContain('authorship not checked');
    const caught = await runCliInProcess([
      'evidence',
      'verify',
      pack,
      '--public-key',
      path.join(keys, 'signer.pub'),
    ]);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('not authentic');
    expect(caught.stdout).toContain('the manifest was changed after it was signed');
  });

  it('the CLI signs with ST_EVIDENCE_SIGNING_KEY, and an unsigned pack says authorship is not checked', async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'st-guard-cli-'));
    await writeFile(path.join(cwd, 'policy.yml'), starter);
    const env = { ...sandboxEnv(sandbox), ST_EVIDENCE_SIGNING_KEY: signer.privatePem };
    const audit = await runCli(
      ['audit', '--policy', 'policy.yml', '--fail-on', 'never', '--evidence', 'signed'],
      { env, cwd },
    );
    expect(audit.code).toBe(0);
    for (const line of secretBody(signer.privatePem)) expect(audit.stdout + audit.stderr).not.toContain(line);
    const signed = await runCliInProcess(
      ['evidence', 'verify', 'signed', '--public-key', path.join(keys, 'signer.pub')],
      { cwd },
    );
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain('signed: manifest.json.sig is a valid signature');

    const plain = await runCliInProcess(
      ['audit', '--policy', 'policy.yml', '--fail-on', 'never', '--evidence', 'plain'],
      {
        env: sandboxEnv(sandbox),
        cwd,
      },
    );
    expect(plain.code).toBe(0);
    const unsigned = await runCliInProcess(['evidence', 'verify', 'plain'], { cwd });
    expect(unsigned.code).toBe(0);
    expect(unsigned.stdout).toContain('integrity checked; authorship not checked (unsigned)');
    expect(unsigned.stdout).toContain('It does not prove who wrote the pack');
    const withKey = await runCliInProcess(
      ['evidence', 'verify', 'plain', '--public-key', path.join(keys, 'signer.pub')],
      { cwd },
    );
    expect(withKey.code).toBe(1);
    expect(withKey.stdout).toContain('not signed');
  });

  it('takes the key from no flag, and refuses a wrong key before reading the tenant, never echoing it', async () => {
    const flag = await runCli(['audit', '--evidence-signing-key', signer.privatePem], {
      env: sandboxEnv(sandbox),
    });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('ST_EVIDENCE_SIGNING_KEY');
    for (const line of secretBody(signer.privatePem)) expect(flag.stdout + flag.stderr).not.toContain(line);

    const requests = await requestCount();
    const wrong = await runCliInProcess(['audit', '--evidence', 'pack'], {
      env: { ...sandboxEnv(sandbox), ST_EVIDENCE_SIGNING_KEY: stranger.publicPem },
    });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('[input.invalid-evidence-signing-key]');
    expect(wrong.stderr).toContain('is a public key');
    for (const line of secretBody(stranger.publicPem))
      expect(wrong.stdout + wrong.stderr).not.toContain(line);
    expect(await requestCount()).toBe(requests);
  });
});
