/**
 * `st-access-guard evidence verify DIR` and `st-access-guard diff OLD NEW`. Both read only local
 * files: no credentials, no network.
 */
import { inlinePlain } from '../report/text.js';
import { diffReviews, loadReviewState, renderDiffMarkdown, renderDiffText } from './diff.js';
import { verifyEvidencePack } from './verify.js';

type Values = Record<string, string | boolean | undefined>;

/** Where the commands print; the process's streams unless a test passes its own. */
export interface CommandOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** whether stdout is a terminal (colour) */
  isTTY: boolean;
}

const processOutput = (): CommandOutput => ({
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
});

export const EVIDENCE_USAGE = 'Usage: st-access-guard evidence verify DIR\n';
export const DIFF_USAGE =
  'Usage: st-access-guard diff OLD NEW [--json | --markdown]   (packs or snapshot files)\n';

/** Exit 0 when the pack is intact, 1 when it is not, 2 on bad usage. */
export async function runEvidenceCommand(
  args: string[],
  _values: Values,
  out: CommandOutput = processOutput(),
): Promise<number> {
  const [action, dir, ...extra] = args;
  if (action !== 'verify' || dir === undefined || dir === '' || extra.length > 0) {
    out.stderr(`st-access-guard: evidence needs \`verify\` and one folder.\n${EVIDENCE_USAGE}`);
    return 2;
  }
  const result = await verifyEvidencePack(dir);
  if (result.ok) {
    out.stdout(`intact: ${result.manifest?.files.length ?? 0} files verified\n`);
    return 0;
  }
  const lines = result.problems.map((p) => `  ${p.problem}: ${inlinePlain(p.file, 300)}`);
  const why =
    result.manifest === null
      ? 'the manifest is missing or unreadable, so no file can be vouched for'
      : `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`;
  out.stdout(`not intact: ${why}\n${lines.join('\n')}\n`);
  return 1;
}

/** Exit 0 after printing the diff, 2 on bad usage; a missing or unrecognised input throws a ConfigurationError. */
export async function runDiffCommand(
  args: string[],
  values: Values,
  out: CommandOutput = processOutput(),
): Promise<number> {
  if (args.length !== 2 || args.some((a) => a === '')) {
    out.stderr(`st-access-guard: diff needs two packs or snapshots, OLD and NEW.\n${DIFF_USAGE}`);
    return 2;
  }
  if (values.json && values.markdown) {
    out.stderr(`st-access-guard: choose one of --json and --markdown.\n${DIFF_USAGE}`);
    return 2;
  }
  const [oldPath, newPath] = args as [string, string];
  const diff = diffReviews(await loadReviewState(oldPath), await loadReviewState(newPath));
  if (values.json) out.stdout(JSON.stringify(diff, null, 2) + '\n');
  else if (values.markdown) out.stdout(renderDiffMarkdown(diff));
  else out.stdout(renderDiffText(diff, { color: out.isTTY && !values['no-color'] && !process.env.NO_COLOR }));
  return 0;
}
