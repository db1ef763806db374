import { describe, expect, it } from 'vitest';
import { readCommandLine } from '../../src/cli/args.js';
import { ConfigurationError } from '../../src/errors.js';
import { readWebhooks, webhookLabel, webhookSecrets, type Webhook } from '../../src/notify/targets.js';
import { isLoopbackHost } from '../../src/servicetitan/settings.js';
import { parseSettings, type EventContext, type InputName } from '../../src/settings.js';

const SLACK = 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX';
const TEAMS_FLOW =
  'https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=SECRETSIG';
const TEAMS_PP =
  'https://default0123.ab.environment.api.powerplatform.com/powerautomate/automations/direct/x?sig=S1';
const TEAMS_O365 = 'https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456';
const OTHER = 'https://siem.example/ingest?token=SIEMTOKEN';

function kinds(raw: string): string[] {
  const reading = readWebhooks(raw, isLoopbackHost);
  if ('problem' in reading) throw new Error(reading.problem);
  return reading.webhooks.map((w) => w.kind);
}

function problem(raw: string): string {
  const reading = readWebhooks(raw, isLoopbackHost);
  if (!('problem' in reading)) throw new Error('accepted');
  return `${reading.problem} ${reading.hint}`;
}

describe('the notify input', () => {
  it('recognises Slack incoming webhooks, Teams workflow webhooks and anything else as JSON', () => {
    expect(kinds([SLACK, TEAMS_FLOW, TEAMS_PP, TEAMS_O365, OTHER].join('\n'))).toEqual([
      'slack',
      'teams',
      'teams',
      'teams',
      'json',
    ]);
    // Slack's workflow webhooks take their own variables, not Block Kit
    expect(kinds('https://hooks.slack.com/triggers/T000/123/abc')).toEqual(['json']);
  });

  it('takes a slack:, teams: or json: prefix over what the URL shows, separated by commas or lines', () => {
    const reading = readWebhooks(
      ` slack:https://proxy.example/a ,teams:https://proxy.example/b\n\njson:${SLACK}\r\nhttp://127.0.0.1:9/x`,
      isLoopbackHost,
    );
    expect('webhooks' in reading && reading.webhooks).toEqual<Webhook[]>([
      { kind: 'slack', url: 'https://proxy.example/a', position: 1, of: 4 },
      { kind: 'teams', url: 'https://proxy.example/b', position: 2, of: 4 },
      { kind: 'json', url: SLACK, position: 3, of: 4 },
      { kind: 'json', url: 'http://127.0.0.1:9/x', position: 4, of: 4 },
    ]);
    expect(webhookLabel({ kind: 'slack', position: 2, of: 3 })).toBe('Slack webhook 2 of 3');
  });

  it('refuses a bad webhook by its position, never repeating it', () => {
    const cases = [
      `${SLACK},not a url SECRETWORD`,
      `${SLACK},discord:https://x.example/SECRETWORD`,
      `${SLACK},http://hooks.example/SECRETWORD`,
      `${SLACK},https://user:SECRETWORD@hooks.example/x`,
    ];
    for (const raw of cases) {
      const text = problem(raw);
      expect(text).toMatch(/^webhook 2 of 2 /);
      expect(text).not.toContain('SECRETWORD');
      expect(text).not.toContain('hooks.example');
    }
    expect(problem('http://hooks.example/a')).toMatch(/^the webhook is a plain http:\/\/ URL/);
    expect(problem(Array.from({ length: 11 }, (_, i) => `${OTHER}${i}`).join(','))).toContain(
      '11 webhooks are given; at most 10',
    );
  });

  it('masks every webhook as given and as a URL, and the whole value', () => {
    const raw = `slack:${SLACK}\n${OTHER}`;
    const secrets = webhookSecrets(raw);
    expect(secrets).toEqual(expect.arrayContaining([raw, `slack:${SLACK}`, SLACK, OTHER]));
    expect(secrets.every((s) => s.length >= 8)).toBe(true);
  });
});

describe('settings for alerts', () => {
  const event: EventContext = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };
  const settingsWith = (values: Partial<Record<InputName, string>>) =>
    parseSettings(
      { get: (name) => values[name] ?? '', label: (name) => (name === 'notify' ? 'ST_NOTIFY' : `--${name}`) },
      event,
      '/tmp',
    );

  it('reads the webhooks (several lines allowed) and notify-on, default new', () => {
    const settings = settingsWith({ notify: `${SLACK}\n${OTHER}\n` });
    expect(settings.notify.map((w) => w.kind)).toEqual(['slack', 'json']);
    expect(settings.notifyOn).toBe('new');
    expect(settingsWith({ 'notify-on': 'Change' }).notifyOn).toBe('change');
    expect(settingsWith({}).notify).toEqual([]);
  });

  it('says which input is wrong and what to do, without the URL', () => {
    let error: unknown;
    try {
      settingsWith({ notify: 'https://hooks.example/SECRETWORD,ftp://x.example/SECRETWORD' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const e = error as ConfigurationError;
    expect(e.code).toBe('input.invalid-notify');
    expect(e.message).toBe('ST_NOTIFY: webhook 2 of 2 is not an http(s) URL.');
    expect(`${e.message} ${e.hint}`).not.toContain('SECRETWORD');
    expect(() => settingsWith({ 'notify-on': 'sometimes' })).toThrow(
      expect.objectContaining({ code: 'input.invalid-notify-on' }),
    );
  });
});

describe('the webhooks on the command line', () => {
  it('come from ST_NOTIFY, never a flag, and a flag is refused without echoing its value', () => {
    const parsed = readCommandLine(['audit', '--notify', `${SLACK}`, '--notify-on', 'change'], {
      'notify-on': { type: 'string' },
    });
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? '' : parsed.message;
    expect(message).toContain('ST_NOTIFY');
    expect(message).toContain('never from the command line');
    expect(message).not.toContain('XXXXXXXX');
  });
});
