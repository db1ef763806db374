import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  FINDINGS_PER_ANNOTATION,
  exemptionNoticeAnnotations,
  findingAnnotations,
  policyIssueAnnotations
} from "./chunk-CN26IO4X.js";
import "./chunk-RPQZQ367.js";
import "./chunk-6NYRC7FI.js";
import "./chunk-LLWHVQOH.js";
import "./chunk-TXDFWF7U.js";
import "./chunk-44ZEGOLS.js";
import "./chunk-O3RGELUA.js";
import "./chunk-WA5K76RQ.js";
import "./chunk-DBYO6JJB.js";
import "./chunk-EIDODBDB.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";
export {
  FINDINGS_PER_ANNOTATION,
  exemptionNoticeAnnotations,
  findingAnnotations,
  policyIssueAnnotations
};
