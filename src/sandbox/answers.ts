/**
 * The bodies the sandbox answers: records projected onto ServiceTitan's response schemas (which
 * allow no extra fields) and errors in ServiceTitan's two shapes.
 */
import { randomBytes } from 'node:crypto';
import type { FaultRule } from './faults.js';
import type { BusinessUnitRecord, EmployeeRecord, TechnicianRecord, UserRoleRecord } from './tenant-data.js';

/** An answer before it is written: status, JSON body, extra headers. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const EMPLOYEE_FIELDS = (
  'id userId name role roleIds businessUnitId createdOn modifiedOn email phoneNumber ' +
  'loginName customFields active aadUserId permissions accountLocked'
).split(' ');
const TECHNICIAN_FIELDS = (
  'id userId name roleIds businessUnitId mainZoneId zoneIds createdOn modifiedOn email ' +
  'phoneNumber loginName home dailyGoal isManagedTech customFields active aadUserId ' +
  'burdenRate team jobFilter permissions accountLocked'
).split(' ');
const USER_ROLE_FIELDS = 'id active name createdOn employeeType'.split(' ');
const BUSINESS_UNIT_FIELDS =
  'id active name officialName email currency phoneNumber createdOn modifiedOn'.split(' ');

function pick<T extends object>(record: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (record as Record<string, unknown>)[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/**
 * Projects a record onto its response schema: internal fields (licenseType) stay inside. Shallow:
 * answers are serialized at once.
 */
export const project = {
  employee: (r: EmployeeRecord) => pick(r, EMPLOYEE_FIELDS),
  technician: (r: TechnicianRecord) => pick(r, TECHNICIAN_FIELDS),
  userRole: (r: UserRoleRecord) => pick(r, USER_ROLE_FIELDS),
  businessUnit: (r: BusinessUnitRecord) => pick(r, BUSINESS_UNIT_FIELDS),
};

/** A W3C traceparent-like id, as ServiceTitan puts in `traceId`. */
function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}

const PROBLEM_TYPES: Record<number, string> = {
  400: 'https://tools.ietf.org/html/rfc7231#section-6.5.1',
  404: 'https://tools.ietf.org/html/rfc7231#section-6.5.4',
  405: 'https://tools.ietf.org/html/rfc7231#section-6.5.5',
  429: 'https://tools.ietf.org/html/rfc6585#section-4',
  500: 'https://tools.ietf.org/html/rfc7231#section-6.6.1',
};

/** An API error as RFC 7807 `ApiErrorResponse` {type,title,status,traceId,errors,data}. */
export function problem(status: number, title: string, errors: Record<string, string[]> = {}): Answer {
  return {
    status,
    body: {
      type: PROBLEM_TYPES[status] ?? 'about:blank',
      title,
      status,
      traceId: traceId(),
      errors,
      data: {},
    },
  };
}

/** A validation error on one field, as ServiceTitan's model validation answers. */
export function badRequest(field: string, message: string): Answer {
  return problem(400, 'One or more validation errors occurred.', { [field]: [message] });
}

/** An error from ServiceTitan's API gateway (auth, rate limit, upstream): {statusCode, message}. */
export function gatewayError(statusCode: number, message: string, headers?: Record<string, string>): Answer {
  return { status: statusCode, body: { statusCode, message }, headers };
}

export function rateLimited(retryAfterSeconds: number, withHeader = true): Answer {
  return gatewayError(
    429,
    `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`,
    withHeader ? { 'retry-after': String(retryAfterSeconds) } : undefined,
  );
}

export function unauthorized(message: string): Answer {
  return gatewayError(401, message, { 'www-authenticate': 'Bearer' });
}

/** The answer an injected status fault gives, in the shape ServiceTitan (or its gateway) uses. */
export function injectedAnswer(rule: FaultRule): Answer | null {
  const seconds = rule.retryAfterSeconds ?? 1;
  switch (rule.kind) {
    case 'status-429':
      return rateLimited(seconds, true);
    case 'status-429-gateway-message':
      return rateLimited(seconds, false);
    case 'status-429-no-retry-after':
      return problem(429, 'Too many requests');
    case 'status-500':
      return problem(500, 'An unexpected error occurred');
    case 'status-502':
      return gatewayError(502, 'Bad gateway');
    case 'status-503':
      // Microsoft Graph sends Retry-After with a 503 too
      return gatewayError(
        503,
        'The service is temporarily unavailable',
        rule.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(rule.retryAfterSeconds) },
      );
    case 'status-401':
      return gatewayError(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
    case 'status-403':
      return gatewayError(403, 'Forbidden: the application has no access to this resource in this tenant');
    case 'status-404':
      return problem(404, 'Not found');
    default:
      return null;
  }
}
