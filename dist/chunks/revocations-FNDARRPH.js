import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  REVIEW_RULE,
  changesSinceFreeze,
  readReviewReport,
  revocationAction,
  revocationPlan,
  revocationRefusals
} from "./chunk-ZWY4PZWN.js";
import "./chunk-PNQK3LOO.js";
import "./chunk-F7KJDFSJ.js";
import "./chunk-EIDODBDB.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-WD5L72B6.js";
export {
  REVIEW_RULE,
  changesSinceFreeze,
  readReviewReport,
  revocationAction,
  revocationPlan,
  revocationRefusals
};
