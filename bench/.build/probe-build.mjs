import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
const banner = { js: "import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);" };
const r = await build({ entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' }, outdir: 'bench/.build/probe', bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', banner, chunkNames: 'chunks/[name]-[hash]', legalComments: 'none', metafile: true, logLevel: 'warning' });
writeFileSync('bench/.build/meta.json', JSON.stringify(r.metafile));
