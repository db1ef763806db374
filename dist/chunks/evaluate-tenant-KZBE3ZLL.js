import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  emptyOutcome,
  evaluateTenant
} from "./chunk-QMG7DKOB.js";
import "./chunk-PDVVMBJ2.js";
import "./chunk-5PIEOVI3.js";
import "./chunk-WSACJKPV.js";
import "./chunk-T3P4LWFM.js";
import "./chunk-WUXOK5PQ.js";
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
