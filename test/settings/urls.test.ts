import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/errors.js';
import { isLoopbackHost } from '../../src/servicetitan/settings.js';
import { parseSettings, type InputName, type InputSource } from '../../src/settings.js';

const EVENT = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };

function settingsWith(values: Partial<Record<InputName, string>>) {
  const src: InputSource = {
    get: (name) => values[name] ?? '',
    label: (name) => `Input \`${name}\``,
  };
  return parseSettings(src, EVENT, '/tmp/workspace');
}

function refusal(values: Partial<Record<InputName, string>>): ConfigurationError {
  try {
    settingsWith(values);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

describe('API and token URL overrides', () => {
  it.each([
    ['api-url', 'http://api.servicetitan.io'],
    ['api-url', 'http://10.0.0.5:4010'],
    ['auth-url', 'http://auth.example.com/connect/token'],
    ['auth-url', 'http://localhost.example.com/connect/token'],
    ['api-url', 'http://128.0.0.1'],
    ['api-url', 'http://[::2]:4010'],
  ] as const)('refuses %s %s: plain http off this machine', (name, value) => {
    const error = refusal({ [name]: value });
    expect(error.code).toBe('input.insecure-url');
    expect(error.message).toContain(`Input \`${name}\` is a plain http:// URL`);
    expect(error.message).toContain('unencrypted');
    expect(error.hint).toMatch(/https:\/\/.*localhost, 127\.0\.0\.1, ::1/);
  });

  it.each([
    'http://127.0.0.1:4010',
    'http://127.8.9.10',
    'http://localhost:4010',
    'http://LOCALHOST:4010',
    'http://[::1]:4010',
    'http://127.1:4010',
    'https://api.servicetitan.io',
    'https://10.0.0.5:8443',
  ])('accepts %s', (value) => {
    const settings = settingsWith({ 'api-url': value, 'auth-url': `${value}/connect/token` });
    expect(settings.tuning.maxPages).toBe(1000);
  });

  it('names the http host as WHATWG URL reads it, so a disguised loopback address is still one', () => {
    expect(isLoopbackHost(new URL('http://0x7f.0.0.1').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://[::ffff:127.0.0.1]').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://[::ffff:10.0.0.1]').hostname)).toBe(false);
    expect(isLoopbackHost(new URL('http://127.0.0.1.example.com').hostname)).toBe(false);
    expect(isLoopbackHost(new URL('http://localhost.').hostname)).toBe(false);
  });
});

describe('paging limits', () => {
  it('defaults to 1000 pages and 250000 records, and takes other values', () => {
    expect(settingsWith({}).tuning).toMatchObject({ maxPages: 1000, maxRecords: 250_000 });
    expect(settingsWith({ 'max-pages': '20', 'max-records': '500' }).tuning).toMatchObject({
      maxPages: 20,
      maxRecords: 500,
    });
  });

  it.each([
    ['max-pages', '0'],
    ['max-pages', 'lots'],
    ['max-records', '-5'],
  ] as const)('refuses %s %s', (name, value) => {
    expect(refusal({ [name]: value }).code).toBe(`input.invalid-${name}`);
  });
});
