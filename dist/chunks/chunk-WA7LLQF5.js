import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  GuardError
} from "./chunk-GIX45REK.js";

// src/identity-phase.ts
async function readIdentity(settings, deps, identity, now, known) {
  const reusable = /* @__PURE__ */ new Map();
  for (const directory of known?.directories ?? []) {
    const before = known.identity.sources.find((s) => s.id === directory.sourceId);
    const current = identity.sources.find((s) => s.id === directory.sourceId);
    if (before && current && JSON.stringify(before) === JSON.stringify(current))
      reusable.set(directory.sourceId, directory);
  }
  const wanted = identity.sources.filter((source) => !reusable.has(source.id));
  const read = wanted.length === 0 ? [] : await (await import("./identity-WKDBOVTQ.js")).readDirectories(
    { ...identity, sources: wanted },
    {
      credentials: settings.identity,
      workspace: settings.workspace,
      inActions: settings.event.name !== "cli",
      logger: deps.logger,
      now,
      ...deps.onSecret ? { onSecret: deps.onSecret } : {},
      timeoutMs: settings.tuning.timeoutMs,
      retryBudgetMs: settings.tuning.retryBudgetMs
    }
  );
  const byId = new Map([...reusable.values(), ...read].map((d) => [d.sourceId, d]));
  return identity.sources.map((s) => byId.get(s.id));
}
async function checkRosters(settings, identity, now) {
  const { readRosterFile } = await import("./identity-WKDBOVTQ.js");
  let people = 0;
  for (const source of identity.sources) {
    if (source.kind !== "csv") continue;
    const directory = await readRosterFile(source, {
      workspace: settings.workspace,
      inActions: settings.event.name !== "cli",
      now
    });
    people += directory.people.length;
  }
  return people;
}
async function baselineDirectories(settings, deps, base, now, known) {
  if (!base) return [];
  try {
    return await readIdentity(settings, deps, base, now, known);
  } catch (error) {
    if (!(error instanceof GuardError)) throw error;
    deps.logger.warning(
      `The baseline policy's identity sources could not be read (${error.code}); the policy impact is not shown.`
    );
    return null;
  }
}
function unmatchedAccounts(evaluation) {
  return (evaluation.identity?.unmatched ?? []).map((u) => ({
    kind: u.kind,
    id: u.id,
    name: u.name,
    email: u.email,
    login: u.login
  }));
}

export {
  readIdentity,
  checkRosters,
  baselineDirectories,
  unmatchedAccounts
};
