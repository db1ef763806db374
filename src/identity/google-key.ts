/**
 * A Google service-account key (the JSON file Google Cloud hands out) and the RS256 assertion it
 * signs with node's crypto: the OAuth 2.0 JWT-bearer grant with domain-wide delegation.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: KeyObject;
  /** `private_key_id`: named in the assertion's header so Google picks the right public key */
  keyId: string | null;
  /** the PEM as given, to be masked */
  pem: string;
}

export type KeyReading =
  | { key: ServiceAccountKey; problem?: undefined; hint?: undefined }
  | { key?: undefined; problem: string; hint: string };

const HINT =
  'Give the whole key file Google Cloud created for the service account (IAM & Admin → Service accounts → Keys → Add key → JSON), or the path of that file.';

/** Reads a key; a problem is said without repeating any of the key. */
export function readServiceAccountKey(json: string): KeyReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { problem: 'is not JSON.', hint: HINT };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { problem: 'is not a JSON object.', hint: HINT };
  }
  const o = parsed as Record<string, unknown>;
  if (o.type !== undefined && o.type !== 'service_account') {
    return {
      problem: `is a \`${String(o.type).slice(0, 40)}\` credential, not a service-account key.`,
      hint: `${HINT} Workload identity federation and user credentials cannot impersonate an admin (domain-wide delegation needs a service-account key).`,
    };
  }
  if (typeof o.client_email !== 'string' || !o.client_email.includes('@')) {
    return { problem: 'has no `client_email`.', hint: HINT };
  }
  if (typeof o.private_key !== 'string' || o.private_key.trim() === '') {
    return { problem: 'has no `private_key`.', hint: HINT };
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: o.private_key, format: 'pem' });
  } catch {
    return { problem: 'has a `private_key` that is not a readable PEM private key.', hint: HINT };
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    return { problem: 'has a `private_key` that is not an RSA key (RS256 needs one).', hint: HINT };
  }
  return {
    key: {
      clientEmail: o.client_email,
      privateKey,
      keyId: typeof o.private_key_id === 'string' && o.private_key_id !== '' ? o.private_key_id : null,
      pem: o.private_key,
    },
  };
}

/**
 * What of a key must be masked: the PEM whole, each of its lines (a log that breaks it apart
 * would show them one by one), and the key id.
 */
export function keySecrets(key: ServiceAccountKey): string[] {
  const lines = key.pem
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 16 && !l.startsWith('-----'));
  return [key.pem, ...lines, ...(key.keyId ? [key.keyId] : [])];
}

/** A compact JWS, RS256-signed. */
export function signAssertion(key: ServiceAccountKey, claims: Record<string, unknown>): string {
  const header = { alg: 'RS256', typ: 'JWT', ...(key.keyId ? { kid: key.keyId } : {}) };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
