import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  fleetExitCode,
  renderFleetConsole,
  runFleetMatrix,
  runFleetReport
} from "./chunk-JDELN2DJ.js";
import "./chunk-A6U6MA56.js";
import "./chunk-UBDJSMVH.js";
import "./chunk-L45OQZPI.js";
import "./chunk-T3LMMHA3.js";
import "./chunk-2OMYLHX3.js";
import "./chunk-IKAUNPRK.js";
import "./chunk-B4MPU4M5.js";
import "./chunk-7Y4HBSSD.js";
import "./chunk-44ZEGOLS.js";
import "./chunk-O3RGELUA.js";
import "./chunk-WJCLWKAL.js";
import "./chunk-4X5BYMY3.js";
import "./chunk-WA5K76RQ.js";
import "./chunk-5PL237VK.js";
import "./chunk-47HB3AU5.js";
import "./chunk-7435OWNU.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import {
  ConfigurationError
} from "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";

// src/fleet/cli.ts
function fleetMode(rest) {
  const [sub, ...extra] = rest;
  if (sub !== "matrix" && sub !== "report" || extra.length > 0) {
    throw new ConfigurationError(
      "fleet.unknown-command",
      sub === void 0 ? "`fleet` needs what to do: `matrix` or `report`." : `\`fleet ${[sub, ...extra].join(" ").slice(0, 80)}\` is not a fleet command.`,
      "Run `st-access-guard fleet matrix` or `st-access-guard fleet report --reports DIR`; `st-access-guard fleet --help` says more."
    );
  }
  return sub === "matrix" ? "fleet-matrix" : "fleet-report";
}
async function runFleetCommand(rest, io) {
  const mode = fleetMode(rest);
  const settings = io.settings(mode);
  const deps = { logger: io.logger, now: () => /* @__PURE__ */ new Date() };
  if (mode === "fleet-matrix") {
    const result2 = await runFleetMatrix(settings, deps);
    io.stdout(`${JSON.stringify(result2.matrix, null, io.json ? 2 : 0)}
`);
    return 0;
  }
  const result = await runFleetReport(settings, deps);
  io.stdout(
    io.json ? JSON.stringify(result.report, null, 2) + "\n" : renderFleetConsole(result.report, result.files)
  );
  return fleetExitCode(result.report);
}
export {
  fleetMode,
  runFleetCommand
};
