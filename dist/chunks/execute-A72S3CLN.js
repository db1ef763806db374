import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  executePlan,
  stepTookEffect
} from "./chunk-P5BUAN5C.js";
import "./chunk-XHRDWC7O.js";
import "./chunk-WD5L72B6.js";
export {
  executePlan,
  stepTookEffect
};
