import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  journalKey,
  sealIsValid,
  sealStep
} from "./chunk-76T6MM7J.js";
import "./chunk-WD5L72B6.js";
export {
  journalKey,
  sealIsValid,
  sealStep
};
