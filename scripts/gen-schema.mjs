// Writes schema/policy.schema.json (the JSON Schema editors use) and docs/policy.md (the policy
// reference), both generated from the zod schema in src/policy/schema.ts.
// Run after changing the schema: `node scripts/gen-schema.mjs`. A test fails while they are stale.
import { build } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const temp = await mkdtemp(join(tmpdir(), 'policy-schema-'));
try {
  const bundle = join(temp, 'policy-schema.mjs');
  await build({
    stdin: {
      contents:
        "export { policyJsonSchema } from './src/policy/json-schema.ts';\n" +
        "export { policyReferenceMarkdown } from './src/policy/reference-doc.ts';\n",
      resolveDir: root,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
    // yaml is CommonJS: the ESM bundle needs `require` for its Node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const { policyJsonSchema, policyReferenceMarkdown } = await import(pathToFileURL(bundle).href);
  await mkdir(join(root, 'schema'), { recursive: true });
  await mkdir(join(root, 'docs'), { recursive: true });
  await writeFile(
    join(root, 'schema/policy.schema.json'),
    `${JSON.stringify(policyJsonSchema(), null, 2)}\n`,
  );
  await writeFile(join(root, 'docs/policy.md'), policyReferenceMarkdown());
  console.log('wrote schema/policy.schema.json and docs/policy.md');
} finally {
  await rm(temp, { recursive: true, force: true });
}
