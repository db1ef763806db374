/**
 * The one signature of a file renderer: a pure function of the report and what the run knows
 * around it, returning the file's text. The publish path writes whatever a renderer returns, so a
 * new file format is a renderer here plus one entry in `src/publish/channels.ts`.
 */
import type { Policy } from '../policy/types.js';
import type { Report } from './model.js';

export interface RenderContext {
  /** the policy the run judged by, when it loaded */
  policy: Policy | null;
  /** the policy file as the user gave it (renderers that locate in it normalise it themselves) */
  policyPath: string;
}

export type Renderer = (report: Report, context: RenderContext) => string;
