/** The identity inputs (SPEC §8): defaults, the CLI's variables, URL checks, the Google key by value or path. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliInputs } from '../../src/cli/run.js';
import { ConfigurationError } from '../../src/errors.js';
import { SANDBOX_DIRECTORY_CREDENTIALS } from '../../src/sandbox/index.js';
import { parseSettings, SECRET_INPUTS, type InputName, type InputSource } from '../../src/settings.js';

const EVENT = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };
const CLIENT_ID = '0b7d3f52-8c1e-4a96-b2d4-7e5f9a3c6d18';

function settingsWith(values: Partial<Record<InputName, string>>, workspace = '/tmp/workspace') {
  const src: InputSource = { get: (name) => values[name] ?? '', label: (name) => `Input \`${name}\`` };
  return parseSettings(src, EVENT, workspace);
}

function refusal(values: Partial<Record<InputName, string>>, workspace?: string): ConfigurationError {
  try {
    settingsWith(values, workspace);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('identity inputs', () => {
  it('default to no credentials and the public Microsoft and Google endpoints', () => {
    expect(settingsWith({}).identity).toEqual({
      entraClientId: null,
      entraClientSecret: null,
      googleCredentials: null,
      googleSubject: null,
      entraAuthorityUrl: 'https://login.microsoftonline.com',
      graphUrl: 'https://graph.microsoft.com',
      googleTokenUrl: 'https://oauth2.googleapis.com/token',
      googleApiUrl: 'https://admin.googleapis.com',
    });
  });

  it('come from ENTRA_*, GOOGLE_* and GRAPH_URL on the command line, never from flags', () => {
    const env = {
      ENTRA_CLIENT_ID: CLIENT_ID,
      ENTRA_CLIENT_SECRET: 'entra-secret-value',
      GOOGLE_CREDENTIALS: SANDBOX_DIRECTORY_CREDENTIALS.googleCredentials,
      GOOGLE_SUBJECT: 'admin@acme-hvac.com',
      ENTRA_AUTHORITY_URL: 'https://login.microsoftonline.us/',
      GRAPH_URL: 'https://graph.microsoft.us',
      GOOGLE_TOKEN_URL: 'http://127.0.0.1:4010/google/token',
      GOOGLE_API_URL: 'http://localhost:4010/google',
    };
    const settings = parseSettings(
      cliInputs('audit', { 'entra-client-secret': 'from-a-flag' }, env),
      EVENT,
      '/tmp',
    );
    expect(settings.identity).toEqual({
      entraClientId: CLIENT_ID,
      entraClientSecret: 'entra-secret-value',
      googleCredentials: SANDBOX_DIRECTORY_CREDENTIALS.googleCredentials,
      googleSubject: 'admin@acme-hvac.com',
      entraAuthorityUrl: 'https://login.microsoftonline.us',
      graphUrl: 'https://graph.microsoft.us',
      googleTokenUrl: 'http://127.0.0.1:4010/google/token',
      googleApiUrl: 'http://localhost:4010/google',
    });
  });

  it('treat the client secret and the Google key as secrets, masked the moment they are read', () => {
    expect(SECRET_INPUTS).toEqual(expect.arrayContaining(['entra-client-secret', 'google-credentials']));
  });

  it.each(['entra-authority-url', 'graph-url', 'google-token-url', 'google-api-url'] as const)(
    'refuse a plain http:// %s off this machine',
    (name) => {
      expect(refusal({ [name]: 'http://proxy.corp.example' }).code).toBe('input.insecure-url');
      expect(refusal({ [name]: 'not a url' }).code).toBe(`input.invalid-${name}`);
    },
  );

  it('refuse a client id that is not a GUID and a subject that is not an address', () => {
    expect(refusal({ 'entra-client-id': 'my-app' })).toMatchObject({ code: 'input.invalid-entra-client-id' });
    expect(refusal({ 'google-subject': 'admin' })).toMatchObject({ code: 'input.invalid-google-subject' });
  });

  it('read the Google key from a file path relative to the workspace, and take a multi-line key as it is', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'google-key-'));
    const key = SANDBOX_DIRECTORY_CREDENTIALS.googleCredentials;
    expect(key).toContain('\n');
    await writeFile(path.join(dir, 'key.json'), key);
    expect(settingsWith({ 'google-credentials': 'key.json' }, dir).identity.googleCredentials).toBe(key);
    expect(settingsWith({ 'google-credentials': key }).identity.googleCredentials).toBe(key);
  });

  it('refuse a Google key that is not one without repeating any of it', () => {
    const broken =
      '{"type":"service_account","client_email":"a@b.iam.gserviceaccount.com","private_key":"s3cr3t-k3y"}';
    const error = refusal({ 'google-credentials': broken });
    expect(error.code).toBe('input.invalid-google-credentials');
    expect(error.message).toContain('not a readable PEM private key');
    expect(`${error.message} ${error.hint}`).not.toContain('s3cr3t');

    const user = refusal({ 'google-credentials': '{"type":"authorized_user","client_id":"x"}' });
    expect(user.message).toContain('`authorized_user` credential, not a service-account key');

    const missing = refusal({ 'google-credentials': 'keys/none.json' });
    expect(missing.message).toContain('no file exists at that path');
  });
});
