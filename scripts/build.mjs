// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with esbuild.
// Reproducible: no timestamps, no absolute paths, sorted metafile-free output.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

await rm('dist', { recursive: true, force: true });

// ESM output needs `require` for the CommonJS dependencies bundled inside it.
const banner = {
  js: "import { createRequire as __guardCreateRequire } from 'node:module'; const require = __guardCreateRequire(import.meta.url);",
};

// @actions/core imports its OIDC client at the top, and with it @actions/http-client, its own
// undici and tunnel: ~0.8 MB that every run would parse, for `getIDToken`, which only an Entra ID
// identity source without a client secret calls. Loading it on first use keeps it out of the
// start-up path (a separate chunk).
const lazyOidc = {
  name: 'lazy-actions-oidc',
  setup(b) {
    b.onLoad({ filter: /[\\/]@actions[\\/]core[\\/]lib[\\/]core\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const staticImport = "import { OidcClient } from './oidc-utils.js';";
      const use = 'yield OidcClient.getIDToken(aud)';
      if (!source.includes(staticImport) || !source.includes(use)) {
        // a new @actions/core: fail the build rather than silently ship the slow start-up
        throw new Error('@actions/core changed: revisit the lazy-actions-oidc plugin in scripts/build.mjs');
      }
      const contents = source
        .replace(staticImport, '')
        .replace(use, "yield (yield import('./oidc-utils.js')).OidcClient.getIDToken(aud)");
      return { contents, loader: 'js' };
    });
  },
};

// zod's entry re-exports every locale (`z.locales`, `z.core.locales`: ~0.37 MB of message tables
// in 40-odd languages); the bundle would parse them on every run, and the tool only speaks
// English, which zod registers itself (classic/schemas.js imports locales/en.js directly).
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const reexport = 'export * as locales from "../locales/index.js";';
      if (!source.includes(reexport)) {
        throw new Error('zod changed: revisit the zod-without-locales plugin in scripts/build.mjs');
      }
      return {
        contents: source.replace(reexport, 'export const locales = {};'),
        loader: 'js',
        resolveDir: path.dirname(args.path),
      };
    });
  },
};

// The fleet dashboard inlines uPlot, so the page makes no network request. From source,
// src/fleet/uplot-assets.ts reads it from node_modules; the bundle carries the files' text instead.
const inlineUplot = {
  name: 'inline-uplot',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]fleet[\\/]uplot-assets\.ts$/ }, async () => {
      const dir = path.dirname(createRequire(import.meta.url).resolve('uplot/package.json'));
      const [script, style, manifest] = await Promise.all(
        ['dist/uPlot.iife.min.js', 'dist/uPlot.min.css', 'package.json'].map((f) =>
          readFile(path.join(dir, f), 'utf8'),
        ),
      );
      const assets = { script, style, version: JSON.parse(manifest).version };
      return {
        contents: `export function uplotAssets() { return ${JSON.stringify(assets)}; }\n`,
        loader: 'js',
      };
    });
  },
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
  plugins: [lazyOidc, zodWithoutLocales, inlineUplot],
});
