import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/evidence/signature.ts
import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
var SIGNATURE_ALGORITHM = "ed25519";
var SIGNATURE_BYTES = 64;
var MAX_SIGNATURE_FILE_BYTES = 128;
var PEM_HINT = "Make a key pair with `openssl genpkey -algorithm ed25519 -out evidence-signing.pem`, then `openssl pkey -in evidence-signing.pem -pubout -out evidence-signing.pub`.";
function keyFingerprint(key) {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const der = publicKey.export({ type: "spki", format: "der" });
  return `sha256:${createHash("sha256").update(der).digest("hex")}`;
}
function readSigningKey(pem) {
  if (/BEGIN ENCRYPTED PRIVATE KEY/.test(pem)) {
    return {
      problem: "is an encrypted private key; the tool has no passphrase to open it.",
      hint: "Store the key unencrypted as a secret (the secret store protects it): `openssl pkey -in encrypted.pem -out evidence-signing.pem`."
    };
  }
  if (/BEGIN PUBLIC KEY/.test(pem)) {
    return {
      problem: "is a public key; signing needs the private key.",
      hint: "Store the private key (evidence-signing.pem) as the secret, and give auditors the public key."
    };
  }
  let key;
  try {
    key = createPrivateKey(pem);
  } catch {
    return {
      problem: "is not a private key in PEM format.",
      hint: `${PEM_HINT} Store the whole file, with its BEGIN and END lines, as the secret.`
    };
  }
  if (key.asymmetricKeyType !== SIGNATURE_ALGORITHM) {
    return {
      problem: `is a key of type ${key.asymmetricKeyType ?? "unknown"}; evidence packs are signed with Ed25519 only.`,
      hint: PEM_HINT
    };
  }
  return { key };
}
function readPublicKey(pem) {
  if (/PRIVATE KEY/.test(pem)) {
    return {
      problem: "is a private key; verifying needs only the public key, and the private key should stay in the secret store.",
      hint: "Give the public key: `openssl pkey -in evidence-signing.pem -pubout -out evidence-signing.pub`."
    };
  }
  let key;
  try {
    key = createPublicKey(pem);
  } catch {
    return {
      problem: "is not a public key in PEM format.",
      hint: "Give the file that `openssl pkey -in evidence-signing.pem -pubout -out evidence-signing.pub` writes."
    };
  }
  if (key.asymmetricKeyType !== SIGNATURE_ALGORITHM) {
    return {
      problem: `is a key of type ${key.asymmetricKeyType ?? "unknown"}; evidence packs are signed with Ed25519 only.`,
      hint: "Give the public key of the Ed25519 key pair the pack was signed with."
    };
  }
  return { key };
}
function signManifest(manifest, key) {
  return sign(null, manifest, key).toString("base64") + "\n";
}
function parseSignature(content) {
  if (content.byteLength > MAX_SIGNATURE_FILE_BYTES) return null;
  const text = Buffer.from(content).toString("latin1").trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  return bytes.byteLength === SIGNATURE_BYTES && bytes.toString("base64") === text ? bytes : null;
}
function signatureMatches(manifest, signature, publicKey) {
  try {
    return verify(null, manifest, publicKey, signature);
  } catch {
    return false;
  }
}

export {
  MAX_SIGNATURE_FILE_BYTES,
  keyFingerprint,
  readSigningKey,
  readPublicKey,
  signManifest,
  parseSignature,
  signatureMatches
};
