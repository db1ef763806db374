/**
 * The JSON Schema editors use to complete and check policy files, generated from the zod schema
 * so the two cannot disagree. `node scripts/gen-schema.mjs` writes it to schema/policy.schema.json.
 */
import { z } from 'zod';
import { policySchema } from './schema.js';

export const POLICY_SCHEMA_URL =
  'https://raw.githubusercontent.com/servicetitan-access-guard/servicetitan-access-guard/main/schema/policy.schema.json';

export function policyJsonSchema(): Record<string, unknown> {
  // `input`: keys with defaults are optional for the person writing the file.
  const generated = z.toJSONSchema(policySchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  const { $schema, ...rest } = generated;
  return { $schema, $id: POLICY_SCHEMA_URL, title: 'ServiceTitan access policy (version 1)', ...rest };
}
