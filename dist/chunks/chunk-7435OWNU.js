import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);

// src/identity/google-key.ts
import { createPrivateKey, sign } from "node:crypto";
var HINT = "Give the whole key file Google Cloud created for the service account (IAM & Admin \u2192 Service accounts \u2192 Keys \u2192 Add key \u2192 JSON), or the path of that file.";
function readServiceAccountKey(json) {
  let parsed;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { problem: "is not JSON.", hint: HINT };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { problem: "is not a JSON object.", hint: HINT };
  }
  const o = parsed;
  if (o.type !== void 0 && o.type !== "service_account") {
    return {
      problem: `is a \`${String(o.type).slice(0, 40)}\` credential, not a service-account key.`,
      hint: `${HINT} Workload identity federation and user credentials cannot impersonate an admin (domain-wide delegation needs a service-account key).`
    };
  }
  if (typeof o.client_email !== "string" || !o.client_email.includes("@")) {
    return { problem: "has no `client_email`.", hint: HINT };
  }
  if (typeof o.private_key !== "string" || o.private_key.trim() === "") {
    return { problem: "has no `private_key`.", hint: HINT };
  }
  let privateKey;
  try {
    privateKey = createPrivateKey({ key: o.private_key, format: "pem" });
  } catch {
    return { problem: "has a `private_key` that is not a readable PEM private key.", hint: HINT };
  }
  if (privateKey.asymmetricKeyType !== "rsa") {
    return { problem: "has a `private_key` that is not an RSA key (RS256 needs one).", hint: HINT };
  }
  return {
    key: {
      clientEmail: o.client_email,
      privateKey,
      keyId: typeof o.private_key_id === "string" && o.private_key_id !== "" ? o.private_key_id : null,
      pem: o.private_key
    }
  };
}
function keySecrets(key) {
  const lines = key.pem.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 16 && !l.startsWith("-----"));
  return [key.pem, ...lines, ...key.keyId ? [key.keyId] : []];
}
function signAssertion(key, claims) {
  const header = { alg: "RS256", typ: "JWT", ...key.keyId ? { kid: key.keyId } : {} };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign("RSA-SHA256", Buffer.from(input), key.privateKey).toString("base64url");
  return `${input}.${signature}`;
}
function base64url(text) {
  return Buffer.from(text, "utf8").toString("base64url");
}

export {
  readServiceAccountKey,
  keySecrets,
  signAssertion
};
