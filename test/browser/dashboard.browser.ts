/**
 * `fleet-dashboard.html` in a real headless Chromium, opened from disk as a user opens a
 * downloaded artifact: it renders, draws a chart per severity, makes no network request, logs no
 * console error, sorts its tables, and reads without JavaScript.
 *
 * `npm run test:browser` (not part of `npm test`); scripts/install-browser.sh installs Chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDashboard } from '../../src/fleet/dashboard.js';
import { historyLine, type HistoryLine } from '../../src/fleet/history.js';
import { PeopleIndex } from '../../src/fleet/people.js';
import { EMPTY_COUNTS, type TenantRun } from '../../src/fleet/reports.js';
import { buildFleetReport } from '../../src/fleet/rollup.js';

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // next
    }
  }
  throw new Error('No Chromium: run scripts/install-browser.sh (or set CHROMIUM_PATH)');
}

function run(name: string, counts: Partial<TenantRun['counts']>, extra: Partial<TenantRun> = {}): TenantRun {
  return {
    name,
    tenant: String(1000 + name.length),
    environment: 'production',
    status: counts.critical || counts.high ? 'fail' : 'pass',
    counts: { ...EMPTY_COUNTS, users: 120, ...counts },
    runUrl: `https://github.com/acme/fleet/actions/runs/${name.length}`,
    finishedAt: '2026-03-01T02:10:00.000Z',
    from: 'evidence',
    path: name,
    errors: [],
    redacted: false,
    people: 'roster',
    ...extra,
  };
}

let dir: string;
let file: string;
let browser: Browser;

beforeAll(async () => {
  const runs = [
    run('north', { critical: 2, high: 1, findings: 3 }),
    run('south', { high: 4, medium: 2, findings: 6 }),
    run('alpha', { low: 1, findings: 1 }),
    run('<img src=x onerror=alert(1)>', { medium: 1, findings: 1 }),
    run(
      'gamma',
      {},
      { status: 'error', errors: [{ code: 'fleet.report-unreadable', message: 'gamma: broken' }] },
    ),
  ];
  const names = runs.map((r) => r.name);
  const index = new PeopleIndex(names);
  const jake = { email: 'jake@gmail.com', aadUserId: null, name: 'Jake M', active: true, locked: false };
  for (const t of [0, 1, 2]) {
    index.addAccount(t, { ...jake, locked: t === 2 });
    index.addHolding(t, jake, 'generate-api-key');
  }
  const { people, leavers } = index.result();
  const report = buildFleetReport({
    runs,
    people,
    leavers,
    failOn: 'high',
    now: new Date('2026-03-03T02:30:00Z'),
    toolVersion: '1.0.0',
  });
  const history: HistoryLine[] = [
    historyLine(
      new Date('2026-03-01T02:30:00Z'),
      runs.map((r) => ({ ...r, counts: { ...r.counts, critical: 5 } })),
    ),
    historyLine(
      new Date('2026-03-02T02:30:00Z'),
      runs.map((r) => ({ ...r, counts: { ...r.counts, critical: 3 } })),
    ),
    historyLine(new Date('2026-03-03T02:30:00Z'), runs),
  ];
  dir = await mkdtemp(path.join(os.tmpdir(), 'st-guard-dashboard-'));
  file = path.join(dir, 'fleet-dashboard.html');
  await writeFile(file, renderDashboard(report, history));
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  requests: string[];
  blocked: string[];
  errors: string[];
}

async function open(javaScriptEnabled = true): Promise<Opened> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const opened: Opened = { page, requests: [], blocked: [], errors: [] };
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') opened.errors.push(m.text());
  });
  page.on('pageerror', (e) => opened.errors.push(e.message));
  // anything but the page itself would be a network request: refused, and recorded
  await context.route('**/*', async (route) => {
    if (route.request().url() === url) return route.continue();
    opened.blocked.push(route.request().url());
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return opened;
}

const rowsOf = (page: Page, table: string) =>
  page.$$eval(`#${table} tbody tr`, (rows) =>
    rows.map((r) => (r as unknown as { cells: { textContent: string }[] }).cells[1]!.textContent),
  );

describe('the fleet dashboard in Chromium, opened from disk', () => {
  it('renders the tables and draws every trend chart, with no request and no console error', async () => {
    const { page, requests, blocked, errors } = await open();
    expect(await page.title()).toContain('ServiceTitan fleet access');
    expect(await page.$$eval('#tenants-table tbody tr', (rows) => rows.length)).toBe(5);
    // one canvas per severity, each with pixels drawn on it
    const painted = await page.evaluate<
      number[]
    >(`Array.from(document.querySelectorAll('figure.chart canvas')).map((c) => {
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
      return n;
    })`);
    expect(painted).toHaveLength(4);
    for (const pixels of painted) expect(pixels).toBeGreaterThan(100);
    expect(await page.textContent('#people-table')).toContain('generate-api-key in 3 of 5 tenants');
    expect(await page.textContent('#findings-table')).toContain('alpha (locked)');
    expect(blocked).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(errors).toEqual([]);
    // a tenant named like markup stays text
    expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
    await page.context().close();
  });

  it('sorts the tenants table by the heading selected, both ways', async () => {
    const { page, errors } = await open();
    expect((await rowsOf(page, 'tenants-table'))[0]).toContain('gamma');
    await page.click('#tenants-table th:nth-child(2) button');
    const ascending = await rowsOf(page, 'tenants-table');
    expect(ascending.map((t) => t.split(' ')[0])).toEqual(['<img', 'alpha', 'gamma', 'north', 'south']);
    expect(await page.getAttribute('#tenants-table th:nth-child(2)', 'aria-sort')).toBe('ascending');
    await page.click('#tenants-table th:nth-child(2) button');
    expect((await rowsOf(page, 'tenants-table'))[0]).toContain('south');
    // by high findings, most first on the second click
    await page.click('#tenants-table th:nth-child(5) button');
    await page.click('#tenants-table th:nth-child(5) button');
    expect((await rowsOf(page, 'tenants-table'))[0]).toContain('south');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reads without JavaScript: the tables are there, worst first', async () => {
    const { page, requests } = await open(false);
    const rows = await rowsOf(page, 'tenants-table');
    expect(rows.map((t) => t.split(' ')[0])).toEqual(['gamma', 'north', 'south', '<img', 'alpha']);
    expect(await page.textContent('#chart-critical')).toContain('The chart needs JavaScript');
    expect(requests).toHaveLength(1);
    await page.context().close();
  });
});
