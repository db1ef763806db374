/**
 * Reading the command line against the one table of options in src/cli.ts. node:util parseArgs
 * reads it (non-strict, with tokens); the checks here turn its raw messages into ones that say
 * what to type instead: the nearest option or command, and where credentials come from.
 */
import { parseArgs } from 'node:util';
import { nearest } from '../policy/nearest.js';
import { inlinePlain } from '../report/text.js';
import { CREDENTIAL_VARIABLES } from './help.js';

export type Values = Record<string, string | boolean | undefined>;

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

export type CommandLine =
  { ok: true; values: Values; positionals: string[] } | { ok: false; message: string };

const CREDENTIAL_LIST = CREDENTIAL_VARIABLES.filter((c) => c.required)
  .map((c) => c.variable)
  .join(', ');

/** Parses `argv`; the first option that is unknown, lacks its value or has one it must not. */
export function readCommandLine(argv: string[], options: Record<string, OptionSpec>): CommandLine {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const shown = `\`${inlinePlain(token.rawName, 60)}\``;
    const spec = options[token.name];
    if (!spec) {
      return { ok: false, message: unknownOption(token.name, token.rawName, options) };
    }
    if (spec.type === 'string' && token.value === undefined) {
      return { ok: false, message: `${shown} needs a value.` };
    }
    if (spec.type === 'string' && !token.inlineValue && /^-./.test(token.value ?? '')) {
      const next = inlinePlain(token.value ?? '', 60);
      return {
        ok: false,
        message: `${shown} needs a value, but the word after it, \`${next}\`, starts with a dash: give the value after ${shown}, or write \`${inlinePlain(token.rawName, 60)}=${next}\` if that is the value.`,
      };
    }
    if (spec.type === 'boolean' && token.value !== undefined) {
      return { ok: false, message: `${shown} takes no value.` };
    }
  }
  return { ok: true, values: values as Values, positionals };
}

function unknownOption(name: string, rawName: string, options: Record<string, OptionSpec>): string {
  const shown = `\`${inlinePlain(rawName, 60)}\``;
  const long = rawName.startsWith('--');
  const credentialFlags = CREDENTIAL_VARIABLES.map((c) => c.flag);
  const guess = long ? nearest(name, [...Object.keys(options), ...credentialFlags]) : undefined;
  // A credential given as a flag (or nearly): say where it comes from, never echo what followed it.
  const credential = long ? CREDENTIAL_VARIABLES.find((c) => c.flag === name || c.flag === guess) : undefined;
  if (credential) {
    return (
      `${shown} is not an option: ${credential.meaning} comes from the environment variable ${credential.variable}` +
      `${credential.secret ? ', never from the command line (where it would stay in the shell history and the process list)' : ''}. ` +
      `Set ${credential.variable}; \`st-access-guard audit --help\` lists ${CREDENTIAL_LIST} and the others.`
    );
  }
  if (guess) return `unknown option ${shown}: did you mean \`--${guess}\`?`;
  return (
    `unknown option ${shown}. \`st-access-guard COMMAND --help\` lists a command's options; ` +
    `credentials are not options: they come from the environment variables ${CREDENTIAL_LIST}.`
  );
}

/** `unknown command `audti`: did you mean `audit`?` */
export function unknownCommand(command: string, commands: readonly string[]): string {
  const guess = nearest(command, commands);
  const shown = `\`${inlinePlain(command, 60)}\``;
  return guess ? `unknown command ${shown}: did you mean \`${guess}\`?` : `unknown command ${shown}.`;
}
