/**
 * The fleet roll-up's alert: ONE message for all tenants, from the reports the tenants' audits
 * uploaded. Each tenant's own job has already updated its tracking issue, so the roll-up has no
 * last run of its own to compare with: `notify-on: new` then lists every open finding (and the log
 * says so), and `always` makes it a digest after every roll-up. Never throws.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { emptyCounts } from '../engine/counts.js';
import type { Finding } from '../engine/types.js';
import type { Logger } from '../logger.js';
import type { Report } from '../report/model.js';
import { redactReport } from '../report/redact.js';
import { shouldRedact, type Settings } from '../settings.js';
import { TOOL_VERSION } from '../version.js';
import type { DeliveryOptions } from './deliver.js';
import { notifyFleet, type AlertOutcome } from './send.js';

/** What the roll-up read for one tenant (the fleet's `TenantRun`, in the fields used here). */
export interface RolledUpTenant {
  /** the tenant's name in the fleet */
  name: string;
  status: 'pass' | 'fail' | 'error';
  /** what was read: a JSON report, an evidence pack, or nothing */
  from: 'report' | 'evidence' | null;
  /** relative to the reports folder: the report file, or the pack's folder */
  path: string | null;
  errors: { code: string }[];
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const SEVERITIES = new Set(['critical', 'high', 'medium', 'low']);

function isFinding(v: unknown): v is Finding {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    typeof v.rule === 'string' &&
    typeof v.severity === 'string' &&
    SEVERITIES.has(v.severity) &&
    isRecord(v.evidence) &&
    isRecord(v.fix)
  );
}

function errored(tenant: RolledUpTenant, failOn: Report['failOn']): Report {
  return {
    version: 1,
    tool: { name: 'servicetitan-access-guard', version: TOOL_VERSION },
    mode: 'audit',
    tenant: tenant.name,
    environment: 'production',
    policy: { path: '', sha256: null },
    startedAt: '',
    finishedAt: '',
    status: 'error',
    failOn,
    counts: emptyCounts(),
    findings: [],
    plan: [],
    refusals: [],
    comparison: null,
    errors: tenant.errors.map((e) => ({ code: e.code, message: '' })),
    redacted: false,
  };
}

/** The tenant's report as its audit wrote it, named by its fleet name; an errored one when unreadable. */
async function tenantReport(dir: string, tenant: RolledUpTenant, failOn: Report['failOn']): Promise<Report> {
  if (tenant.from === null || tenant.path === null) return errored(tenant, failOn);
  const file = path.join(dir, tenant.path, ...(tenant.from === 'evidence' ? ['report.json'] : []));
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return errored(tenant, failOn);
  }
  if (!isRecord(json) || !Array.isArray(json.findings) || !isRecord(json.counts))
    return errored(tenant, failOn);
  const base = errored(tenant, failOn);
  return {
    ...base,
    tool:
      isRecord(json.tool) && typeof json.tool.version === 'string'
        ? { ...base.tool, version: json.tool.version }
        : base.tool,
    environment: json.environment === 'integration' ? 'integration' : 'production',
    status: tenant.status,
    counts: { ...base.counts, ...(json.counts as Partial<Report['counts']>) },
    findings: json.findings.filter(isFinding),
    errors: Array.isArray(json.errors)
      ? json.errors.filter(isRecord).map((e) => ({ code: String(e.code ?? 'unknown'), message: '' }))
      : [],
    redacted: json.redacted === true,
  };
}

function runUrl(env: NodeJS.ProcessEnv): string | null {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return null;
  return `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

/** One message for the fleet, when `notify` names webhooks. `reportsDir`: the `reports` folder, resolved. */
export async function alertFleetRollup(
  settings: Settings,
  reportsDir: string,
  tenants: readonly RolledUpTenant[],
  logger: Logger,
  delivery: DeliveryOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<AlertOutcome> {
  if (settings.notify.length === 0) return { due: false, deliveries: [] };
  try {
    if (settings.event.isPullRequest) {
      logger.info('No alert: alerts follow scheduled and manual runs, not pull requests.');
      return { due: false, deliveries: [] };
    }
    const redact = shouldRedact(settings);
    const reports = await Promise.all(
      tenants.map(async (t) => {
        const report = await tenantReport(reportsDir, t, settings.failOn);
        return redact && !report.redacted ? redactReport(report) : report;
      }),
    );
    return await notifyFleet({
      webhooks: settings.notify,
      notifyOn: settings.notifyOn,
      tenants: reports.map((report) => ({ report, lastRun: null })),
      links: { runUrl: runUrl(env) },
      logger,
      delivery,
    });
  } catch (error) {
    logger.warning(
      `Alerts were not sent: an unexpected error (${error instanceof Error ? error.name : typeof error}). This is a bug; please report it.`,
    );
    return { due: false, deliveries: [] };
  }
}
