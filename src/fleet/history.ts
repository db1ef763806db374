/**
 * The fleet's history (SPEC §10): a JSON Lines file, one line per roll-up, holding every
 * tenant's counts and status. Counts only: never a name or an email, so the file can live on a
 * branch of the repository (versioned, no service) whatever the repository's visibility.
 */
import { appendFile, mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';
import type { TenantRun, TenantStatus } from './reports.js';

export interface HistoryCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  status: TenantStatus;
}

export interface HistoryLine {
  version: 1;
  /** when the roll-up ran (ISO) */
  at: string;
  tenants: Record<string, HistoryCounts>;
}

/** Years of nightly runs; the chart reads the newest lines past this. */
const MAX_HISTORY_LINES = 5000;
const MAX_HISTORY_BYTES = 64 * 1024 * 1024;
const TENANT_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const whole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function historyLine(at: Date, runs: readonly TenantRun[]): HistoryLine {
  const tenants: Record<string, HistoryCounts> = {};
  for (const run of runs) {
    const c = run.counts;
    tenants[run.name] = {
      critical: c.critical,
      high: c.high,
      medium: c.medium,
      low: c.low,
      status: run.status,
    };
  }
  return { version: 1, at: at.toISOString(), tenants };
}

/**
 * The lines of the history file; a line that is not one of ours is skipped (said in `skipped`,
 * with its line number), never passed on. A missing file is an empty history.
 */
export async function readHistory(
  file: string,
  shown: string,
): Promise<{ lines: HistoryLine[]; skipped: number[] }> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw unreadable(shown, 'not a file');
    if (info.size > MAX_HISTORY_BYTES)
      throw unreadable(shown, `larger than ${MAX_HISTORY_BYTES / 1024 / 1024} MB`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], skipped: [] };
    throw unreadable(shown, (error as NodeJS.ErrnoException).code ?? 'unreadable');
  }
  const lines: HistoryLine[] = [];
  const skipped: number[] = [];
  const raw = text.split('\n');
  for (const [i, line] of raw.entries()) {
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if (parsed) lines.push(parsed);
    else skipped.push(i + 1);
  }
  return { lines: lines.slice(-MAX_HISTORY_LINES), skipped };
}

function parseLine(line: string): HistoryLine | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (
    !isRecord(value) ||
    value.version !== 1 ||
    typeof value.at !== 'string' ||
    Number.isNaN(Date.parse(value.at))
  )
    return null;
  if (!isRecord(value.tenants)) return null;
  const tenants: Record<string, HistoryCounts> = {};
  for (const [name, counts] of Object.entries(value.tenants)) {
    if (!TENANT_KEY.test(name) || !isRecord(counts)) return null;
    const { critical, high, medium, low, status } = counts;
    if (!whole(critical) || !whole(high) || !whole(medium) || !whole(low)) return null;
    if (status !== 'pass' && status !== 'fail' && status !== 'error') return null;
    tenants[name] = { critical, high, medium, low, status };
  }
  return { version: 1, at: value.at, tenants };
}

/** Appends one line; the file (and its folder) is created when missing. */
export async function appendHistory(file: string, line: HistoryLine): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // a file whose last line has no newline (edited by hand) gets one first
  let prefix = '';
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
    } finally {
      await handle.close();
    }
  } catch {
    // no file yet
  }
  await appendFile(file, `${prefix}${JSON.stringify(line)}\n`);
}

function unreadable(shown: string, why: string): ConfigurationError {
  return new ConfigurationError(
    'fleet.history-unreadable',
    `The history file ${shown} cannot be read (${why}).`,
    'Give `history` (`--history FILE`) the JSON Lines file earlier roll-ups appended to, or a path where none exists yet to start one.',
  );
}
