/** Types for figures.mjs, which `npm run bench` runs as plain JavaScript. */
export interface Verdict {
  name: string;
  value: number;
  target: string;
  met: boolean;
}
export const TARGETS: Readonly<Record<string, number>>;
/** The verdicts against TARGETS of the results bench/run.mjs gathers (any part may be missing). */
export function verdicts(results: object): Verdict[];
export function table(results: object): string;
