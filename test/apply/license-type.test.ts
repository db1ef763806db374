/**
 * Activate needs a technician's licence type; ServiceTitan's TechnicianResponse only says whether
 * the technician is managed, which is what the normalized user carries for undo.
 */
import { describe, expect, it } from 'vitest';
import { UserRecord, toTenantUser } from '../../src/servicetitan/records.js';

const NO_NAMES = new Map<number, string>();

function normalize(kind: 'employee' | 'technician', record: Record<string, unknown>) {
  return toTenantUser(kind, UserRecord.parse({ id: 1, ...record }), NO_NAMES, NO_NAMES);
}

describe('licenseType of a normalized user', () => {
  it('is ManagedTechnician for a managed technician', () => {
    expect(normalize('technician', { isManagedTech: true }).licenseType).toBe('ManagedTechnician');
  });

  it('is NonManagedTechnician for a technician that is not managed', () => {
    expect(normalize('technician', { isManagedTech: false }).licenseType).toBe('NonManagedTechnician');
  });

  it('is unknown (null) when the record does not say, or says something unreadable', () => {
    expect(normalize('technician', {}).licenseType).toBeNull();
    expect(normalize('technician', { isManagedTech: 'yes' }).licenseType).toBeNull();
  });

  it('is null for employees, who need none', () => {
    expect(normalize('employee', { isManagedTech: true }).licenseType).toBeNull();
  });
});
