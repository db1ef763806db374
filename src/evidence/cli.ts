/**
 * `st-access-guard evidence verify DIR` and `st-access-guard diff OLD NEW`. Both read only local
 * files: no credentials, no network.
 */
import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '../errors.js';
import { inlinePlain } from '../report/text.js';
import { diffReviews, loadReviewState } from './diff.js';
import { renderDiffMarkdown, renderDiffText } from './render-diff.js';
import { SIGNATURE_FILE } from './manifest.js';
import { readPublicKey } from './signature.js';
import { verifyEvidencePack, type VerifyResult } from './verify.js';

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

export const EVIDENCE_USAGE = 'Usage: st-access-guard evidence verify DIR [--public-key FILE]\n';
export const DIFF_USAGE =
  'Usage: st-access-guard diff OLD NEW [--json | --markdown]   (packs or snapshot files)\n';

async function publicKeyFrom(file: string): Promise<KeyObject> {
  const shown = inlinePlain(file, 200);
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch {
    throw new ConfigurationError(
      'evidence.invalid-public-key',
      `The public key ${shown} (--public-key) cannot be read.`,
      'Give the PEM file of the Ed25519 public key the pack was signed with (evidence-signing.pub).',
    );
  }
  const reading = readPublicKey(pem);
  if (reading.problem !== undefined) {
    throw new ConfigurationError(
      'evidence.invalid-public-key',
      `The public key ${shown} (--public-key) ${reading.problem}`,
      reading.hint,
    );
  }
  return reading.key;
}

const PROVES_INTEGRITY =
  'no file of the pack is missing, changed or added since manifest.json was written (integrity, against accidents).';

/** The lines on who wrote the pack, and what the outcome proves. */
function authorshipLines(result: VerifyResult, intact: boolean): string[] {
  const a = result.authorship;
  if (!a.checked) {
    const why = a.signedBy
      ? `no key given; the manifest names the signing key ${a.signedBy}, which --public-key FILE checks`
      : 'unsigned';
    return [
      `integrity checked; authorship not checked (${why})`,
      ...(intact
        ? [
            `What this proves: ${PROVES_INTEGRITY} It does not prove who wrote the pack: anyone who can ` +
              'edit a file can also recompute the manifest.',
          ]
        : []),
    ];
  }
  if (a.outcome === 'unsigned') {
    return [
      `not signed: the pack has no ${SIGNATURE_FILE}, so the key ${a.key} (--public-key) vouches for nothing in it`,
    ];
  }
  if (a.outcome === 'invalid') {
    const named = a.signedBy && a.signedBy !== a.key ? ` (the manifest names the key ${a.signedBy})` : '';
    return [
      `not authentic: ${SIGNATURE_FILE} is not a signature over manifest.json by the key ${a.key} ` +
        `(--public-key): the manifest was changed after it was signed, or another key signed it${named}`,
    ];
  }
  return [
    `signed: ${SIGNATURE_FILE} is a valid signature over manifest.json by the key ${a.key} (--public-key)`,
    ...(intact
      ? [
          `What this proves: ${PROVES_INTEGRITY} And manifest.json, with the hash of every file it lists, ` +
            "was signed by the holder of that key's private key. It does not prove that what the pack records was right.",
        ]
      : []),
  ];
}

/**
 * Exit 0 when the pack is intact (and, with --public-key, signed by that key), 1 when it is not, 2
 * on bad usage or a public key that cannot be read.
 */
export async function runEvidenceCommand(
  args: string[],
  values: Values,
  out: CommandOutput = processOutput(),
): Promise<number> {
  const [action, dir, ...extra] = args;
  if (action !== 'verify' || dir === undefined || dir === '' || extra.length > 0) {
    out.stderr(`st-access-guard: evidence needs \`verify\` and one folder.\n${EVIDENCE_USAGE}`);
    return 2;
  }
  const keyFile = values['public-key'];
  const publicKey = typeof keyFile === 'string' ? await publicKeyFrom(keyFile) : undefined;
  const result = await verifyEvidencePack(dir, publicKey ? { publicKey } : {});
  const intact = result.problems.length === 0;
  const lines: string[] = [];
  if (intact) {
    lines.push(`intact: ${result.manifest?.files.length ?? 0} files verified`);
  } else {
    const why =
      result.manifest === null
        ? 'the manifest is missing or unreadable, so no file can be vouched for'
        : `${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`;
    lines.push(
      `not intact: ${why}`,
      ...result.problems.map((p) => `  ${p.problem}: ${inlinePlain(p.file, 300)}`),
    );
  }
  lines.push(...authorshipLines(result, intact));
  out.stdout(lines.join('\n') + '\n');
  return result.ok ? 0 : 1;
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
