// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// Reproducible: no timestamps, no absolute paths, sorted metafile-free output.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });

// ESM output needs `require` for the CommonJS dependencies bundled inside it.
const banner = {
  js: "import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);",
};

await build({
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  sourcemap: false,
  minify: false,
  logLevel: 'warning',
});
