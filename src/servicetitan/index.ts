export { ServiceTitanClient, userCollection } from './client.js';
export type { ClientOptions, FetchSnapshotOptions } from './client.js';
export { liveWriter, recordingWriter } from './writer.js';
export type { ServiceTitanWriter, RecordedWrite } from './writer.js';
export { DEFAULT_TUNING, apiRoot, tokenUrl, tenantPath, resolveTuning } from './settings.js';
export type { ServiceTitanConnection, ClientTuning } from './settings.js';
export {
  ServiceTitanConfigurationError,
  ServiceTitanRuntimeError,
  isServiceTitanError,
  parseProblem,
  scrubSecrets,
} from './errors.js';
export type { ServiceTitanError, ServiceTitanErrorDetails, ServiceTitanProblem } from './errors.js';
export type { ClientStats } from './http.js';
export { RequestRateLimiter, ConcurrencyGate, sharedLimiter } from './limiter.js';
export { RetryBudget, backoffMs, retryAfterMs, gatewayWaitMs } from './retry.js';
export { safetyMarginSeconds } from './auth.js';
