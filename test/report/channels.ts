/** Renders a report through every channel, as text, so tests can search what a reader would see. */
import { findingAnnotations } from '../../src/report/annotations.js';
import { renderConsole } from '../../src/report/console.js';
import { renderJson } from '../../src/report/json.js';
import type { Report } from '../../src/report/model.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { policy } from './fixtures.js';

export function everyChannel(report: Report): Record<string, string> {
  return {
    json: renderJson(report),
    summary: renderSummary(report, { reportPath: 'servicetitan-access-report.json' }),
    sarif: JSON.stringify(renderSarif(report, policy(), { policyPath: '.github/servicetitan-access.yml' })),
    annotations: JSON.stringify(findingAnnotations(report, '.github/servicetitan-access.yml')),
    console: renderConsole(report, { color: true, width: 200 }),
  };
}

/** What a reader sees: Markdown escapes, entities and zero-width spaces undone. */
export function visible(text: string): string {
  return text
    .replace(/\u200b/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&commat;/g, '@')
    .replace(/&num;/g, '#')
    .replace(/&amp;/g, '&');
}
