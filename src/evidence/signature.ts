/**
 * The pack's optional signature. The manifest's hashes show that no file changed since the manifest
 * was written, which catches accidents; they cannot show who wrote the pack, because anyone who
 * can edit a file can recompute the manifest. A signature can: `manifest.json.sig`, beside the
 * manifest, holds an Ed25519 signature (base64) over the exact bytes of manifest.json, made with a
 * private key the user keeps as a secret. Only its holder can make a signature that the public key
 * accepts, and since the manifest lists every other file with its hash, it vouches for them all.
 *
 * The manifest cannot list its own signature (the signature covers the manifest's bytes, so it is
 * made after them); it names the signing key's fingerprint instead, and the signature file is the
 * one file of a pack the manifest does not list.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const SIGNATURE_ALGORITHM = 'ed25519';
/** An Ed25519 signature is 64 bytes: 88 characters of base64. */
const SIGNATURE_BYTES = 64;
/** The longest signature file read: the base64 and a line ending, with room for CRLF and spaces. */
export const MAX_SIGNATURE_FILE_BYTES = 128;

const PEM_HINT =
  'Make a key pair with `openssl genpkey -algorithm ed25519 -out evidence-signing.pem`, then ' +
  '`openssl pkey -in evidence-signing.pem -pubout -out evidence-signing.pub`.';

/**
 * The key's fingerprint: `sha256:` and the SHA-256 of its public key's DER SubjectPublicKeyInfo,
 * which `openssl pkey -pubin -in KEY.pub -outform DER | sha256sum` prints too.
 */
export function keyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** The key, or what is wrong with the value, in words that never repeat it. */
export type KeyReading = { key: KeyObject; problem?: never } | { key?: never; problem: string; hint: string };

/** The signing key: an unencrypted Ed25519 private key in PEM (PKCS #8), as openssl writes it. */
export function readSigningKey(pem: string): KeyReading {
  if (/BEGIN ENCRYPTED PRIVATE KEY/.test(pem)) {
    return {
      problem: 'is an encrypted private key; the tool has no passphrase to open it.',
      hint: 'Store the key unencrypted as a secret (the secret store protects it): `openssl pkey -in encrypted.pem -out evidence-signing.pem`.',
    };
  }
  if (/BEGIN PUBLIC KEY/.test(pem)) {
    return {
      problem: 'is a public key; signing needs the private key.',
      hint: 'Store the private key (evidence-signing.pem) as the secret, and give auditors the public key.',
    };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return {
      problem: 'is not a private key in PEM format.',
      hint: `${PEM_HINT} Store the whole file, with its BEGIN and END lines, as the secret.`,
    };
  }
  if (key.asymmetricKeyType !== SIGNATURE_ALGORITHM) {
    return {
      problem: `is a key of type ${key.asymmetricKeyType ?? 'unknown'}; evidence packs are signed with Ed25519 only.`,
      hint: PEM_HINT,
    };
  }
  return { key };
}

/** The key `evidence verify --public-key` checks with: an Ed25519 public key in PEM. */
export function readPublicKey(pem: string): KeyReading {
  if (/PRIVATE KEY/.test(pem)) {
    return {
      problem:
        'is a private key; verifying needs only the public key, and the private key should stay in the secret store.',
      hint: 'Give the public key: `openssl pkey -in evidence-signing.pem -pubout -out evidence-signing.pub`.',
    };
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return {
      problem: 'is not a public key in PEM format.',
      hint: 'Give the file that `openssl pkey -in evidence-signing.pem -pubout -out evidence-signing.pub` writes.',
    };
  }
  if (key.asymmetricKeyType !== SIGNATURE_ALGORITHM) {
    return {
      problem: `is a key of type ${key.asymmetricKeyType ?? 'unknown'}; evidence packs are signed with Ed25519 only.`,
      hint: 'Give the public key of the Ed25519 key pair the pack was signed with.',
    };
  }
  return { key };
}

/** The content of manifest.json.sig: the base64 signature over `manifest`'s bytes, and a newline. */
export function signManifest(manifest: Uint8Array, key: KeyObject): string {
  return sign(null, manifest, key).toString('base64') + '\n';
}

/** The signature a manifest.json.sig holds, or null when it is not one (wrong length, not base64). */
export function parseSignature(content: Uint8Array): Buffer | null {
  if (content.byteLength > MAX_SIGNATURE_FILE_BYTES) return null;
  const text = Buffer.from(content).toString('latin1').trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.byteLength === SIGNATURE_BYTES && bytes.toString('base64') === text ? bytes : null;
}

/** Whether `signature` is `publicKey`'s holder's signature over exactly these manifest bytes. */
export function signatureMatches(manifest: Uint8Array, signature: Buffer, publicKey: KeyObject): boolean {
  try {
    return verify(null, manifest, publicKey, signature);
  } catch {
    return false;
  }
}
