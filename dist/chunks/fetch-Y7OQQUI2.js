import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ServiceTitanClient
} from "./chunk-LUMDXFLM.js";
import "./chunk-ZCJTFQUK.js";
import "./chunk-ANGAKLR6.js";
import "./chunk-UZRWYWPK.js";
import "./chunk-5B2J2IDX.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-N5BF7DY7.js";
import "./chunk-WD5L72B6.js";

// src/fetch.ts
function createClient(settings, deps) {
  if (!settings.connection) throw new Error("createClient needs a connection");
  return new ServiceTitanClient({
    connection: settings.connection,
    tuning: settings.tuning,
    logger: deps.logger,
    ...deps.onSecret ? { onToken: deps.onSecret } : {},
    ...readOnly(settings)
  });
}
function readOnly(settings) {
  if (settings.mode !== "apply" && settings.mode !== "undo") {
    return { readOnly: `mode \`${settings.mode}\` never writes to ServiceTitan.` };
  }
  const refusal = settings.event.writeRefusal;
  return refusal ? { readOnly: `${refusal.message} [${refusal.code}]` } : {};
}
async function fetchSnapshot(client, deps) {
  const snapshot = await client.fetchSnapshot({ businessUnits: true });
  const employees = snapshot.users.filter((u) => u.kind === "employee").length;
  deps.logger.info(
    `Fetched ${snapshot.users.length} users (${employees} employees, ${snapshot.users.length - employees} technicians), ${snapshot.roles.length} roles, ${snapshot.businessUnits.length} business units in ${client.stats.requests} requests`
  );
  for (const w of snapshot.warnings) deps.logger.warning(w);
  return snapshot;
}
export {
  createClient,
  fetchSnapshot
};
