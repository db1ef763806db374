/** What the sandbox's API handlers share: the tenant's state and the faults in play. */
import type { FiredFaults } from './faults.js';
import type { TenantData } from './tenant-data.js';

export interface ApiContext {
  state: TenantData;
  maxPageSize: number;
  exportPageSize: number;
  now: () => Date;
  faults: FiredFaults;
  /**
   * Lists that answered an injected empty page: later pages of the same listing are served one
   * page back, so the empty page is inserted rather than hiding records.
   */
  emptyPageShifts: Map<string, number>;
}
