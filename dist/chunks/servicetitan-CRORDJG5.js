import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);
import {
  ConcurrencyGate,
  RequestRateLimiter,
  RetryBudget,
  ServiceTitanClient,
  ServiceTitanConfigurationError,
  ServiceTitanRuntimeError,
  backoffMs,
  gatewayWaitMs,
  isServiceTitanError,
  liveWriter,
  parseProblem,
  recordingWriter,
  retryAfterMs,
  safetyMarginSeconds,
  scrubSecrets,
  sharedLimiter,
  userCollection
} from "./chunk-UMTKEUY3.js";
import {
  DEFAULT_TUNING,
  apiRoot,
  resolveTuning,
  tenantPath,
  tokenUrl
} from "./chunk-MJBVRMUS.js";
import "./chunk-5VFH7U4S.js";
import "./chunk-RPWTNJ4G.js";
import "./chunk-7KNWVG6D.js";
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
