/**
 * uPlot (MIT), the dashboard's chart library, inlined into the page so that it makes no network
 * request and works opened from disk. Running from source, it is read from node_modules;
 * scripts/build.mjs replaces this module with the files' text, so the committed bundle carries
 * them and needs no node_modules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ChartAssets {
  /** uPlot's minified browser build (defines the global `uPlot`) */
  script: string;
  style: string;
  version: string;
}

let cached: ChartAssets | undefined;

export function uplotAssets(): ChartAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('uplot/package.json'));
  const version = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string })
    .version;
  cached = {
    script: readFileSync(path.join(dir, 'dist/uPlot.iife.min.js'), 'utf8'),
    style: readFileSync(path.join(dir, 'dist/uPlot.min.css'), 'utf8'),
    version,
  };
  return cached;
}
