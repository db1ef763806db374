import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  emptyOutcome,
  evaluateTenant
} from "./chunk-ZBVTI7HM.js";
import "./chunk-PDVVMBJ2.js";
import "./chunk-YN663IN2.js";
import "./chunk-WSACJKPV.js";
import "./chunk-T3P4LWFM.js";
import "./chunk-4GBQN3HZ.js";
import "./chunk-ZHCADPYF.js";
import "./chunk-47HB3AU5.js";
import "./chunk-P5BUAN5C.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-XHRDWC7O.js";
import "./chunk-WD5L72B6.js";
export {
  emptyOutcome,
  evaluateTenant
};
