/**
 * `fleet-dashboard.html` (SPEC §10): one self-contained page with the tenants table (sortable;
 * readable without JavaScript), a trend chart per severity from the history, the fleet's findings
 * and the people who cross tenants. No network request: the chart library is inlined, the data is
 * in the page, and the page's Content-Security-Policy allows nothing else, so it works opened from
 * disk, from an artifact and on GitHub Pages alike.
 */
import { createHash } from 'node:crypto';
import { SEVERITIES } from '../policy/types.js';
import type { HistoryLine } from './history.js';
import { trendSeries, type FleetReport } from './rollup.js';
import type { TenantRun } from './reports.js';
import { uplotAssets } from './uplot-assets.js';

/** Rows of the people view and of the findings in the page; the JSON report holds more. */
const MAX_PEOPLE_ROWS = 500;
const MAX_FINDING_ROWS = 500;

const STATUS_RANK = { error: 0, fail: 1, pass: 2 } as const;
const COLORS = { critical: '#b91c1c', high: '#c2410c', medium: '#a16207', low: '#1d4ed8' } as const;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON inside a `<script>` element: nothing in it can close the element or open a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function cspHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

const isLink = (url: string | null): url is string => url !== null && /^https?:\/\/[^\s"'<>]+$/.test(url);

function tenantRow(t: TenantRun, rank: number): string {
  const c = t.counts;
  const problem = t.errors[0];
  const status = `<span class="status ${t.status}">${t.status}</span>${
    t.status === 'error' && problem
      ? `<br><small>${escapeHtml(problem.message.slice(0, 300))} [${escapeHtml(problem.code)}]</small>`
      : ''
  }`;
  const num = (n: number, cls = '') =>
    `<td class="num${cls && n > 0 ? ` ${cls}` : ''}" data-sort="${n}">${n}</td>`;
  return (
    `<tr>` +
    `<td class="num" data-sort="${rank}">${rank}</td>` +
    `<td data-sort="${escapeHtml(t.name)}">${escapeHtml(t.name)}${t.tenant ? ` <small>#${escapeHtml(t.tenant)}</small>` : ''}</td>` +
    `<td data-sort="${STATUS_RANK[t.status]}">${status}</td>` +
    num(c.critical, 'critical') +
    num(c.high, 'high') +
    num(c.medium, 'medium') +
    num(c.low, 'low') +
    num(c.exempted) +
    num(c.users) +
    `<td data-sort="${escapeHtml(t.finishedAt ?? '')}">${t.finishedAt ? escapeHtml(t.finishedAt.slice(0, 16).replace('T', ' ')) : ''}${
      isLink(t.runUrl) ? ` <a href="${escapeHtml(t.runUrl)}" rel="noopener noreferrer">run</a>` : ''
    }</td>` +
    `</tr>`
  );
}

function header(columns: [string, 'text' | 'number'][], sorted?: number): string {
  return `<thead><tr>${columns
    .map(
      ([label, type], i) =>
        `<th scope="col" data-type="${type}"${i === sorted ? ' aria-sort="ascending"' : ''}>${escapeHtml(label)}</th>`,
    )
    .join('')}</tr></thead>`;
}

function tenantsTable(report: FleetReport): string {
  const columns: [string, 'text' | 'number'][] = [
    ['#', 'number'],
    ['Tenant', 'text'],
    ['Status', 'number'],
    ['Critical', 'number'],
    ['High', 'number'],
    ['Medium', 'number'],
    ['Low', 'number'],
    ['Exempted', 'number'],
    ['Users', 'number'],
    ['Audited', 'text'],
  ];
  return (
    `<table id="tenants-table" class="sortable">` +
    `<caption>Worst first: errored tenants, then by critical, high, medium and low findings. Select a heading to sort.</caption>` +
    header(columns, 0) +
    `<tbody>${report.tenants.map((t, i) => tenantRow(t, i + 1)).join('')}</tbody></table>`
  );
}

function findingsSection(report: FleetReport): string {
  if (report.findings.length === 0) {
    return '<p>No one is locked or deactivated in one tenant and still active in another.</p>';
  }
  const rows = report.findings
    .slice(0, MAX_FINDING_ROWS)
    .map(
      (f) =>
        `<tr><td><span class="sev critical">critical</span></td>` +
        `<td>${escapeHtml(f.person.email ?? `aadUserId ${f.person.aadUserId ?? ''}`)}${f.person.name ? `<br><small>${escapeHtml(f.person.name)}</small>` : ''}</td>` +
        `<td>${escapeHtml(f.inactiveIn.map((t) => `${t.tenant} (${t.state})`).join(', '))}</td>` +
        `<td>${escapeHtml(f.activeIn.join(', '))}</td></tr>`,
    )
    .join('');
  return (
    `<table id="findings-table" class="sortable"><caption>fleet-leaver-elsewhere: an account locked or deactivated in one tenant and still active in another.</caption>` +
    header([
      ['Severity', 'text'],
      ['Person', 'text'],
      ['Locked or deactivated in', 'text'],
      ['Still active in', 'text'],
    ]) +
    `<tbody>${rows}</tbody></table>` +
    (report.findings.length > MAX_FINDING_ROWS
      ? `<p>And ${report.findings.length - MAX_FINDING_ROWS} more in fleet-report.json.</p>`
      : '')
  );
}

function peopleSection(report: FleetReport): string {
  const m = report.totals.tenants;
  if (report.people.length === 0) {
    return '<p>No one has an account in more than one tenant (of the tenants whose people could be compared).</p>';
  }
  const shown = report.people.slice(0, MAX_PEOPLE_ROWS);
  const rows = shown
    .map((p) => {
      const holds = p.holds
        .map((h) => `${escapeHtml(h.permission)} in ${h.tenants.length} of ${m} tenants`)
        .join('<br>');
      const reach = p.holds[0]?.tenants.length ?? 0;
      return (
        `<tr><td data-sort="${escapeHtml(p.email ?? p.aadUserId ?? '')}">${escapeHtml(p.email ?? `aadUserId ${p.aadUserId ?? ''}`)}${p.name ? `<br><small>${escapeHtml(p.name)}</small>` : ''}</td>` +
        `<td class="num" data-sort="${p.tenants.length}">${p.tenants.length} of ${m}</td>` +
        `<td data-sort="${reach}">${holds || '<span class="muted">nothing forbidden</span>'}</td>` +
        `<td>${escapeHtml(p.tenants.map((t) => (t.state === 'active' ? t.tenant : `${t.tenant} (${t.state})`)).join(', '))}</td></tr>`
      );
    })
    .join('');
  const more = report.peopleTotal - shown.length;
  return (
    `<table id="people-table" class="sortable"><caption>The same person (email, case-insensitive, or aadUserId) in several tenants, widest reach first.</caption>` +
    header([
      ['Person', 'text'],
      ['Tenants', 'number'],
      ['Holds (forbidden by policy)', 'number'],
      ['Accounts', 'text'],
    ]) +
    `<tbody>${rows}</tbody></table>` +
    (more > 0 ? `<p>And ${more} more in fleet-report.json.</p>` : '')
  );
}

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}
body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}caption{text-align:left;color:#59636e;padding:.3rem 0;font-size:.85rem}
th,td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa;white-space:nowrap}th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}small,.muted{color:#59636e}
td.critical{color:${COLORS.critical};font-weight:700}td.high{color:${COLORS.high};font-weight:700}td.medium{color:${COLORS.medium}}td.low{color:${COLORS.low}}
.status{font-weight:700;text-transform:uppercase;font-size:.8rem}.status.error{color:#8250df}.status.fail{color:${COLORS.critical}}.status.pass{color:#1a7f37}
.sev.critical{color:${COLORS.critical};font-weight:700}
.totals{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0 0;padding:0;list-style:none}.totals li{background:#f6f8fa;border-radius:6px;padding:.4rem .8rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:1rem}
figure{margin:0;border:1px solid #d0d7de;border-radius:6px;padding:.5rem}figcaption{font-weight:600;margin-bottom:.3rem}
.notes li{margin:.3rem 0}
`;

const SCRIPT = `(function () {
  'use strict';
  var trend = JSON.parse(document.getElementById('fleet-trend').textContent);
  var colors = ${JSON.stringify(COLORS)};
  ['critical', 'high', 'medium', 'low'].forEach(function (severity) {
    var figure = document.getElementById('chart-' + severity);
    var target = figure.querySelector('.plot');
    target.textContent = '';
    var width = Math.max(260, Math.min(560, figure.clientWidth - 16));
    new uPlot({
      width: width,
      height: 180,
      scales: { x: { time: true } },
      series: [{}, { label: severity, stroke: colors[severity], fill: colors[severity] + '22', width: 2, points: { show: true, size: 5 } }],
      legend: { show: true }
    }, [trend.at, trend[severity]], target);
  });
  function cellKey(row, column, type) {
    var cell = row.cells[column];
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
    return type === 'number' ? Number(raw) : raw.toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var headings = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headings, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        var type = th.getAttribute('data-type');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, column, type), y = cellKey(b, column, type);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        Array.prototype.forEach.call(headings, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();`;

export function renderDashboard(report: FleetReport, history: readonly HistoryLine[]): string {
  const { script: chartScript, style: chartStyle, version } = uplotAssets();
  const trend = trendSeries(history);
  const t = report.totals;
  const generated = report.generatedAt.slice(0, 16).replace('T', ' ');
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(chartScript)} ${cspHash(SCRIPT)}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const charts = SEVERITIES.map(
    (severity) =>
      `<figure id="chart-${severity}" class="chart"><figcaption>${severity[0]!.toUpperCase()}${severity.slice(1)}</figcaption>` +
      `<div class="plot"><p class="muted">Now: ${t[severity]} across the fleet. The chart needs JavaScript.</p></div></figure>`,
  ).join('');
  const notes = report.notes.length
    ? `<section id="notes"><h2>Notes</h2><ul class="notes">${report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ServiceTitan fleet access, ${escapeHtml(generated)} UTC</title>
<style>${chartStyle}</style>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>ServiceTitan fleet access: <span class="status ${report.status}">${report.status}</span></h1>
<p class="muted">Rolled up ${escapeHtml(generated)} UTC from ${t.tenants} tenant${t.tenants === 1 ? '' : 's'}${report.redacted ? '; names and emails are masked' : ''}.</p>
<ul class="totals">
<li><strong>${t.tenants}</strong> tenants</li>
<li><strong>${t.errored}</strong> errored</li>
<li class="critical"><strong>${t.critical}</strong> critical</li>
<li><strong>${t.high}</strong> high</li>
<li><strong>${t.medium}</strong> medium</li>
<li><strong>${t.low}</strong> low</li>
<li><strong>${report.findings.length}</strong> fleet findings</li>
<li><strong>${t.users}</strong> users</li>
</ul>
</header>
<section id="trend"><h2>Trend</h2><p class="muted">Findings across the fleet per run (${trend.at.length} run${trend.at.length === 1 ? '' : 's'} in the history).</p><div class="charts">${charts}</div></section>
<section id="tenants"><h2>Tenants</h2>${tenantsTable(report)}</section>
<section id="findings"><h2>Fleet findings</h2>${findingsSection(report)}</section>
<section id="people"><h2>People across tenants</h2>${peopleSection(report)}</section>
${notes}
<footer><p class="muted">servicetitan-access-guard ${escapeHtml(report.tool.version)} · charts by uPlot ${escapeHtml(version)} (MIT)</p></footer>
<script type="application/json" id="fleet-trend">${scriptJson(trend)}</script>
<script>${chartScript}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
