/**
 * SARIF 2.1.0 for GitHub code scanning (SPEC §5): one rule per policy rule plus the built-in
 * ones, one result per finding located in the policy file, exempted findings as accepted
 * suppressions, and the stable finding id as the fingerprint so alerts follow a finding across runs.
 * A finding this run's apply fixed (and verified) is left out: code scanning then closes its alert
 * as fixed, which is what happened; the run's properties count them.
 */
import { BUILT_IN_RULES, IDENTITY_RULES, type Finding } from '../engine/types.js';
import type { Policy, Rule, Severity } from '../policy/types.js';
import { isExempt, isRemediated } from './build.js';
import { fixLabel, holdings, recordRef } from './describe.js';
import type { Report } from './model.js';
import type { Renderer } from './renderer.js';
import { inlineMarkdown, inlinePlain } from './text.js';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { 'security-severity': string; tags: string[]; precision: 'very-high' };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number };
    };
  }[];
  partialFingerprints: { 'findingId/v1': string };
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[];
  properties: { severity: Severity };
}

export interface SarifLog {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json';
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: 'servicetitan-access-guard';
        version: string;
        semanticVersion: string;
        informationUri: string;
        rules: SarifReportingDescriptor[];
      };
    };
    invocations: { executionSuccessful: boolean }[];
    results: SarifResult[];
    properties?: {
      truncated?: true;
      totalResults?: number;
      shownResults?: number;
      note?: string;
      /** findings this run's apply fixed and verified, left out of the results */
      remediatedFindings?: number;
      remediatedNote?: string;
    };
  }[];
}

/** GitHub's upload limits per run (results) and a generous bound on rules. */
export const MAX_RESULTS = 25_000;
export const MAX_RULES = 1_000;

const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};
const LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

const BUILT_IN: Record<(typeof BUILT_IN_RULES)[number], { severity: Severity; text: string; help: string }> =
  {
    'exemption-expired': {
      severity: 'high',
      text: 'An exemption has expired: the findings it covered are back.',
      help: 'Renew the exemption (with a new approval and expiry) or remove it and fix the findings it covered.',
    },
    'exemption-unused': {
      severity: 'low',
      text: 'An exemption matches no finding.',
      help: 'Remove the exemption, or correct its user or rules if it was meant to cover a finding.',
    },
    'permission-unmapped': {
      severity: 'high',
      text: 'A mapped permission id appears in no user’s permissions: the mapping is probably wrong.',
      help: 'Run `st-access-guard discover` to find the right permission id and correct the mapping.',
    },
    'reference-unmatched': {
      severity: 'high',
      text: 'A role, business unit or user the policy names matches nothing in the tenant: a rule or guard is silently weaker.',
      help: 'Correct the name to one the tenant has (`st-access-guard discover` lists its roles), or remove it. Apply refuses while a `safety` reference matches nothing.',
    },
  };

/** The identity findings (SPEC §8), described when the policy has an `identity` section. */
const IDENTITY: Record<(typeof IDENTITY_RULES)[number], { severity: Severity; text: string; help: string }> =
  {
    'identity-leaver': {
      severity: 'high',
      text: 'An active ServiceTitan account belongs to a person the identity source shows as gone: terminated, suspended, or deleted from Entra ID.',
      help: 'Lock or deactivate the account (`apply` does it when `identity.leaver-fix` is `lock` or `deactivate`), and revoke any API credentials the person created. Critical when the account holds a mapped permission or an admin role.',
    },
    'identity-unmatched': {
      severity: 'medium',
      text: 'An active ServiceTitan account that no identity source knows: nobody can say who uses it.',
      help: 'Find who uses the account: add the person to an identity source or correct the account’s email; exempt a shared account that must stay, with a reason; deactivate it if nobody needs it.',
    },
    'identity-dormant': {
      severity: 'low',
      text: 'An active ServiceTitan account whose person has not signed in to the directory for `identity.dormant-after-days`.',
      help: 'Ask whether the person still needs ServiceTitan; deactivate the account if not.',
    },
    'identity-sso-broken': {
      severity: 'medium',
      text: 'A ServiceTitan account linked to an Entra object that no longer exists, while its email belongs to another Entra user: single sign-on is broken.',
      help: 'Connect the account to Microsoft again in ServiceTitan so it points at the Entra user its email belongs to, or correct the email.',
    },
  };

/**
 * SARIF plain-text messages may embed links as `[text](target)`; a name from ServiceTitan must
 * not become one, so brackets (and the escape character) are escaped as the spec prescribes.
 */
function sarifText(s: string, max: number): string {
  return inlinePlain(s, max).replace(/[\\[\]]/g, '\\$&');
}

function ruleText(rule: Rule): string {
  if (rule.kind === 'max-holders') {
    const what = [...rule.maxHolders.roles.map((r) => `role ${r}`), ...rule.maxHolders.permissions].join(
      ', ',
    );
    return `At most ${rule.maxHolders.max} users may hold ${what}.`;
  }
  const parts = [
    ...(rule.forbid.permissions.length ? [`permissions ${rule.forbid.permissions.join(', ')}`] : []),
    ...(rule.forbid.roles.length ? [`roles ${rule.forbid.roles.join(', ')}`] : []),
    ...(rule.forbid.account ? ['an active account'] : []),
  ];
  const who = rule.appliesTo.audience === 'any' ? 'Users' : `${rule.appliesTo.audience} users`;
  const fix =
    rule.fix.action === 'none'
      ? ''
      : ` Fix: ${rule.fix.action === 'set-role' ? `set role ${rule.fix.role}` : rule.fix.action}.`;
  return `${who} in scope must not hold ${parts.join(' or ')}.${fix}`;
}

function descriptor(
  id: string,
  severity: Severity,
  short: string,
  full: string,
  help: string,
): SarifReportingDescriptor {
  return {
    id,
    name: id,
    shortDescription: { text: sarifText(short, 1000) },
    fullDescription: { text: sarifText(full, 1000) },
    help: { text: sarifText(help, 1000), markdown: inlineMarkdown(help, 1000) },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[severity],
      tags: ['security'],
      precision: 'very-high',
    },
  };
}

function descriptors(report: Report, policy: Policy | null): SarifReportingDescriptor[] {
  const out = new Map<string, SarifReportingDescriptor>();
  for (const rule of policy?.rules ?? []) {
    const text = ruleText(rule);
    const help = `${rule.description ? `${rule.description}. ` : ''}${text} Defined in the access policy; change the users in ServiceTitan or the rule in the policy.`;
    out.set(rule.id, descriptor(rule.id, rule.severity, rule.description ?? text, text, help));
  }
  for (const id of BUILT_IN_RULES) {
    const b = BUILT_IN[id];
    out.set(id, descriptor(id, b.severity, b.text, b.text, b.help));
  }
  const identityFindings = report.findings.some((f) =>
    (IDENTITY_RULES as readonly string[]).includes(f.rule),
  );
  if (policy?.identity || identityFindings) {
    for (const id of IDENTITY_RULES) {
      const b = IDENTITY[id];
      const unmatched = policy?.identity?.unmatched;
      const severity =
        id === 'identity-unmatched' && unmatched && unmatched !== 'ignore' ? unmatched : b.severity;
      out.set(id, descriptor(id, severity, b.text, b.text, b.help));
    }
  }
  // a report read back without its policy still gets a rule for every finding
  for (const f of report.findings) {
    if (!out.has(f.rule))
      out.set(
        f.rule,
        descriptor(f.rule, f.severity, f.rule, `Policy rule ${f.rule}.`, `Policy rule ${f.rule}.`),
      );
  }
  const withFindings = new Set(report.findings.map((f) => f.rule));
  const all = [...out.values()];
  // rules that have results come first, so capping never orphans a result
  return [...all.filter((d) => withFindings.has(d.id)), ...all.filter((d) => !withFindings.has(d.id))].slice(
    0,
    MAX_RULES,
  );
}

function resultMessage(f: Finding): string {
  const who = f.user
    ? `${sarifText(f.user.name, 120)} (${recordRef(f.user)}, ${f.user.audience})`
    : 'The tenant';
  const message = sarifText(f.message, 500);
  const what = holdings(f, 20);
  if (what === f.message) return `${who}: ${message}`;
  return `${who}: ${message}. Holds ${sarifText(what, 500)}. Fix: ${sarifText(fixLabel(f.fix), 100)}.`;
}

function result(f: Finding, ruleIndex: number, policyPath: string): SarifResult {
  const r: SarifResult = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: resultMessage(f) },
    locations: [
      {
        physicalLocation: {
          // a rule from a base policy (`extends`) is located in the base
          artifactLocation: { uri: f.location.file ?? policyPath },
          region: { startLine: Math.max(1, f.location.line), startColumn: Math.max(1, f.location.column) },
        },
      },
    ],
    partialFingerprints: { 'findingId/v1': f.id },
    properties: { severity: f.severity },
  };
  if (isExempt(f)) {
    r.suppressions = [
      { kind: 'external', status: 'accepted', justification: sarifText(f.exemption!.reason, 500) },
    ];
  }
  return r;
}

export function renderSarif(report: Report, policy: Policy | null, opts: { policyPath: string }): SarifLog {
  const rules = descriptors(report, policy);
  const index = new Map(rules.map((d, i) => [d.id, i]));
  const policyPath = opts.policyPath.replace(/\\/g, '/').replace(/^\.\//, '');
  const fixed = report.findings.filter(isRemediated).length;
  const reported = report.findings.filter((f) => !isRemediated(f));
  const eligible = reported.filter((f) => index.has(f.rule));
  const results = eligible.slice(0, MAX_RESULTS).map((f) => result(f, index.get(f.rule)!, policyPath));
  const run: SarifLog['runs'][number] = {
    tool: {
      driver: {
        name: 'servicetitan-access-guard',
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: 'https://github.com/servicetitan-access-guard/servicetitan-access-guard',
        rules,
      },
    },
    invocations: [{ executionSuccessful: report.status !== 'error' }],
    results,
  };
  if (results.length < reported.length) {
    run.properties = {
      truncated: true,
      totalResults: reported.length,
      shownResults: results.length,
      note: `Only the first ${results.length} of ${reported.length} findings fit GitHub's upload limits; the JSON report has them all.`,
    };
  }
  if (fixed > 0) {
    run.properties = {
      ...run.properties,
      remediatedFindings: fixed,
      remediatedNote: `${fixed} finding${fixed === 1 ? '' : 's'} fixed by this run's apply (verified by reading the user back) ${fixed === 1 ? 'is' : 'are'} not reported as results, so code scanning closes ${fixed === 1 ? 'its alert' : 'their alerts'} as fixed; the JSON report lists ${fixed === 1 ? 'it' : 'them'} with remediated: true.`,
    };
  }
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}

/** The SARIF file, behind the common renderer signature: the one place its policy path is normalised. */
export const sarifFile: Renderer = (report, context) =>
  JSON.stringify(renderSarif(report, context.policy, { policyPath: context.policyPath }), null, 2) + '\n';
