#!/usr/bin/env node
/**
 * `st-access-guard`: the same pipeline as the action, behind a command line.
 * Exit codes: 0 pass, 1 fail (findings at or above --fail-on, apply refused),
 * 2 configuration error, 3 runtime error.
 */
import { GuardError } from './errors.js';
import { readCommandLine, unknownCommand, type OptionSpec } from './cli/args.js';
import { COMMANDS, HELP, USAGE } from './cli/help.js';

/** Every option, declared once: parsing, checking and "did you mean" all read this table. */
const OPTIONS = {
  policy: { type: 'string' },
  report: { type: 'string' },
  sarif: { type: 'string' },
  'fail-on': { type: 'string' },
  'max-changes': { type: 'string' },
  'baseline-policy': { type: 'string' },
  'baseline-snapshot': { type: 'string' },
  snapshot: { type: 'string' },
  evidence: { type: 'string' },
  repo: { type: 'string' },
  'review-report': { type: 'string' },
  fleet: { type: 'string' },
  reports: { type: 'string' },
  history: { type: 'string' },
  'baseline-evidence': { type: 'string' },
  'notify-on': { type: 'string' },
  'public-key': { type: 'string' },
  redact: { type: 'string' },
  'page-size': { type: 'string' },
  'request-timeout': { type: 'string' },
  'retry-budget': { type: 'string' },
  'max-pages': { type: 'string' },
  'max-records': { type: 'string' },
  plan: { type: 'string' },
  force: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  port: { type: 'string' },
  data: { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies Record<string, OptionSpec>;

function fail(message: string, code = 2): never {
  process.stderr.write(`st-access-guard: ${message}\n`);
  process.exit(code);
}

async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(argv, OPTIONS);
  if (!parsed.ok) fail(`${parsed.message}\n${USAGE}`);
  const { values } = parsed;
  const [command, ...rest] = parsed.positionals;
  if (values.version || command === 'version') {
    const { TOOL_VERSION } = await import('./version.js');
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (!command) {
    process.stdout.write(HELP.main ?? USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'help') {
    // `help audit` is `audit --help`
    const topic = rest[0];
    if (topic !== undefined && !HELP[topic] && topic !== 'help')
      fail(`${unknownCommand(topic, COMMANDS)}\n${USAGE}`);
    process.stdout.write((topic && HELP[topic]) || (HELP.main ?? USAGE));
    return 0;
  }
  const help = HELP[command];
  if (!help) fail(`${unknownCommand(command, COMMANDS)}\n${USAGE}`);
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  switch (command) {
    case 'sandbox': {
      const { runSandboxCommand } = await import('./cli/sandbox.js');
      return runSandboxCommand(values);
    }
    case 'demo': {
      const { runDemo } = await import('./cli/demo.js');
      return runDemo(values);
    }
    case 'validate':
    case 'audit':
    case 'apply':
    case 'discover':
    case 'undo':
    case 'review': {
      const { runCommand } = await import('./cli/run.js');
      return runCommand(command, rest, values);
    }
    case 'evidence': {
      const { runEvidenceCommand } = await import('./evidence/cli.js');
      return runEvidenceCommand(rest, values);
    }
    case 'fleet': {
      const { runFleetCli } = await import('./cli/run.js');
      return runFleetCli(rest, values);
    }
    case 'diff': {
      const { runDiffCommand } = await import('./evidence/cli.js');
      return runDiffCommand(rest, values);
    }
    default:
      fail(`\`${command}\` is not available in this version.\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof GuardError) {
      process.stderr.write(
        `error: ${error.message}${error.hint ? `\n  ${error.hint}` : ''} [${error.code}]\n`,
      );
      process.exitCode = error.exitCode;
    } else {
      const debug = process.argv.includes('--debug');
      process.stderr.write(
        `error: unexpected: ${error instanceof Error ? (debug ? error.stack : error.message) : String(error)}\n` +
          `  This is a bug; rerun with --debug and report it.\n`,
      );
      process.exitCode = 3;
    }
  },
);
