import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PermissionSets } from '../../src/servicetitan/records.js';

type List = { id: number; value?: string | number | boolean | null }[];

function built(list: List): Record<string, string | null> {
  const permissions: Record<string, string | null> = {};
  for (const p of list)
    permissions[String(p.id)] = p.value === null || p.value === undefined ? null : String(p.value);
  return permissions;
}

describe('permission sets', () => {
  it('gives users with identical permission lists one shared, read-only object', () => {
    const sets = new PermissionSets();
    const a = sets.of([
      { id: 10400, value: 'True' },
      { id: 10401, value: 'False' },
    ]);
    const b = sets.of([
      { id: 10400, value: 'True' },
      { id: 10401, value: 'False' },
    ]);
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toEqual({ 10400: 'True', 10401: 'False' });
  });

  it('tells apart lists that differ only in a value, its type or null', () => {
    const sets = new PermissionSets();
    expect(sets.of([{ id: 1, value: 'True' }])).toEqual({ 1: 'True' });
    expect(sets.of([{ id: 1, value: 'False' }])).toEqual({ 1: 'False' });
    expect(sets.of([{ id: 1, value: null }])).toEqual({ 1: null });
    expect(sets.of([{ id: 1, value: 'null' }])).toEqual({ 1: 'null' });
    expect(sets.of([{ id: 1, value: 25 }])).toEqual({ 1: '25' });
    expect(sets.of(null)).toEqual({});
  });

  it('skips null entries and counts them, also when the list is already known', () => {
    const sets = new PermissionSets();
    const list = [{ id: 1, value: 'True' }, null, { id: 2, value: 'False' }];
    expect(sets.of(list)).toEqual({ 1: 'True', 2: 'False' });
    expect(sets.of([...list, null])).toEqual({ 1: 'True', 2: 'False' });
    expect(sets.of(list)).toBe(sets.of([{ id: 1, value: 'True' }, null, { id: 2, value: 'False' }]));
    expect(sets.of([{ id: 1, value: 'True' }])).toEqual({ 1: 'True' });
    expect({ nullEntries: sets.nullEntries, listsWithNulls: sets.listsWithNulls }).toEqual({
      nullEntries: 5,
      listsWithNulls: 4,
    });
  });

  it('always answers what building the object afresh would, whatever came before', () => {
    const value = fc.oneof(
      fc.constantFrom('True', 'False', null, undefined, 'All'),
      fc.integer({ min: 0, max: 99 }),
      fc.boolean(),
    );
    const list = fc.array(fc.record({ id: fc.integer({ min: 0, max: 5 }), value }), { maxLength: 4 });
    fc.assert(
      fc.property(fc.array(list, { maxLength: 30 }), (lists) => {
        const sets = new PermissionSets();
        for (const l of lists) expect(sets.of(l)).toEqual(built(l));
      }),
      { numRuns: 300 },
    );
  });
});
