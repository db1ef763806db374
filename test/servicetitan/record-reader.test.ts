import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { schemaReader, userRecordReader } from '../../src/servicetitan/record-reader.js';
import { RoleRecord, toTenantUser, UserRecord } from '../../src/servicetitan/records.js';

const anyScalar = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(2 ** 53, -0, 1.5),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const anyValue = fc.oneof(anyScalar, fc.array(anyScalar, { maxLength: 2 }), fc.object({ maxDepth: 1 }));
const permission = fc.oneof(
  fc.record({
    id: fc.integer({ min: 10_000, max: 10_500 }),
    value: fc.constantFrom('True', 'False', null, '25'),
  }),
  fc.record({ id: anyValue, value: anyValue }, { requiredKeys: [] }),
  // "Array may contain Nones": an entry that is null altogether
  fc.constant(null),
);
const field = <T>(typical: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: typical }, { weight: 1, arbitrary: anyValue });
const userRecord = fc.record(
  {
    id: field(fc.integer({ min: 1, max: 1_000_000 })),
    userId: field(fc.integer({ min: 1, max: 1_000_000 })),
    name: field(fc.string({ maxLength: 8 })),
    role: field(fc.constantFrom('Admin', 'Dispatch', null)),
    roleIds: field(fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 3 })),
    businessUnitId: field(fc.integer({ min: 1, max: 9 })),
    email: field(fc.emailAddress()),
    loginName: field(fc.string({ maxLength: 8 })),
    customFields: field(
      fc.array(
        fc.record({ typeId: field(fc.integer()), name: field(fc.string()), value: field(fc.string()) }),
        {
          maxLength: 2,
        },
      ),
    ),
    active: field(fc.boolean()),
    aadUserId: field(fc.string({ maxLength: 4 })),
    permissions: field(fc.array(permission, { maxLength: 4 })),
    accountLocked: field(fc.boolean()),
    isManagedTech: field(fc.boolean()),
    extra: anyValue,
  },
  { requiredKeys: [] },
);

const roleNames = new Map([[1, 'Admin']]);
const unitNames = new Map([[1, 'HVAC Service']]);

describe('the quick user record reader', () => {
  it('accepts exactly the records the UserRecord schema accepts, and reads them to the same user', () => {
    fc.assert(
      fc.property(
        userRecord,
        fc.constantFrom('employee', 'technician') as fc.Arbitrary<'employee' | 'technician'>,
        (record, kind) => {
          const quick = userRecordReader.read(record);
          const checked = UserRecord.safeParse(record);
          expect(quick !== undefined).toBe(checked.success);
          if (quick && checked.success) {
            expect(toTenantUser(kind, quick, roleNames, unitNames)).toEqual(
              toTenantUser(kind, checked.data, roleNames, unitNames),
            );
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('rejects a value that is not an object at all', () => {
    for (const value of [null, 7, 'x', [{ id: 1 }]]) expect(userRecordReader.read(value)).toBeUndefined();
  });

  it('lets the schema alone decide for records without a quick check', () => {
    const roles = schemaReader(RoleRecord);
    expect(roles.read({ id: 3, name: 'CSR', active: 'yes' })).toEqual({ id: 3, name: 'CSR', active: null });
    expect(roles.read({ name: 'no id' })).toBeUndefined();
  });
});
