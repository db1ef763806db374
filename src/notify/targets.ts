/**
 * The `notify` input: one or more webhook URLs, each a secret (a Slack or Teams webhook URL is
 * all it takes to post into the channel). Their kind comes from the host, or from a `slack:`,
 * `teams:` or `json:` prefix for URLs that do not show it (a proxy, a test receiver). A webhook is
 * named to people by kind and position only ("Slack webhook 2 of 3"), never by its URL.
 */

export type WebhookKind = 'slack' | 'teams' | 'json';
export type NotifyOn = 'new' | 'change' | 'always';
export const NOTIFY_ON: readonly NotifyOn[] = ['new', 'change', 'always'];

export interface Webhook {
  kind: WebhookKind;
  /** the URL without its prefix: a secret, never printed */
  url: string;
  /** 1-based, in the order given */
  position: number;
  /** how many webhooks were given */
  of: number;
}

/** Plenty for a team channel, a security channel and a SIEM; more is a mistake. */
export const MAX_WEBHOOKS = 10;

const KIND_NAMES: Record<WebhookKind, string> = { slack: 'Slack', teams: 'Teams', json: 'JSON' };
const PREFIX = /^(slack|teams|json):(?=[a-z][a-z0-9+.-]*:)/i;

/** `Slack webhook 2 of 3`: how every log line and warning names a webhook. */
export function webhookLabel(webhook: Pick<Webhook, 'kind' | 'position' | 'of'>): string {
  return `${KIND_NAMES[webhook.kind]} webhook ${webhook.position} of ${webhook.of}`;
}

/** The entries of the input: split on commas and line breaks, trimmed, empty ones dropped. */
export function webhookEntries(raw: string): string[] {
  return raw
    .split(/[,\r\n]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * Everything to mask for one input value: each entry as given and its URL without the prefix, as
 * written and as URL parsing would print it. Masked the moment the input is read, before anything
 * can print it; the whole value is masked too, whatever it holds.
 */
export function webhookSecrets(raw: string): string[] {
  const secrets = new Set<string>();
  if (raw.trim() !== '') secrets.add(raw.trim());
  for (const entry of webhookEntries(raw)) {
    secrets.add(entry);
    const url = entry.replace(PREFIX, '');
    secrets.add(url);
    try {
      secrets.add(new URL(url).href);
    } catch {
      // not a URL: the entry itself is masked, and settings refuses it without repeating it
    }
  }
  // a value of a few characters would mask those characters everywhere in the log
  return [...secrets].filter((s) => s.length >= 8);
}

/**
 * Slack incoming webhooks (`hooks.slack.com/services/…`) take Block Kit; Teams workflow webhooks
 * (Power Automate: `*.logic.azure.com`, `*.powerplatform.com`; the older `*.webhook.office.com`)
 * take an Adaptive Card; anything else gets the generic JSON. Slack's workflow webhooks
 * (`hooks.slack.com/triggers/…`) take their own variables, not Block Kit: JSON it is.
 */
export function kindFromUrl(url: URL): WebhookKind {
  const host = url.hostname.toLowerCase();
  if (host === 'hooks.slack.com' && url.pathname.startsWith('/services/')) return 'slack';
  if (['.logic.azure.com', '.powerplatform.com', '.webhook.office.com'].some((d) => host.endsWith(d))) {
    return 'teams';
  }
  return 'json';
}

export type WebhookReading = { webhooks: Webhook[] } | { problem: string; hint: string };

/**
 * The webhooks of the input, or what is wrong with one: a sentence to follow `Input \`notify\`: `,
 * naming the webhook by position, never quoting it.
 */
export function readWebhooks(raw: string, isLoopbackHost: (hostname: string) => boolean): WebhookReading {
  const entries = [...new Set(webhookEntries(raw))];
  if (entries.length > MAX_WEBHOOKS) {
    return {
      problem: `${entries.length} webhooks are given; at most ${MAX_WEBHOOKS} are accepted.`,
      hint: 'Give one webhook per channel that should hear about new findings.',
    };
  }
  const webhooks: Webhook[] = [];
  for (const [i, entry] of entries.entries()) {
    const which = entries.length === 1 ? 'the webhook' : `webhook ${i + 1} of ${entries.length}`;
    const prefix = PREFIX.exec(entry)?.[1]?.toLowerCase() as WebhookKind | undefined;
    const rest = prefix ? entry.slice(prefix.length + 1) : entry;
    let url: URL;
    try {
      url = new URL(rest);
    } catch {
      return {
        problem: `${which} is not a URL.`,
        hint: 'Give https:// webhook URLs separated by commas or new lines, each optionally prefixed with `slack:`, `teams:` or `json:`.',
      };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return {
        problem: `${which} is not an http(s) URL.`,
        hint: 'Give an https:// URL; the only prefixes are `slack:`, `teams:` and `json:` (e.g. `slack:https://proxy.example/hook`).',
      };
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      // the URL is the webhook's only credential, and the message names users
      return {
        problem: `${which} is a plain http:// URL: the webhook's URL (its credential) and the message would travel unencrypted.`,
        hint: 'Use an https:// URL. Plain http:// is accepted only for a receiver on this machine (localhost, 127.0.0.1, ::1).',
      };
    }
    if (url.username || url.password) {
      return {
        problem: `${which} carries a user name or password, which would not be sent.`,
        hint: 'Put the receiver’s token in the URL’s path or query instead.',
      };
    }
    webhooks.push({ kind: prefix ?? kindFromUrl(url), url: rest, position: i + 1, of: entries.length });
  }
  return { webhooks };
}
