/**
 * The job summary's "Identity" section (SPEC §8): how many active accounts each identity source
 * knows, how many no source knows, leavers and dormant accounts; why dormancy could not be judged
 * where it could not; and, for `discover`, the accounts no source knows.
 */
import type { IdentitySummary } from '../engine/types.js';
import type { Report } from './model.js';
import { recordRef } from './describe.js';
import { plural, table, type Piece } from './summary-sections.js';
import { inlineMarkdown as md } from './text.js';

const KIND: Record<IdentitySummary['sources'][number]['kind'], string> = {
  csv: 'HR roster',
  entra: 'Microsoft Entra ID',
  google: 'Google Workspace',
};

/** The sentences saying what the identity sources decided, as plain text; shared with the console. */
export function identityLines(summary: IdentitySummary): string[] {
  const s = summary;
  const dormant =
    s.dormantAfterDays === null
      ? 'dormancy not judged (identity.dormant-after-days is not set)'
      : `${s.dormant} dormant (no sign-in for ${s.dormantAfterDays} days)`;
  const lines = [
    `${plural(s.accounts, 'active account')}: ${s.matched} matched to a person, ${s.unmatched} unmatched, ` +
      `${plural(s.leavers, 'leaver')}, ${dormant}` +
      (s.ssoBroken > 0 ? `, ${plural(s.ssoBroken, 'broken SSO link')}` : '') +
      '.',
  ];
  if (s.dormantAfterDays !== null) {
    for (const source of s.sources) {
      if (source.dormancyUnavailable !== null)
        lines.push(`For source ${source.id}, dormancy is unavailable: ${source.dormancyUnavailable}.`);
    }
  }
  return lines;
}

/** `entra: 85 accounts matched among 90 people, 1 leaver, 1 dormant` */
export function sourceTally(summary: IdentitySummary, source: IdentitySummary['sources'][number]): string {
  const dormant =
    summary.dormantAfterDays === null || source.dormancyUnavailable !== null
      ? 'dormancy not judged'
      : `${source.dormant} dormant`;
  return (
    `${source.id}: ${plural(source.matched, 'account')} matched among ${plural(source.people, 'person').replace(/persons$/, 'people')}, ` +
    `${plural(source.leavers, 'leaver')}, ${dormant}`
  );
}

export function identitySection(report: Report): Piece[] {
  const s = report.identity;
  if (!s) return [];
  return table(
    '### Identity',
    identityLines(s).map((line) => md(line, 600)),
    ['Source', 'Kind', 'People', 'Accounts matched', 'Leavers', 'Dormant'],
    s.sources.map((source) => [
      `\`${md(source.id, 100)}\``,
      KIND[source.kind],
      String(source.people),
      String(source.matched),
      String(source.leavers),
      s.dormantAfterDays === null || source.dormancyUnavailable !== null ? '—' : String(source.dormant),
    ]),
    plural(s.sources.length, 'source'),
  );
}

/** discover: the accounts no identity source knows, so a first run shows whether the join works. */
export function unmatchedAccounts(report: Report): Piece[] {
  const accounts = report.discovery?.unmatched;
  if (!accounts) return [];
  return table(
    `### Accounts no identity source knows (${accounts.length})`,
    [
      accounts.length === 0
        ? 'Every active account is matched to a person.'
        : 'Active, unlocked accounts: add each person to a source, correct the account’s email, or exempt the account from `identity-unmatched`.',
    ],
    ['Who', 'Email or login', 'Record'],
    accounts.map((a) => [md(a.name, 80), md(a.email ?? a.login ?? '—', 120), md(recordRef(a))]),
    plural(accounts.length, 'account'),
  );
}
