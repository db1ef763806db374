import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, redactReport } from '../../src/report/redact.js';
import { everyChannel, visible } from './channels.js';
import { finding, FULL_REPORT_PEOPLE, fullReport, report, user } from './fixtures.js';

describe('maskEmail and maskName', () => {
  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('jane.roe@contractor.example')).toBe('j***@contractor.example');
  });

  it('keeps the first letter of each word of a name', () => {
    expect(maskName('Jane  Roe')).toBe('J*** R***');
  });

  it('is idempotent', () => {
    expect(maskEmail(maskEmail('jane@x.example'))).toBe('j***@x.example');
    expect(maskName(maskName('Jane Roe'))).toBe('J*** R***');
  });
});

describe('redactReport', () => {
  it('marks the report redacted and keeps ids', () => {
    const r = redactReport(fullReport());
    expect(r.redacted).toBe(true);
    expect(r.findings[0]!.user).toMatchObject({ kind: 'employee', id: 21, userId: 1021, name: 'J*** R***' });
    expect(r.findings[0]!.user!.email).toBe('j***@contractor.example');
    expect(r.plan.map((s) => s.user.id)).toEqual([21, 50, 51]);
  });

  it('masks names inside messages, steps, reasons, errors and refusals', () => {
    const r = redactReport(fullReport());
    expect(r.findings[2]!.message).toBe('4 users hold Admin: J*** R***, B*** S***, C*** D***, D*** P***');
    expect(r.plan[1]!.reason).toBe('O*** O*** is a protected user');
    expect(r.refusals[0]!.message).toBe('The plan changes O*** O***, a protected user');
  });

  it('masks emails in free text even when no user carries them', () => {
    const r = redactReport(
      report([], { errors: [{ code: 'auth.invalid-client', message: 'Ask admin@acme.example for access' }] }),
    );
    expect(r.errors[0]!.message).toBe('Ask a***@acme.example for access');
  });

  it('does not change the report it was given', () => {
    const original = fullReport();
    const copy = structuredClone(original);
    redactReport(original);
    expect(original).toEqual(copy);
  });

  it.each(Object.entries(everyChannel(redactReport(fullReport()))))(
    'leaves no name or email in the %s channel',
    (_channel, text) => {
      const seen = visible(text).toLowerCase();
      for (const person of FULL_REPORT_PEOPLE) expect(seen).not.toContain(person.toLowerCase());
    },
  );

  it('shows the names in every channel when not redacted (so the check above can fail)', () => {
    for (const text of Object.values(everyChannel(fullReport()))) expect(visible(text)).toContain('Jane Roe');
  });

  it('masks a name that is part of a longer word only when it stands alone', () => {
    const al = user({ name: 'Al', email: null, login: null });
    const r = redactReport(report([finding({ user: al, message: 'Al holds Always-on access' })]));
    expect(r.findings[0]!.message).toBe('A*** holds Always-on access');
  });
});
