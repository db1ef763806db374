import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  emptyOutcome,
  evaluateTenant
} from "./chunk-OFWLKJ6B.js";
import "./chunk-2L7L7NMW.js";
import "./chunk-ILWAVEIH.js";
import "./chunk-IFN4XF6Q.js";
import "./chunk-TX5BJ27J.js";
import "./chunk-WSACJKPV.js";
import "./chunk-QZGEY2AJ.js";
import "./chunk-RWQ7FRYK.js";
import "./chunk-BE5DOGDT.js";
import "./chunk-MR24Z3FG.js";
import "./chunk-47HB3AU5.js";
import "./chunk-76T6MM7J.js";
import "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-XHRDWC7O.js";
import "./chunk-WD5L72B6.js";
export {
  emptyOutcome,
  evaluateTenant
};
