/**
 * The generic JSON message (SPEC §11), for any receiver that is neither Slack nor Teams:
 * `{tool, version, tenant, status, counts, new, resolved, runUrl}`, each new finding in the JSON
 * report's shape (names and emails masked when the report is), most severe first. A fleet's
 * message has `tenant: null`, the counts summed, each new finding with its `tenant`, and one
 * entry per tenant in `tenants`.
 */
import { finding as findingJson } from '../report/json.js';
import type { Alert } from './message.js';

export function genericMessage(alert: Alert): Record<string, unknown> {
  const fleet = alert.tenant === null;
  return {
    tool: alert.tool.name,
    version: alert.tool.version,
    tenant: alert.tenant?.tenant ?? null,
    status: alert.status,
    counts: { ...alert.counts },
    new: alert.added.map((a) =>
      fleet ? { tenant: a.tenant, ...findingJson(a.finding) } : findingJson(a.finding),
    ),
    resolved: alert.resolved,
    runUrl: alert.runUrl,
    issueUrl: alert.issue?.url ?? null,
    ...(fleet
      ? {
          tenants: alert.fleet.map((t) => ({
            tenant: t.tenant,
            status: t.status,
            counts: { ...t.counts },
            open: t.open,
            new: t.added,
            resolved: t.resolved,
          })),
        }
      : {}),
  };
}
