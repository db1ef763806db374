/**
 * The ServiceTitan Settings v2 client: reads the tenant's users, roles and business units into
 * one normalized Snapshot, and carries the writes the writer makes.
 */
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { BusinessUnit, Snapshot, TenantUser, UserKind, UserRole } from '../domain/tenant.js';
import { silentLogger, type Logger } from '../logger.js';
import { AccessTokens } from './auth.js';
import { invalidResponseError } from './errors.js';
import { ServiceTitanHttp, type ClientStats } from './http.js';
import { ConcurrencyGate, sharedLimiter, sleep as realSleep } from './limiter.js';
import {
  PagingAllowance,
  parseRecord,
  readExport,
  readList,
  type PagedRecords,
  type PagingContext,
} from './paging.js';
import { schemaReader, userRecordReader } from './record-reader.js';
import {
  BusinessUnitRecord,
  compactUser,
  nameUser,
  nullEntriesIn,
  PermissionSets,
  RoleRecord,
  SharedLists,
  toBusinessUnit,
  toTenantUser,
  toUserRole,
  type UserRecord,
} from './records.js';
import { RetryBudget } from './retry.js';
import {
  apiRoot,
  resolveTuning,
  tenantPath,
  type ClientTuning,
  type ServiceTitanConnection,
} from './settings.js';

export interface ClientOptions {
  connection: ServiceTitanConnection;
  tuning?: Partial<ClientTuning>;
  logger?: Logger;
  /** called with every new access token, so the action can mask it */
  onToken?: (token: string) => void;
  /** why this client may not write (the run's mode or event forbids it): every write fails unsent */
  readOnly?: string;
  /** defaults to undici's EnvHttpProxyAgent (honours HTTPS_PROXY / NO_PROXY); tests inject a MockAgent */
  dispatcher?: Dispatcher;
  /** how retries wait; tests record the waits instead of sleeping */
  sleep?: (ms: number) => Promise<void>;
  /** the clock for `fetchedAt` */
  now?: () => Date;
}

export interface FetchSnapshotOptions {
  /** fetch business units (for rules or reports that name them); default true */
  businessUnits?: boolean;
  /**
   * `list` (default) reads the list endpoints: after page 1 the page count is known, so the other
   * pages are fetched in parallel. `export` reads the export feeds, which are sequential by
   * nature (each page needs the previous page's continuation token), so they are slower for a
   * full read; they exist as a cross-check.
   */
  source?: 'list' | 'export';
}

const roleReader = schemaReader(RoleRecord);
/**
 * `GET /user-roles` without `employeeType` answers an undocumented default, which may leave out
 * technician roles; `All` (TenantSettings.V2.RequestedEmployeeTypeArg) asks for every role, so a
 * `set-role: Technician` fix and technicians' role names always resolve.
 */
const ALL_ROLES = { employeeType: 'All' } as const;
const businessUnitReader = schemaReader(BusinessUnitRecord);

export type UserPath = '/employees' | '/technicians';

export function userCollection(kind: UserKind): UserPath {
  return kind === 'employee' ? '/employees' : '/technicians';
}

export class ServiceTitanClient {
  readonly stats: ClientStats = { requests: 0, tokenRequests: 0, retries: 0, pages: 0 };
  readonly connection: ServiceTitanConnection;
  readonly tuning: ClientTuning;
  private readonly logger: Logger;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly http: ServiceTitanHttp;
  private readonly now: () => Date;
  private readonly readOnly: string | null;
  private roleNames: Map<number, string> | null = null;
  private businessUnitNames = new Map<number, string>();

  constructor(options: ClientOptions) {
    this.connection = options.connection;
    this.tuning = resolveTuning(options.tuning);
    this.logger = options.logger ?? silentLogger;
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new EnvHttpProxyAgent();
    this.now = options.now ?? (() => new Date());
    this.readOnly = options.readOnly ?? null;
    const sleep = options.sleep ?? realSleep;
    const tokens = new AccessTokens({
      connection: this.connection,
      tuning: this.tuning,
      dispatcher: this.dispatcher,
      logger: this.logger,
      sleep,
      onToken: options.onToken,
      onRequest: () => this.stats.tokenRequests++,
      onRetry: () => this.stats.retries++,
    });
    this.http = new ServiceTitanHttp({
      connection: this.connection,
      tuning: this.tuning,
      dispatcher: this.dispatcher,
      logger: this.logger,
      tokens,
      limiter: sharedLimiter(apiRoot(this.connection), this.connection.tenant, this.tuning.requestsPerSecond),
      gate: new ConcurrencyGate(this.tuning.concurrency),
      stats: this.stats,
      sleep,
    });
  }

  /** The whole tenant, never partial: any failure throws. */
  async fetchSnapshot(options: FetchSnapshotOptions = {}): Promise<Snapshot> {
    const fetchedAt = this.now().toISOString();
    const source = options.source ?? 'list';
    const withUnits = options.businessUnits ?? true;
    const ctx = this.pagingContext();
    // Each user record is kept as the user it describes the moment its page is read, with its
    // permissions and role lists shared (PermissionSets, SharedLists), so the pages' JSON never
    // piles up; the role and business unit names are filled in once those lists are in.
    const sets = new PermissionSets();
    const lists = new SharedLists();
    /** the users whose permission list held null entries, with how many */
    const nulls = new Map<TenantUser, number>();
    const keep = (kind: UserKind) => (record: UserRecord) => {
      const user = compactUser(kind, record, sets.intern(record.permissions), lists);
      const count = nullEntriesIn(record.permissions);
      if (count > 0) nulls.set(user, count);
      return user;
    };
    const readUsers = (kind: UserKind, what: string) =>
      source === 'export'
        ? readExport(ctx, `/export${userCollection(kind)}`, userRecordReader, what, keep(kind))
        : readList(ctx, userCollection(kind), userRecordReader, what, {}, keep(kind));
    const none: PagedRecords<BusinessUnitRecord> = { records: [], warnings: [] };
    // the independent reads run concurrently; the gate and the limiter bound the pressure
    const reads = Promise.all([
      readUsers('employee', 'employees'),
      readUsers('technician', 'technicians'),
      readList(ctx, '/user-roles', roleReader, 'user roles', ALL_ROLES),
      withUnits ? readList(ctx, '/business-units', businessUnitReader, 'business units') : none,
    ]);
    // one failure fails the snapshot: the other reads stop rather than retry for nothing
    const [employees, technicians, roles, units] = await reads.catch((error: unknown) => {
      ctx.budget.cancel();
      throw error;
    });
    const userRoles = roles.records.map(toUserRole);
    const businessUnits: BusinessUnit[] = units.records.map(toBusinessUnit);
    this.rememberNames(userRoles, businessUnits);
    const users: TenantUser[] = employees.records.concat(technicians.records);
    // the null entries of the users kept (not of a duplicate or of a list read again)
    let nullEntries = 0;
    let listsWithNulls = 0;
    for (const user of users) {
      nameUser(user, this.roleNames!, this.businessUnitNames, lists);
      const count = nulls.get(user);
      if (count !== undefined) {
        nullEntries += count;
        listsWithNulls++;
      }
    }
    this.logger.debug(
      `Read ${users.length} users, ${userRoles.length} roles, ${businessUnits.length} business units in ${this.stats.requests} requests`,
    );
    const skipped = nullEntries
      ? [
          `permissions: skipped ${nullEntries} null entr${nullEntries === 1 ? 'y' : 'ies'} in ` +
            `${listsWithNulls} user${listsWithNulls === 1 ? "'s" : "s'"} permission lists; ` +
            'such an entry names no permission, so the rest of each user was audited as usual',
        ]
      : [];
    return {
      tenant: this.connection.tenant,
      environment: this.connection.environment,
      fetchedAt,
      users,
      roles: userRoles,
      businessUnits,
      warnings: [
        ...employees.warnings,
        ...technicians.warnings,
        ...roles.warnings,
        ...units.warnings,
        ...skipped,
      ],
    };
  }

  /** Every user role, active or not. */
  async listRoles(): Promise<UserRole[]> {
    const roles = await readList(this.pagingContext(), '/user-roles', roleReader, 'user roles', ALL_ROLES);
    const userRoles = roles.records.map(toUserRole);
    this.rememberNames(userRoles, null);
    return userRoles;
  }

  /** One user read back by id (used to verify writes); role names from the roles seen last. */
  async getUser(kind: UserKind, id: number): Promise<TenantUser> {
    const resource = `${userCollection(kind)}/${id}`;
    const body = await this.http.get(resource, {}, new RetryBudget(this.tuning.retryBudgetMs));
    const details = { method: 'GET', path: tenantPath(this.connection, resource) };
    const record = parseRecord(userRecordReader, body, details, `the ${kind}`);
    if (record.id !== id) throw invalidResponseError(details, `asked for ${kind} ${id}, got ${record.id}`);
    if (!this.roleNames) await this.listRoles();
    return toTenantUser(kind, record, this.roleNames!, this.businessUnitNames);
  }

  /** A write to a tenant resource; used by the live writer. */
  async write(method: 'PATCH' | 'POST', resource: string, body: unknown): Promise<void> {
    // A second lock behind the apply gate: a run that may not write cannot, even on a path that
    // forgot to ask the gate.
    if (this.readOnly !== null) throw new Error(`Nothing was sent: ${this.readOnly}`);
    await this.http.write(method, resource, body, new RetryBudget(this.tuning.retryBudgetMs));
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private pagingContext(): PagingContext {
    return {
      http: this.http,
      connection: this.connection,
      budget: new RetryBudget(this.tuning.retryBudgetMs),
      logger: this.logger,
      stats: this.stats,
      pageSize: this.tuning.pageSize,
      allowance: new PagingAllowance(this.tuning.maxPages, this.tuning.maxRecords),
      openPagingMs: this.tuning.openPagingMs,
      now: () => performance.now(),
    };
  }

  private rememberNames(roles: UserRole[], units: BusinessUnit[] | null): void {
    this.roleNames = new Map(roles.map((r) => [r.id, r.name]));
    if (units) this.businessUnitNames = new Map(units.map((u) => [u.id, u.name]));
  }
}
