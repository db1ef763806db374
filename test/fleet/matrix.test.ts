/**
 * The fleet file and `fleet-matrix` (SPEC §10): every problem located in the file that has it, every
 * tenant policy checked up front, and the JSON `strategy.matrix` takes.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInputs } from '../../src/cli/run.js';
import { PolicyError } from '../../src/errors.js';
import { FleetFileError, parseFleet } from '../../src/fleet/file.js';
import { runFleetMatrix } from '../../src/fleet/run.js';
import { recordingLogger } from '../../src/logger.js';
import { parseSettings, type EventContext } from '../../src/settings.js';
import { policy } from '../policy/support.js';

const CLI: EventContext = { name: 'cli', isPullRequest: false, repositoryPrivate: null, payload: {} };
const ACTIONS: EventContext = {
  name: 'schedule',
  isPullRequest: false,
  repositoryPrivate: true,
  payload: {},
};

function fleetIssues(text: string) {
  try {
    parseFleet(text, '.github/servicetitan-fleet.yml', '.github/servicetitan-access.yml');
  } catch (error) {
    if (error instanceof FleetFileError) return error.issues;
    throw error;
  }
  throw new Error('expected the fleet file to be refused');
}

describe('the fleet file', () => {
  it('reads each tenant with its policy (default: the policy input), environment and secret suffix', () => {
    const fleet = parseFleet(
      'version: 1\ntenants:\n  - name: north\n    policy: .github/access/north.yml\n  - name: south-east\n    environment: integration\n',
      'fleet.yml',
      '.github/servicetitan-access.yml',
    );
    expect(fleet.tenants).toEqual([
      {
        name: 'north',
        policy: '.github/access/north.yml',
        environment: 'production',
        secretSuffix: 'NORTH',
        line: 3,
      },
      {
        name: 'south-east',
        policy: '.github/servicetitan-access.yml',
        environment: 'integration',
        secretSuffix: 'SOUTH_EAST',
        line: 5,
      },
    ]);
  });

  it('reports every problem at once, each at its line and column, with what was probably meant', () => {
    const issues = fleetIssues(
      [
        'version: 2',
        'tenants:',
        '  - name: North',
        '  - name: east',
        '    enviroment: production',
        '  - name: east',
        '  - policy: x.yml',
        '  - name: west',
        '    environment: staging',
      ].join('\n'),
    );
    expect(issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [1, 10, 'fleet.invalid-value'],
      [3, 11, 'fleet.invalid-name'],
      [5, 5, 'fleet.unknown-key'],
      [6, 11, 'fleet.duplicate-name'],
      [7, 5, 'fleet.missing-key'],
      [9, 18, 'fleet.invalid-value'],
    ]);
    expect(issues[2]!.hint).toBe('did you mean `environment`?');
    expect(issues[3]!.message).toContain('also used at line 4');
    expect(issues.every((i) => i.file === '.github/servicetitan-fleet.yml')).toBe(true);
  });

  it('refuses a file without tenants, and YAML that is not YAML, located', () => {
    expect(fleetIssues('version: 1\ntenants: []\n').map((i) => i.code)).toEqual(['fleet.no-tenants']);
    expect(fleetIssues('version: 1\n').map((i) => i.code)).toEqual(['fleet.missing-key']);
    const [duplicate] = fleetIssues('version: 1\ntenants:\n  - name: north\nversion: 1\n');
    expect(duplicate).toMatchObject({ code: 'fleet.yaml-syntax', line: 4 });
  });
});

describe('fleet-matrix', () => {
  let workspace: string;
  const matrix = (inputs: Record<string, string>, event: EventContext = CLI) =>
    runFleetMatrix(parseSettings(cliInputs('fleet-matrix', inputs), event, workspace), {
      logger: recordingLogger(),
      now: () => new Date('2026-03-01T12:00:00Z'),
    });

  beforeAll(async () => {
    workspace = await mkdtemp(path.join(os.tmpdir(), 'st-guard-matrix-'));
    await mkdir(path.join(workspace, '.github/access'), { recursive: true });
    await writeFile(path.join(workspace, '.github/servicetitan-access.yml'), policy());
    await writeFile(path.join(workspace, '.github/access/base.yml'), policy());
    await writeFile(path.join(workspace, '.github/access/north.yml'), 'extends: base.yml\n');
    await writeFile(
      path.join(workspace, '.github/access/typo.yml'),
      'extends: base.yml\nrules:\n  - id: extra\n    forbid: { roles: [Admin] }\n    fix: lokc\n',
    );
    await writeFile(
      path.join(workspace, '.github/servicetitan-fleet.yml'),
      'version: 1\ntenants:\n  - name: north\n    policy: .github/access/north.yml\n  - name: main-street\n  - name: east\n    policy: .github/access/north.yml\n    environment: integration\n',
    );
  });
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it('gives the matrix for strategy.matrix, after checking each policy once', async () => {
    const result = await matrix({});
    expect(result.matrix).toEqual({
      include: [
        {
          name: 'north',
          policy: '.github/access/north.yml',
          environment: 'production',
          'secret-suffix': 'NORTH',
        },
        {
          name: 'main-street',
          policy: '.github/servicetitan-access.yml',
          environment: 'production',
          'secret-suffix': 'MAIN_STREET',
        },
        {
          name: 'east',
          policy: '.github/access/north.yml',
          environment: 'integration',
          'secret-suffix': 'EAST',
        },
      ],
    });
    expect(result.policies.map((p) => [p.path, p.tenants, p.extends])).toEqual([
      ['.github/access/north.yml', ['north', 'east'], ['.github/access/base.yml']],
      ['.github/servicetitan-access.yml', ['main-street'], []],
    ]);
  });

  it('fails on a typo in one tenant policy, located in that policy, and on a policy that is missing', async () => {
    await writeFile(
      path.join(workspace, 'typo-fleet.yml'),
      'version: 1\ntenants:\n  - name: north\n    policy: .github/access/north.yml\n  - name: typo\n    policy: .github/access/typo.yml\n  - name: gone\n    policy: .github/access/gone.yml\n',
    );
    const error = await matrix({ fleet: 'typo-fleet.yml' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues.map((i) => [i.file, i.line, i.code])).toEqual([
      ['.github/access/typo.yml', 5, 'policy.invalid-value'],
      ['typo-fleet.yml', 7, 'policy.not-found'],
    ]);
    expect((error as PolicyError).issues[1]!.message).toContain('tenant gone');
  });

  it('checks the example fleet (examples/fleet/, laid out as a repository) clean', async () => {
    const example = fileURLToPath(new URL('../../examples/fleet', import.meta.url));
    const result = await runFleetMatrix(parseSettings(cliInputs('fleet-matrix', {}), CLI, example), {
      logger: recordingLogger(),
      now: () => new Date(),
    });
    expect(result.matrix.include.map((t) => [t.name, t['secret-suffix'], t.environment])).toEqual([
      ['north', 'NORTH', 'production'],
      ['south', 'SOUTH', 'production'],
      ['east', 'EAST', 'production'],
      ['training', 'TRAINING', 'integration'],
    ]);
    expect(result.policies.find((p) => p.path === '.github/access/north.yml')?.extends).toEqual([
      '.github/servicetitan-access.yml',
    ]);
  });

  it('says where a fleet file is expected when there is none', async () => {
    const error = await matrix({ fleet: 'nope.yml' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'fleet.not-found' });
  });

  it('keeps the fleet file inside the repository in Actions', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'st-guard-outside-'));
    await writeFile(path.join(outside, 'fleet.yml'), 'version: 1\ntenants:\n  - name: north\n');
    await symlink(path.join(outside, 'fleet.yml'), path.join(workspace, 'linked-fleet.yml'));
    const error = await matrix({ fleet: 'linked-fleet.yml' }, ACTIONS).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'fleet.outside-workspace' });
    await rm(outside, { recursive: true, force: true });
  });
});
