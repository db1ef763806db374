import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ServiceTitanClient,
  liveWriter,
  recordingWriter,
  userCollection
} from "./chunk-LUMDXFLM.js";
import {
  ConcurrencyGate,
  RequestRateLimiter,
  sharedLimiter
} from "./chunk-ZCJTFQUK.js";
import {
  safetyMarginSeconds
} from "./chunk-ANGAKLR6.js";
import {
  ServiceTitanConfigurationError,
  ServiceTitanRuntimeError,
  isServiceTitanError,
  parseProblem,
  scrubSecrets
} from "./chunk-UZRWYWPK.js";
import {
  RetryBudget,
  backoffMs,
  gatewayWaitMs,
  retryAfterMs
} from "./chunk-5B2J2IDX.js";
import {
  DEFAULT_TUNING,
  apiRoot,
  resolveTuning,
  tenantPath,
  tokenUrl
} from "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-GIX45REK.js";
import "./chunk-Y7PV46DD.js";
import "./chunk-N5BF7DY7.js";
import "./chunk-WD5L72B6.js";
export {
  ConcurrencyGate,
  DEFAULT_TUNING,
  RequestRateLimiter,
  RetryBudget,
  ServiceTitanClient,
  ServiceTitanConfigurationError,
  ServiceTitanRuntimeError,
  apiRoot,
  backoffMs,
  gatewayWaitMs,
  isServiceTitanError,
  liveWriter,
  parseProblem,
  recordingWriter,
  resolveTuning,
  retryAfterMs,
  safetyMarginSeconds,
  scrubSecrets,
  sharedLimiter,
  tenantPath,
  tokenUrl,
  userCollection
};
