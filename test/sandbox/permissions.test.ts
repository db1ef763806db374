import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: () => new Date('2026-03-01T12:00:00Z') });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function change(body: unknown) {
  const response = await fetch(`${sandbox.url}/__sandbox/permissions`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const valueOn = (kind: 'employees' | 'technicians', id: number, permission: number) =>
  sandbox.state[kind].find((u) => u.id === id)?.permissions?.find((p) => p?.id === permission)?.value;

describe('POST /__sandbox/permissions (the change ServiceTitan makes only in its web interface)', () => {
  it('switches a True/False permission of a user, and says what it was and is', async () => {
    expect(valueOn('employees', 102, 10421)).toBe('False');
    const res = await change({ user: 'employee:102', permission: 10421 });
    expect(res).toEqual({
      status: 200,
      body: {
        ok: true,
        user: { kind: 'employee', id: 102, name: 'Marcus Bell' },
        permission: 10421,
        before: 'False',
        after: 'True',
      },
    });
    expect(valueOn('employees', 102, 10421)).toBe('True');
    expect(sandbox.state.employees.find((u) => u.id === 102)?.modifiedOn).toBe('2026-03-01T12:00:00.000Z');
    await change({ user: 'employee:102', permission: 10421 });
    expect(valueOn('employees', 102, 10421)).toBe('False');
  });

  it('sets any value on a technician, and adds a permission the user did not carry', async () => {
    expect((await change({ user: 'technician:201', permission: 10440, value: '25' })).status).toBe(200);
    expect(valueOn('technicians', 201, 10440)).toBe('25');
    expect((await change({ user: 'technician:201', permission: 99999, value: 'True' })).body).toMatchObject({
      before: null,
      after: 'True',
    });
    expect(valueOn('technicians', 201, 99999)).toBe('True');
  });

  it('refuses what it cannot do, changing nothing', async () => {
    const before = JSON.stringify(sandbox.state);
    expect((await change({ user: 'employee:999', permission: 10421 })).status).toBe(404);
    expect((await change({ user: '102', permission: 10421 })).status).toBe(400);
    expect((await change('{not json')).status).toBe(400);
    // a value that is not True/False cannot be switched: it needs the new value
    const level = await change({ user: 'employee:102', permission: 10441 });
    expect(level.status).toBe(400);
    expect(String(level.body.error)).toMatch(/give the new "value"/);
    expect(JSON.stringify(sandbox.state)).toBe(before);
  });

  it('is forgotten on reset', async () => {
    await change({ user: 'employee:102', permission: 10421 });
    sandbox.reset();
    expect(valueOn('employees', 102, 10421)).toBe('False');
  });
});
