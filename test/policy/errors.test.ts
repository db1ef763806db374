import { describe, expect, it } from 'vitest';
import { POLICY_ISSUE_CODES } from '../../src/policy/codes.js';
import { parsePolicy } from '../../src/policy/load.js';
import { codeFrame } from '../../src/report/text.js';
import { issuesOf, issueWith, NOW, policy } from './support.js';

const at = (issue: { line: number; column: number }) => `${issue.line}:${issue.column}`;

describe('shape errors', () => {
  it('points at a misspelt key and suggests the key it probably meant', () => {
    const issue = issueWith(policy().replace('applies-to:', 'aplies-to:'), 'policy.unknown-key');
    expect(at(issue)).toBe('7:5');
    expect(issue.message).toContain('`aplies-to`');
    expect(issue.hint).toBe('did you mean `applies-to`?');
  });

  it('lists the allowed keys when an unknown key is nothing like any of them', () => {
    const issue = issueWith(`${policy()}zzzzzzzz: 1\n`, 'policy.unknown-key');
    expect(at(issue)).toBe('9:1');
    expect(issue.hint).toContain('`exemptions`');
  });

  it('points a missing required key at the mapping that lacks it', () => {
    const issue = issueWith(
      'version: 1\nrules:\n  - severity: low\n    forbid: { account: true }\n',
      'policy.missing-key',
    );
    expect(at(issue)).toBe('3:5');
    expect(issue.message).toBe('`rules[0]` is missing the required key `id`.');
  });

  it('reports a missing `rules` key at the top of the file', () => {
    expect(at(issueWith('version: 1\n', 'policy.missing-key'))).toBe('1:1');
  });

  it('reports a value of the wrong type', () => {
    const issue = issueWith(policy().replace('{ audience: external }', 'external'), 'policy.invalid-type');
    expect(at(issue)).toBe('7:17');
    expect(issue.message).toBe('`rules[0].applies-to` must be a mapping, not the text `external`.');
  });

  it('refuses a version other than 1', () => {
    const issue = issueWith(policy().replace('version: 1', 'version: 2'), 'policy.unsupported-version');
    expect(at(issue)).toBe('1:10');
    expect(issue.hint).toBe('write `version: 1`');
  });

  it('refuses an unknown severity and suggests the nearest one', () => {
    const issue = issueWith(policy('    severity: critcal\n'), 'policy.invalid-value');
    expect(at(issue)).toBe('9:15');
    expect(issue.hint).toBe('did you mean `critical`?');
  });

  it('refuses an unknown audience', () => {
    expect(
      at(issueWith(policy().replace('audience: external', 'audience: outsiders'), 'policy.invalid-value')),
    ).toBe('7:29');
  });

  it('refuses an unknown user kind', () => {
    expect(
      at(
        issueWith(
          policy('    applies-to: { kinds: [contractor] }\n').replace(
            '    applies-to: { audience: external }\n',
            '',
          ),
          'policy.invalid-value',
        ),
      ),
    ).toBe('8:27');
  });

  it('refuses an unknown fix and suggests the nearest one', () => {
    const issue = issueWith(policy('    fix: lok\n'), 'policy.invalid-value');
    expect(at(issue)).toBe('9:10');
    expect(issue.message).toContain('none or lock or deactivate or a mapping');
    expect(issue.hint).toBe('did you mean `lock`?');
  });

  it('reports a misspelt set-role once, as an unknown key', () => {
    const issues = issuesOf(policy('    fix: { set_role: Technician }\n'));
    expect(issues.map((i) => [i.code, at(i), i.hint])).toEqual([
      ['policy.unknown-key', '9:12', 'did you mean `set-role`?'],
    ]);
  });

  it('refuses a negative max-holders limit and a fractional one', () => {
    const text =
      'version: 1\nrules:\n  - id: a\n    max-holders: { roles: [Admin], max: -1 }\n  - id: b\n    max-holders: { roles: [Admin], max: 1.5 }\n';
    expect(issuesOf(text).map((i) => [i.code, at(i)])).toEqual([
      ['policy.invalid-value', '4:41'],
      ['policy.invalid-type', '6:41'],
    ]);
  });

  it('refuses a negative min-active-admins', () => {
    expect(at(issueWith(`${policy()}safety: { min-active-admins: -1 }\n`, 'policy.invalid-value'))).toBe(
      '9:30',
    );
  });

  it('refuses a rule id with spaces', () => {
    expect(
      at(issueWith(policy().replace('id: no-external-api-access', 'id: no external'), 'policy.invalid-name')),
    ).toBe('6:9');
  });

  it('refuses a permission id that is not a positive whole number', () => {
    expect(at(issueWith(policy().replace('id: 10421', 'id: "10421"'), 'policy.invalid-type'))).toBe('3:27');
  });
});

describe('user references', () => {
  it.each([['bob'], ['@acme.com'], ['bob@'], ['user:0'], ['employee:abc'], ['login:'], ['Login:bob']])(
    'refuses %s as a user reference',
    (ref) => {
      const issue = issueWith(
        policy(`    applies-to: { except-users: ['${ref}'] }\n`).replace(
          '    applies-to: { audience: external }\n',
          '',
        ),
        'policy.invalid-user-ref',
      );
      expect(at(issue)).toBe('8:34');
      expect(issue.hint).toContain('login:NAME');
    },
  );

  it('refuses a malformed approver', () => {
    const text = policy(`exemptions:
  - user: a@b.example
    rules: [no-external-api-access]
    reason: r
    expires: 2026-05-01
    approved-by: the boss
`);
    expect(at(issueWith(text, 'policy.invalid-user-ref'))).toBe('14:18');
  });
});

describe('rules', () => {
  it('refuses two rules with the same id, at the second', () => {
    const issue = issueWith(
      policy('  - id: no-external-api-access\n    forbid: { account: true }\n'),
      'policy.duplicate-rule-id',
    );
    expect(at(issue)).toBe('9:9');
  });

  it('refuses a rule id that is a built-in finding', () => {
    expect(
      at(
        issueWith(
          policy('  - id: exemption-unused\n    forbid: { account: true }\n'),
          'policy.reserved-rule-id',
        ),
      ),
    ).toBe('9:9');
  });

  it('refuses a rule with both forbid and max-holders', () => {
    const issue = issueWith(policy('    max-holders: { roles: [Admin], max: 1 }\n'), 'policy.rule-kind');
    expect(at(issue)).toBe('9:5');
  });

  it('refuses a rule with neither forbid nor max-holders', () => {
    expect(at(issueWith(policy('  - id: nothing\n    severity: low\n'), 'policy.rule-kind'))).toBe('9:5');
  });

  it.each([['{}'], ['{ permissions: [] }'], ['{ account: false }'], ['{ permissions: [], roles: [] }']])(
    'refuses forbid: %s as forbidding nothing',
    (forbid) => {
      const issue = issueWith(policy(`  - id: empty\n    forbid: ${forbid}\n`), 'policy.empty-forbid');
      expect(at(issue)).toBe('10:13');
    },
  );

  it('accepts an empty permissions list next to roles', () => {
    expect(
      issuesOf(`${policy('  - id: roles\n    forbid: { permissions: [], roles: [Admin] }\n')}bogus: 1\n`).map(
        (i) => i.code,
      ),
    ).toEqual(['policy.unknown-key']);
  });

  it('refuses max-holders without roles or permissions', () => {
    expect(
      at(issueWith(policy('  - id: count\n    max-holders: { max: 2 }\n'), 'policy.empty-max-holders')),
    ).toBe('10:18');
  });

  it('refuses a fix on a max-holders rule, at the fix key', () => {
    const issue = issueWith(
      policy('  - id: count\n    max-holders: { roles: [Admin], max: 2 }\n    fix: lock\n'),
      'policy.fix-on-max-holders',
    );
    expect(at(issue)).toBe('11:5');
  });

  it('refuses a permission name that is not mapped and suggests the nearest mapped one', () => {
    const issue = issueWith(
      policy().replace('permissions: [generate-api-key]', 'permissions: [generate-api-kye]'),
      'policy.unknown-permission',
    );
    expect(at(issue)).toBe('8:29');
    expect(issue.hint).toBe('did you mean `generate-api-key`?');
  });

  it('says to map a permission name that is nothing like the mapped ones', () => {
    const issue = issueWith(
      policy('  - id: count\n    max-holders: { permissions: [edit-payroll], max: 2 }\n'),
      'policy.unknown-permission',
    );
    expect(at(issue)).toBe('10:34');
    expect(issue.hint).toContain('add it under `permissions:`');
  });

  it('refuses two permission names for the same id', () => {
    const issue = issueWith(policy().replace('id: 10422', 'id: 10421'), 'policy.duplicate-permission-id');
    expect(at(issue)).toBe('4:28');
  });

  it('refuses an internal domain that is not a domain', () => {
    expect(
      at(issueWith(`${policy()}organization: { internal-domains: [acme.com/x] }\n`, 'policy.invalid-domain')),
    ).toBe('9:36');
  });
});

const exemption = (lines: string) =>
  policy(`  - id: at-most-two-admins
    max-holders: { roles: [Admin], max: 2 }
exemptions:
${lines}`);

describe('exemptions', () => {
  const valid = `  - user: partner@integrator.example
    rules: [no-external-api-access]
    reason: Integration partner
    expires: 2026-06-30
    approved-by: security@acme-hvac.com
`;

  it('refuses an exemption naming an unknown rule and suggests the nearest rule id', () => {
    const issue = issueWith(
      exemption(valid.replace('[no-external-api-access]', '[no-external-api-acess]')),
      'policy.unknown-rule',
    );
    expect(at(issue)).toBe('13:13');
    expect(issue.hint).toBe('did you mean `no-external-api-access`?');
  });

  it('refuses an exemption of a built-in finding', () => {
    expect(
      at(
        issueWith(
          exemption(valid.replace('[no-external-api-access]', '[permission-unmapped]')),
          'policy.unexemptible-rule',
        ),
      ),
    ).toBe('13:13');
  });

  it.each([['reason'], ['expires'], ['approved-by']])('refuses an exemption without %s', (key) => {
    const text = exemption(
      valid
        .split('\n')
        .filter((l) => !l.trimStart().startsWith(`${key}:`))
        .join('\n'),
    );
    const issue = issueWith(text, 'policy.missing-key');
    expect(at(issue)).toBe('12:5');
    expect(issue.message).toContain(`\`${key}\``);
  });

  it('refuses an exemption approved by the exempted user, comparing case-insensitively', () => {
    const issue = issueWith(
      exemption(valid.replace('security@acme-hvac.com', 'Partner@Integrator.EXAMPLE')),
      'policy.self-approved',
    );
    expect(at(issue)).toBe('16:18');
  });

  it('refuses an expiry that is not a date', () => {
    expect(at(issueWith(exemption(valid.replace('2026-06-30', 'next june')), 'policy.invalid-date'))).toBe(
      '15:14',
    );
  });

  it('refuses an expiry on a day that does not exist', () => {
    expect(at(issueWith(exemption(valid.replace('2026-06-30', '2026-02-30')), 'policy.invalid-date'))).toBe(
      '15:14',
    );
  });

  it('refuses a user exemption of a max-holders rule', () => {
    expect(
      at(
        issueWith(
          exemption(valid.replace('[no-external-api-access]', '[at-most-two-admins]')),
          'policy.exemption-scope',
        ),
      ),
    ).toBe('13:13');
  });

  it('refuses a tenant-level exemption of a forbid rule', () => {
    const text = exemption(valid.replace('  - user: partner@integrator.example\n    rules', '  - rules'));
    expect(at(issueWith(text, 'policy.exemption-scope'))).toBe('12:13');
  });

  it('accepts a tenant-level exemption of a max-holders rule', () => {
    const text = exemption(
      valid.replace(
        '  - user: partner@integrator.example\n    rules: [no-external-api-access]',
        '  - rules: [at-most-two-admins]',
      ),
    );
    expect(() => issuesOf(text)).toThrow('expected the policy to be refused');
  });
});

describe('reporting', () => {
  const broken = `version: 3
permissions:
  key: { id: 1 }
rules:
  - id: a
    aplies-to: {}
    forbid: { permissions: [kee] }
  - id: a
    forbid: {}
    severity: urgent
exemptions:
  - rules: [b]
`;

  it('reports every problem of the file at once, sorted by line and column', () => {
    const issues = issuesOf(broken);
    expect(issues.map((i) => `${at(i)} ${i.code}`)).toEqual([
      '1:10 policy.unsupported-version',
      '6:5 policy.unknown-key',
      '7:29 policy.unknown-permission',
      '8:9 policy.duplicate-rule-id',
      '9:13 policy.empty-forbid',
      '10:15 policy.invalid-value',
      '12:5 policy.missing-key',
      '12:5 policy.missing-key',
      '12:5 policy.missing-key',
      '12:13 policy.unknown-rule',
    ]);
  });

  it('names the file in every problem and uses only documented codes', () => {
    for (const issue of issuesOf(broken)) {
      expect(issue.file).toBe('policy.yml');
      expect(Object.keys(POLICY_ISSUE_CODES)).toContain(issue.code);
    }
  });
});

describe('YAML syntax errors', () => {
  const syntax = (text: string) =>
    issuesOf(text).map((i) => `${at(i)} ${i.code} ${i.message} | ${i.hint ?? ''}`);

  it('reports a line indented one space too far once, on that line, with the indentation to use', () => {
    expect(syntax(policy().replace('    forbid:', '     forbid:'))).toEqual([
      '8:6 policy.yaml-syntax YAML syntax error: this line is indented further than line 7, which already has a value. | Indent it by 4 spaces, like line 7.',
    ]);
  });

  it('reports a line indented by 3 spaces among lines of 4 once', () => {
    expect(syntax(policy().replace('    forbid:', '   forbid:'))).toEqual([
      "8:4 policy.yaml-syntax YAML syntax error: this line's indentation (3 spaces) lines up with no key or list item above it. | Indent it by 4 spaces, like line 7.",
    ]);
  });

  it('reports a tab once, not the eight messages of its consequences', () => {
    expect(syntax(policy().replace('    applies-to:', '\tapplies-to:'))).toEqual([
      '7:1 policy.yaml-syntax YAML syntax error: this line is indented with a tab; YAML indents with spaces only. | Indent it by 4 spaces, like line 6.',
    ]);
  });

  it('reports two separate mistakes as two problems, each on its line', () => {
    const text = policy('  - id: second\n\tseverity: low\n    forbid: { account: true }\n').replace(
      '    forbid: { permissions',
      '     forbid: { permissions',
    );
    expect(issuesOf(text).map((i) => `${at(i)} ${i.code}`)).toEqual([
      '8:6 policy.yaml-syntax',
      '10:1 policy.yaml-syntax',
    ]);
  });

  it('points an unclosed quote at where it opens, not at the end of the file', () => {
    expect(syntax(policy().replace('id: no-external-api-access', 'id: "no-external-api-access'))).toEqual([
      '6:9 policy.yaml-syntax YAML syntax error: this quoted value has no closing ", so YAML reads the rest of the file into it. | Add the closing " where the value ends.',
    ]);
  });

  it('reports a duplicate key beside an indentation mistake', () => {
    const text = `${policy()}safety: { min-active-admins: 1 }\nsafety: { min-active-admins: 2 }\n`.replace(
      '    forbid:',
      '     forbid:',
    );
    expect(issuesOf(text).map((i) => `${at(i)} ${i.code}`)).toEqual([
      '8:6 policy.yaml-syntax',
      '10:1 policy.duplicate-key',
    ]);
  });

  it('quotes the line with a caret under the column, in the error message', () => {
    const text = policy().replace('    applies-to:', '\tapplies-to:');
    const [issue] = issuesOf(text);
    expect(issue?.sourceLine).toBe('\tapplies-to: { audience: external }');
    let message = '';
    try {
      parsePolicy(text, 'policy.yml', { now: NOW });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(
      [
        '  policy.yml:7:1 YAML syntax error: this line is indented with a tab; YAML indents with spaces only. [policy.yaml-syntax] (Indent it by 4 spaces, like line 6.)',
        '      7 | →applies-to: { audience: external }',
        '        | ^',
      ].join('\n'),
    );
    const over = issuesOf(policy().replace('    forbid:', '     forbid:'))[0]!;
    expect(codeFrame(over.line, over.column, over.sourceLine!)).toEqual([
      '8 |      forbid: { permissions: [generate-api-key] }',
      '  |      ^',
    ]);
  });
});
