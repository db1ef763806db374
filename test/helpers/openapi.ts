/**
 * ServiceTitan's own OpenAPI document (Settings v2), compiled with ajv, for contract tests:
 * does a request the client makes, or an answer the sandbox gives, fit the spec?
 *
 * The document is read from ../shared/servicetitan-specs/ beside the project, never copied in.
 * A missing document is an error (contract tests fail, they do not skip).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

export const SPEC_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../shared/servicetitan-specs/tenant-settings-v2.yaml',
);
/** The servers entry's path: the document's paths start below it. */
const SERVER_PREFIX = '/settings/v2';

type JsonObject = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonObject;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonObject }> };
  responses: Record<string, { content?: Record<string, { schema: JsonObject }> }>;
  security?: Record<string, string[]>[];
}
export interface Spec {
  document: {
    paths: Record<string, Record<string, Operation>>;
    components: JsonObject;
    security?: Record<string, string[]>[];
  };
  /** the path templates, as in the document: '/tenant/{tenant}/employees' */
  templates: string[];
  /** compiles (and caches) a schema taken from the document */
  validator(schema: JsonObject): ValidateFunction;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const KNOWN_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'email',
  'uri',
  'uuid',
  'int32',
  'int64',
  'double',
  'float',
  'password',
  'byte',
  'binary',
]);

/**
 * OpenAPI 3.0 schema -> JSON Schema: `nullable: true` becomes "or null" (also for `oneOf: [$ref]`
 * wrappers, which carry no type), refs point into one combined schema, `x-*` and `example` go.
 */
function toJsonSchema(node: unknown, formats: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, formats));
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    if (key.startsWith('x-') || key === 'example' || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string')
      out[key] = value.replace('#/components/schemas/', 'servicetitan#/definitions/');
    else if (key === 'format' && typeof value === 'string') {
      formats.add(value);
      out[key] = value;
    } else if (key === 'properties' || key === 'definitions') {
      out[key] = Object.fromEntries(
        Object.entries(value as JsonObject).map(([k, v]) => [k, toJsonSchema(v, formats)]),
      );
    } else out[key] = toJsonSchema(value, formats);
  }
  if ((node as JsonObject)['nullable'] !== true) return out;
  // a plain typed schema takes null in its type (clearer errors); wrappers such as oneOf: [$ref] need anyOf
  if (typeof out['type'] === 'string' && !('oneOf' in out) && !('$ref' in out)) {
    const nullable: JsonObject = { ...out, type: [out['type'], 'null'] };
    if (Array.isArray(out['enum'])) nullable['enum'] = [...(out['enum'] as unknown[]), null];
    return nullable;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

let cached: Spec | undefined;

export function loadSpec(): Spec {
  if (cached) return cached;
  if (!existsSync(SPEC_PATH)) {
    throw new Error(
      `ServiceTitan's OpenAPI document is missing: ${SPEC_PATH}. Contract tests need ../shared/servicetitan-specs/ beside the project.`,
    );
  }
  const document = parse(readFileSync(SPEC_PATH, 'utf8')) as Spec['document'];
  const formats = new Set<string>();
  const definitions = toJsonSchema((document.components as { schemas: JsonObject }).schemas, formats);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'servicetitan', definitions });
  // parameter schemas use formats too; formats such as decimal, phone, html, guid are labels, not checks
  toJsonSchema(document.paths, formats);
  for (const format of formats) if (!KNOWN_FORMATS.has(format)) ajv.addFormat(format, true);
  const compiled = new WeakMap<JsonObject, ValidateFunction>();
  cached = {
    document,
    templates: Object.keys(document.paths),
    validator(schema) {
      let fn = compiled.get(schema);
      if (!fn) {
        fn = ajv.compile(toJsonSchema(schema, formats) as JsonObject);
        compiled.set(schema, fn);
      }
      return fn;
    },
  };
  return cached;
}

/** The document's template for a request path (with or without '/settings/v2'), or null. */
export function matchPath(path: string): string | null {
  const { templates } = loadSpec();
  let bare = path.split('?')[0] ?? '';
  if (bare.startsWith(SERVER_PREFIX + '/')) bare = bare.slice(SERVER_PREFIX.length);
  const parts = bare.split('/');
  const candidates = templates.filter((template) => {
    const t = template.split('/');
    return t.length === parts.length && t.every((seg, i) => seg.startsWith('{') || seg === parts[i]);
  });
  // a literal segment beats a parameter
  const literals = (t: string) => t.split('/').filter((s) => !s.startsWith('{')).length;
  return candidates.sort((a, b) => literals(b) - literals(a))[0] ?? null;
}

function operationFor(
  method: string,
  pathOrTemplate: string,
): { template: string; operation: Operation } | string {
  const template = matchPath(pathOrTemplate);
  if (!template) return `no path of the spec matches ${pathOrTemplate}`;
  const operation = loadSpec().document.paths[template]?.[method.toLowerCase()];
  if (!operation) return `the spec has no ${method.toUpperCase()} ${template}`;
  return { template, operation };
}

function errorsOf(fn: ValidateFunction, value: unknown, where: string): string[] {
  if (fn(value)) return [];
  return (fn.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message ?? 'is invalid'}`);
}

/** The bodies of statuses the spec does not list (the gateway's 401/403/429, 5xx, other 404s). */
const API_ERROR = { $ref: '#/components/schemas/ApiErrorResponse' };
const GATEWAY_ERROR = {
  type: 'object',
  required: ['statusCode', 'message'],
  properties: { statusCode: { type: 'integer' }, message: { type: 'string' } },
  additionalProperties: false,
};

/**
 * Errors of an answer against the spec's response schema for method, path and status
 * ([] when it fits). An error status the spec does not list must still be ServiceTitan-shaped:
 * RFC 7807 `ApiErrorResponse` or the gateway's `{statusCode, message}`.
 */
export function validateResponse(
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
): string[] {
  const found = operationFor(method, pathTemplate);
  if (typeof found === 'string') return [found];
  const spec = loadSpec();
  const response = found.operation.responses[String(status)];
  const where = `${method.toUpperCase()} ${found.template} ${status}: body`;
  if (!response) {
    if (status < 400)
      return [`${method.toUpperCase()} ${found.template} does not answer ${status} in the spec`];
    const asProblem = errorsOf(spec.validator(API_ERROR), body, where);
    const asGateway = errorsOf(spec.validator(GATEWAY_ERROR), body, where);
    return asProblem.length === 0 || asGateway.length === 0 ? [] : [...asProblem, ...asGateway];
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return body === undefined || body === '' ? [] : [`${where} should be empty`];
  return errorsOf(spec.validator(schema), body, where);
}

/** A query or path value (always a string on the wire) as the parameter's schema type. */
function coerce(raw: string, schema: JsonObject): unknown {
  const type = schema['type'];
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;
function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}

/**
 * Errors of a request against the spec ([] when it fits): the operation exists, path parameters
 * and query parameters (names, types, enum values such as active=Any) are valid, the security
 * header ST-App-Key is sent (and the bearer token ServiceTitan requires beside it), and the body
 * fits the request schema.
 */
export function validateRequest(
  method: string,
  path: string,
  query: Record<string, string> | URLSearchParams,
  headers: HeaderBag,
  body?: unknown,
): string[] {
  const found = operationFor(method, path);
  if (typeof found === 'string') return [found];
  const spec = loadSpec();
  const { template, operation } = found;
  const errors: string[] = [];
  const parameters = operation.parameters ?? [];
  const label = `${method.toUpperCase()} ${template}`;

  let bare = path.split('?')[0] ?? '';
  if (bare.startsWith(SERVER_PREFIX + '/')) bare = bare.slice(SERVER_PREFIX.length);
  const actual = bare.split('/');
  template.split('/').forEach((segment, i) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    const parameter = name && parameters.find((p) => p.in === 'path' && p.name === name);
    if (parameter) {
      const value = coerce(decodeURIComponent(actual[i] ?? ''), parameter.schema);
      errors.push(...errorsOf(spec.validator(parameter.schema), value, `${label}: path parameter ${name}`));
    }
  });

  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  for (const [name, raw] of entries) {
    const parameter = parameters.find((p) => p.in === 'query' && p.name === name);
    if (!parameter) {
      errors.push(`${label}: unknown query parameter '${name}'`);
      continue;
    }
    errors.push(
      ...errorsOf(
        spec.validator(parameter.schema),
        coerce(raw, parameter.schema),
        `${label}: query ${name}=${raw}`,
      ),
    );
  }
  for (const parameter of parameters.filter((p) => p.required && p.in === 'query')) {
    if (!entries.some(([name]) => name === parameter.name))
      errors.push(`${label}: missing query parameter '${parameter.name}'`);
  }

  const security = operation.security ?? spec.document.security ?? [];
  const schemes = (
    spec.document.components as { securitySchemes?: Record<string, { in: string; name: string }> }
  ).securitySchemes;
  for (const requirement of security) {
    for (const schemeName of Object.keys(requirement)) {
      const scheme = schemes?.[schemeName];
      if (scheme?.in === 'header' && !header(headers, scheme.name))
        errors.push(`${label}: missing header ${scheme.name}`);
    }
  }
  if (!/^Bearer \S+$/.test(header(headers, 'authorization') ?? '')) {
    errors.push(`${label}: missing header Authorization: Bearer <token>`);
  }

  const requestSchema = operation.requestBody?.content['application/json']?.schema;
  if (body !== undefined) {
    if (!requestSchema) errors.push(`${label}: the spec takes no request body`);
    else errors.push(...errorsOf(spec.validator(requestSchema), body, `${label}: request body`));
  } else if (operation.requestBody?.required) {
    errors.push(`${label}: missing request body`);
  }
  return errors;
}
