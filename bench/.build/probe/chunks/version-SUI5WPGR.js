import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  TOOL_VERSION
} from "./chunk-47HB3AU5.js";
import "./chunk-WD5L72B6.js";
export {
  TOOL_VERSION
};
