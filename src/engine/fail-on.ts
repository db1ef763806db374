/** `fail-on`, from the shared vocabulary (src/domain/severity.ts). */
export type { FailOn } from '../domain/severity.js';
export { reachesFailOn as severityAtOrAbove } from '../domain/severity.js';
