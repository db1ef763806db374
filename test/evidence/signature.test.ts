/**
 * Signed evidence packs: what verify proves with and without a public key, the red team's edited
 * and re-hashed pack, the signature file when a pack is replaced, and the key inputs.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { runEvidenceCommand, type CommandOutput } from '../../src/evidence/cli.js';
import { describeFile, parseManifest, renderManifest, SIGNATURE_FILE } from '../../src/evidence/manifest.js';
import { policyCopyName, writeEvidencePack } from '../../src/evidence/pack.js';
import { keyFingerprint } from '../../src/evidence/signature.js';
import { inspectPackTarget, removeEarlierPack } from '../../src/evidence/target.js';
import { verifyEvidencePack } from '../../src/evidence/verify.js';
import { parseSettings, SECRET_INPUTS, type InputName, type InputSource } from '../../src/settings.js';
import { baseUsers, packInput, tempDir } from './fixtures.js';

const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }).toString();

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, privatePem: pem(privateKey, 'pkcs8'), publicPem: pem(publicKey, 'spki') };
}

const signer = keyPair();
const stranger = keyPair();

async function signedPack(signingKey: KeyObject | null = signer.privateKey) {
  const dir = path.join(await tempDir(), 'pack');
  const written = await writeEvidencePack({ ...packInput(dir, baseUsers()), signingKey });
  return { dir, written };
}

function capture(): CommandOutput & { out: string; err: string } {
  const c = {
    out: '',
    err: '',
    isTTY: false,
    stdout: (t: string) => void (c.out += t),
    stderr: (t: string) => void (c.err += t),
  };
  return c;
}

async function publicKeyFile(publicPem: string): Promise<string> {
  const file = path.join(await tempDir(), 'evidence-signing.pub');
  await writeFile(file, publicPem);
  return file;
}

/** The red team's edit: change a CSV, then recompute its hash in the manifest, as anyone can. */
async function editAndRehash(dir: string, file: string, edit: (text: string) => string) {
  const text = edit(await readFile(path.join(dir, file), 'utf8'));
  await writeFile(path.join(dir, file), text);
  const manifest = parseManifest(await readFile(path.join(dir, 'manifest.json'), 'utf8'))!;
  manifest.files = manifest.files.map((f) => (f.path === file ? describeFile(file, text) : f));
  await writeFile(path.join(dir, 'manifest.json'), renderManifest(manifest));
  return manifest;
}

describe('a signed evidence pack', () => {
  it('carries manifest.json.sig beside the manifest, and the manifest names the signing key', async () => {
    const { dir, written } = await signedPack();
    const fingerprint = keyFingerprint(signer.publicKey);
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(written.signature).toEqual({ file: SIGNATURE_FILE, publicKeyFingerprint: fingerprint });
    expect(written.files).toContain(SIGNATURE_FILE);
    expect(await readdir(dir)).toContain(SIGNATURE_FILE);
    const manifest = parseManifest(await readFile(path.join(dir, 'manifest.json'), 'utf8'))!;
    expect(manifest.signature).toEqual({
      file: SIGNATURE_FILE,
      algorithm: 'ed25519',
      publicKeyFingerprint: fingerprint,
    });
    // the manifest lists every other file with its hash; it cannot list its own signature
    expect(manifest.files.map((f) => f.path)).not.toContain(SIGNATURE_FILE);
    expect((await readFile(path.join(dir, SIGNATURE_FILE), 'utf8')).trim()).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    // a private key never reaches the pack
    for (const file of await readdir(dir)) {
      const text = await readFile(path.join(dir, file), 'utf8');
      expect(text).not.toContain('PRIVATE KEY');
      expect(text).not.toContain(signer.privatePem.split('\n')[1]);
    }
  });

  it('verifies with the right public key', async () => {
    const { dir } = await signedPack();
    const result = await verifyEvidencePack(dir, { publicKey: signer.publicKey });
    expect(result).toMatchObject({ ok: true, problems: [], authorship: { checked: true, outcome: 'valid' } });
    const io = capture();
    expect(
      await runEvidenceCommand(['verify', dir], { 'public-key': await publicKeyFile(signer.publicPem) }, io),
    ).toBe(0);
    expect(io.out).toContain('intact: 6 files verified\n');
    expect(io.out).toContain(
      `signed: manifest.json.sig is a valid signature over manifest.json by the key ${keyFingerprint(signer.publicKey)}`,
    );
    expect(io.out).toMatch(/What this proves: .*integrity.*signed by the holder of that key's private key/);
  });

  it('fails with another key', async () => {
    const { dir } = await signedPack();
    expect(await verifyEvidencePack(dir, { publicKey: stranger.publicKey })).toMatchObject({
      ok: false,
      problems: [],
      authorship: { checked: true, outcome: 'invalid' },
    });
    const io = capture();
    expect(
      await runEvidenceCommand(
        ['verify', dir],
        { 'public-key': await publicKeyFile(stranger.publicPem) },
        io,
      ),
    ).toBe(1);
    expect(io.out).toContain('intact: 6 files verified');
    expect(io.out).toContain(
      `not authentic: manifest.json.sig is not a signature over manifest.json by the key ${keyFingerprint(stranger.publicKey)}`,
    );
    expect(io.out).toContain(`the manifest names the key ${keyFingerprint(signer.publicKey)}`);
    expect(io.out).not.toContain('What this proves');
  });

  it('fails after a CSV is edited and the manifest recomputed: the red team case', async () => {
    const { dir } = await signedPack();
    await editAndRehash(dir, 'findings.csv', (t) => t.replace('Pat Partner', 'Pat Pardoned'));
    // the hashes agree again, so without a key the edit goes unseen: that is what the output says
    const unchecked = capture();
    expect(await runEvidenceCommand(['verify', dir], {}, unchecked)).toBe(0);
    expect(unchecked.out).toContain('authorship not checked (no key given');
    // the signature is over the manifest's old bytes
    const checked = capture();
    const keyFile = await publicKeyFile(signer.publicPem);
    expect(await runEvidenceCommand(['verify', dir], { 'public-key': keyFile }, checked)).toBe(1);
    expect(checked.out).toContain('not authentic');
    expect(checked.out).toContain('the manifest was changed after it was signed');
  });

  it('fails when the red team also drops the signature, and the manifest still names it or not', async () => {
    const { dir } = await signedPack();
    const keyFile = await publicKeyFile(signer.publicPem);
    const manifest = await editAndRehash(dir, 'roster.csv', (t) => t.replace('Alice Admin', 'Alice Auditor'));
    await rm(path.join(dir, SIGNATURE_FILE));
    // the manifest says the pack is signed: the signature is missing even without a key
    const named = await verifyEvidencePack(dir);
    expect(named.problems).toEqual([{ file: SIGNATURE_FILE, problem: 'missing' }]);
    // the manifest rewritten without the signature entry: intact, and only a key tells
    delete manifest.signature;
    await writeFile(path.join(dir, 'manifest.json'), renderManifest(manifest));
    const io = capture();
    expect(await runEvidenceCommand(['verify', dir], {}, io)).toBe(0);
    expect(io.out).toContain('integrity checked; authorship not checked (unsigned)');
    const withKey = capture();
    expect(await runEvidenceCommand(['verify', dir], { 'public-key': keyFile }, withKey)).toBe(1);
    expect(withKey.out).toContain('not signed: the pack has no manifest.json.sig');
  });

  it('fails when the signature file is edited, and names it as modified', async () => {
    const { dir } = await signedPack();
    await writeFile(path.join(dir, SIGNATURE_FILE), 'not a signature\n');
    const result = await verifyEvidencePack(dir, { publicKey: signer.publicKey });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([{ file: SIGNATURE_FILE, problem: 'modified' }]);
    expect(result.authorship).toMatchObject({ outcome: 'invalid' });
  });

  it('names a file changed after signing as modified, and the signature still holds for the manifest', async () => {
    const { dir } = await signedPack();
    await appendFile(path.join(dir, 'plan.csv'), 'x');
    const io = capture();
    expect(
      await runEvidenceCommand(['verify', dir], { 'public-key': await publicKeyFile(signer.publicPem) }, io),
    ).toBe(1);
    expect(io.out).toContain('not intact: 1 problem\n  modified: plan.csv\n');
    expect(io.out).toContain('signed: manifest.json.sig is a valid signature');
  });
});

describe('evidence verify says what it proves', () => {
  it('on an unsigned pack: integrity checked, authorship not checked', async () => {
    const { dir, written } = await signedPack(null);
    expect(written.signature).toBeNull();
    expect(await readdir(dir)).not.toContain(SIGNATURE_FILE);
    const io = capture();
    expect(await runEvidenceCommand(['verify', dir], {}, io)).toBe(0);
    expect(io.out).toBe(
      'intact: 6 files verified\n' +
        'integrity checked; authorship not checked (unsigned)\n' +
        'What this proves: no file of the pack is missing, changed or added since manifest.json was ' +
        'written (integrity, against accidents). It does not prove who wrote the pack: anyone who can ' +
        'edit a file can also recompute the manifest.\n',
    );
  });

  it('on a signed pack without a key: names the key the manifest claims, unproven', async () => {
    const { dir } = await signedPack();
    const io = capture();
    expect(await runEvidenceCommand(['verify', dir], {}, io)).toBe(0);
    expect(io.out).toContain(
      `integrity checked; authorship not checked (no key given; the manifest names the signing key ${keyFingerprint(signer.publicKey)}, which --public-key FILE checks)`,
    );
  });

  it('on an unsigned pack with a key: fails, the key vouches for nothing', async () => {
    const { dir } = await signedPack(null);
    const io = capture();
    expect(
      await runEvidenceCommand(['verify', dir], { 'public-key': await publicKeyFile(signer.publicPem) }, io),
    ).toBe(1);
    expect(io.out).toContain('not signed: the pack has no manifest.json.sig');
  });

  it.each([
    ['a private key', () => signer.privatePem, /is a private key/],
    [
      'an RSA key',
      () => pem(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey, 'spki'),
      /is a key of type rsa;/,
    ],
    ['not a key', () => 'hello', /is not a public key in PEM format/],
  ])('refuses --public-key with %s (exit 2), and never prints it', async (_, content, message) => {
    const { dir } = await signedPack();
    const file = await publicKeyFile(content());
    const error = await runEvidenceCommand(['verify', dir], { 'public-key': file }, capture()).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ code: 'evidence.invalid-public-key', exitCode: 2 });
    expect(error.message).toMatch(message);
    expect(`${error.message} ${error.hint}`).not.toContain(content().split('\n')[1] ?? content());
  });

  it('refuses a --public-key file that does not exist', async () => {
    const { dir } = await signedPack();
    await expect(
      runEvidenceCommand(['verify', dir], { 'public-key': path.join(dir, 'nope.pub') }, capture()),
    ).rejects.toMatchObject({
      code: 'evidence.invalid-public-key',
      message: expect.stringMatching(/cannot be read/),
    });
  });
});

describe('replacing a signed pack', () => {
  it('deletes the earlier signature with the pack, signed or not the next time', async () => {
    const { dir } = await signedPack();
    const input = packInput(dir, baseUsers());
    await writeEvidencePack({ ...input, signingKey: null });
    expect(await readdir(dir)).not.toContain(SIGNATURE_FILE);
    await writeEvidencePack({ ...input, signingKey: stranger.privateKey });
    await writeEvidencePack({ ...input, signingKey: signer.privateKey });
    expect(await verifyEvidencePack(dir, { publicKey: signer.publicKey })).toMatchObject({ ok: true });
    expect(await readdir(path.dirname(dir))).toEqual(['pack']);
  });

  it('refuses a manifest.json.sig beside a manifest that is not signed: the tool did not write it', async () => {
    const { dir } = await signedPack(null);
    await writeFile(path.join(dir, SIGNATURE_FILE), 'someone else’s signature\n');
    await expect(writeEvidencePack(packInput(dir, baseUsers()))).rejects.toMatchObject({
      code: 'evidence.folder-not-empty',
      message: expect.stringContaining(SIGNATURE_FILE),
    });
    expect(await readFile(path.join(dir, SIGNATURE_FILE), 'utf8')).toBe('someone else’s signature\n');
  });

  it('refuses a signed pack whose signature file is not one the tool writes', async () => {
    const { dir } = await signedPack();
    await writeFile(path.join(dir, SIGNATURE_FILE), 'x'.repeat(1000));
    await expect(writeEvidencePack(packInput(dir, baseUsers()))).rejects.toMatchObject({
      code: 'evidence.not-a-pack',
    });
    expect(await readFile(path.join(dir, SIGNATURE_FILE), 'utf8')).toBe('x'.repeat(1000));
  });

  it('keeps a signature that changed between the check and the deletion', async () => {
    const { dir } = await signedPack();
    const earlier = await inspectPackTarget(dir, []);
    expect(earlier).toMatchObject({ kind: 'pack', signature: expect.any(Buffer) });
    const other = await signedPack(stranger.privateKey);
    await writeFile(path.join(dir, SIGNATURE_FILE), await readFile(path.join(other.dir, SIGNATURE_FILE)));
    await removeEarlierPack(dir, earlier);
    expect(await readdir(dir)).toEqual([SIGNATURE_FILE]);
  });

  it('never names the policy copy manifest.json.sig', () => {
    expect(policyCopyName(SIGNATURE_FILE)).toBe(`policy-${SIGNATURE_FILE}`);
  });
});

describe('the evidence-signing-key input', () => {
  const EVENT = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };
  const settingsWith = (values: Partial<Record<InputName, string>>) => {
    const src: InputSource = { get: (name) => values[name] ?? '', label: (name) => `Input \`${name}\`` };
    return parseSettings(src, EVENT, '/tmp/workspace');
  };

  it('is a secret: masked by the action the moment it is read', () => {
    expect(SECRET_INPUTS).toContain('evidence-signing-key');
  });

  it('reads a multi-line PEM Ed25519 private key, and is null when empty', () => {
    const key = settingsWith({ 'evidence-signing-key': `\n${signer.privatePem}\n` }).evidenceSigningKey;
    expect(key && keyFingerprint(key)).toBe(keyFingerprint(signer.publicKey));
    expect(settingsWith({}).evidenceSigningKey).toBeNull();
  });

  it.each([
    ['a public key', () => signer.publicPem, /is a public key/],
    [
      'an RSA private key',
      () => pem(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey, 'pkcs8'),
      /is a key of type rsa;/,
    ],
    [
      'an encrypted key',
      () =>
        signer.privateKey
          .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' })
          .toString(),
      /encrypted/,
    ],
    ['a truncated key', () => signer.privatePem.slice(0, 60), /not a private key in PEM format/],
  ])('refuses %s without repeating it', (_, value, message) => {
    const secret = value();
    let error: unknown;
    try {
      settingsWith({ 'evidence-signing-key': secret });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const { code, message: text, hint } = error as ConfigurationError;
    expect(code).toBe('input.invalid-evidence-signing-key');
    expect(text).toMatch(message);
    expect(text).toContain('ST_EVIDENCE_SIGNING_KEY');
    for (const line of secret.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) {
      expect(`${text} ${hint}`).not.toContain(line);
    }
  });
});
