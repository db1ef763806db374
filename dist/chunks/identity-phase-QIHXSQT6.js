import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  baselineDirectories,
  checkRosters,
  readIdentity,
  unmatchedAccounts
} from "./chunk-WA7LLQF5.js";
import "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";
export {
  baselineDirectories,
  checkRosters,
  readIdentity,
  unmatchedAccounts
};
