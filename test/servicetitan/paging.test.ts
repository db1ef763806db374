import { describe, expect, it } from 'vitest';
import { employee, technician, TENANT } from './mock-servicetitan.js';
import { rejection, setup } from './unit-setup.js';

const many = (n: number, make = employee, from = 1) => Array.from({ length: n }, (_, i) => make(from + i));
const pagesOf = (requests: { path: string; query: URLSearchParams }[], suffix: string) =>
  requests.filter((r) => r.path.endsWith(suffix)).map((r) => Number(r.query.get('page')));

describe('paging list endpoints', () => {
  it('asks for every user, the largest page and the total', async () => {
    const { client, requests } = setup();
    await client.fetchSnapshot();
    for (const r of requests) {
      expect(r.query.get('active')).toBe('Any');
      expect(r.query.get('pageSize')).toBe('5000');
      expect(r.query.get('includeTotal')).toBe('true');
      expect(r.query.get('page')).toBe('1');
    }
  });

  it('counts the page size actually granted, not the size echoed back, and reads every page once', async () => {
    // the server grants 40 per page while echoing pageSize=5000
    const { client, requests } = setup({ employees: many(203), grantedPageSize: 40 });
    const snapshot = await client.fetchSnapshot();
    expect(snapshot.users.filter((u) => u.kind === 'employee')).toHaveLength(203);
    expect(pagesOf(requests, '/employees').sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(snapshot.warnings).toEqual([]);
  });

  it('follows hasMore beyond the pages the reported total predicts', async () => {
    const { client, requests } = setup({
      employees: many(100),
      grantedPageSize: 25,
      reportedTotal: (resource, real) => (resource === 'employees' ? real - 30 : real),
    });
    const snapshot = await client.fetchSnapshot();
    expect(snapshot.users.filter((u) => u.kind === 'employee')).toHaveLength(100);
    expect(pagesOf(requests, '/employees').sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
  });

  it('follows hasMore page by page when no total is reported', async () => {
    const { client, requests } = setup({
      technicians: many(7, technician),
      grantedPageSize: 3,
      reportedTotal: () => null,
    });
    const snapshot = await client.fetchSnapshot();
    expect(snapshot.users.filter((u) => u.kind === 'technician')).toHaveLength(7);
    expect(pagesOf(requests, '/technicians')).toEqual([1, 2, 3]);
  });

  it('stops with servicetitan.paging-loop when hasMore never ends', async () => {
    const { client } = setup({
      employees: many(10),
      grantedPageSize: 5,
      respond: (r) =>
        r.path.endsWith('/employees')
          ? {
              statusCode: 200,
              data: {
                page: 1,
                pageSize: 5000,
                hasMore: true,
                totalCount: 10,
                data: many(5, employee, Number(r.query.get('page')) * 5),
              },
            }
          : undefined,
    });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.paging-loop');
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain(`GET /settings/v2/tenant/${TENANT}/employees`);
  });

  it('asks again for an empty page that says hasMore, and gives up when it stays empty', async () => {
    let empties = 1;
    const flaky = setup({
      employees: many(6),
      grantedPageSize: 3,
      respond: (r) =>
        r.path.endsWith('/employees') && r.query.get('page') === '2' && empties-- > 0
          ? { statusCode: 200, data: { page: 2, pageSize: 5000, hasMore: true, totalCount: 6, data: [] } }
          : undefined,
    });
    const snapshot = await flaky.client.fetchSnapshot();
    expect(snapshot.users.filter((u) => u.kind === 'employee')).toHaveLength(6);

    const broken = setup({
      employees: many(6),
      grantedPageSize: 3,
      respond: (r) =>
        r.path.endsWith('/employees') && r.query.get('page') === '2'
          ? { statusCode: 200, data: { page: 2, pageSize: 5000, hasMore: true, totalCount: 6, data: [] } }
          : undefined,
    });
    expect((await rejection(broken.client.fetchSnapshot())).code).toBe('servicetitan.paging-loop');
  });

  it('keeps one record per id across pages and says so in the warnings', async () => {
    // records 2 and 3 show up again on page 3 (the list shifted while it was read)
    const { client } = setup({
      employees: [...many(4), employee(2), employee(3)],
      grantedPageSize: 2,
      reportedTotal: (resource, real) => (resource === 'employees' ? 4 : real),
    });
    const snapshot = await client.fetchSnapshot();
    expect(snapshot.users.filter((u) => u.kind === 'employee').map((u) => u.id)).toEqual([1, 2, 3, 4]);
    expect(snapshot.warnings).toEqual([
      'employees: 2 duplicate records (same id on more than one page) ignored',
    ]);
  });

  it('reads the list again when fewer records arrive than reported, and fails when it stays short', async () => {
    let shifted = true;
    const recovering = setup({
      employees: many(9),
      grantedPageSize: 3,
      respond: (r) => {
        if (!r.path.endsWith('/employees') || r.query.get('page') !== '2' || !shifted) return undefined;
        shifted = false; // page 2 answers page 3's records once: records 4-6 are missed
        return {
          statusCode: 200,
          data: { page: 2, pageSize: 5000, hasMore: true, totalCount: 9, data: many(3, employee, 7) },
        };
      },
    });
    const snapshot = await recovering.client.fetchSnapshot();
    expect(snapshot.users.filter((u) => u.kind === 'employee').map((u) => u.id)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);

    const short = setup({
      employees: many(9),
      grantedPageSize: 3,
      reportedTotal: (resource, real) => (resource === 'employees' ? real + 1 : real),
    });
    const error = await rejection(short.client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.paging-incomplete');
    expect(error.message).toContain('reported 10 records but only 9 could be read');
  });

  it('never returns a partial snapshot: one failed page fails the fetch', async () => {
    const { client } = setup({
      employees: many(9),
      grantedPageSize: 3,
      respond: (r) =>
        r.path.endsWith('/employees') && r.query.get('page') === '3'
          ? {
              statusCode: 400,
              data: { type: 'x', title: 'Bad page', status: 400, traceId: 't', errors: {}, data: {} },
            }
          : undefined,
    });
    expect((await rejection(client.fetchSnapshot())).code).toBe('servicetitan.request-rejected');
  });
});

describe('paging that does not end: bounded by max-pages, max-records and time', () => {
  const employeesOnly = (reply: (page: number) => object) => (r: { path: string; query: URLSearchParams }) =>
    r.path.endsWith('/employees') ? { statusCode: 200, data: reply(Number(r.query.get('page'))) } : undefined;
  const employeeReads = (requests: { path: string }[]) =>
    requests.filter((r) => r.path.endsWith('/employees')).length;

  it('refuses a total of a billion at one record a page after page 1, asking for no other page', async () => {
    const { client, requests } = setup({
      respond: employeesOnly((page) => ({
        page,
        pageSize: 5000,
        hasMore: true,
        totalCount: 1_000_000_000,
        data: [employee(page)],
      })),
    });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.paging-limit');
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain(
      `GET /settings/v2/tenant/${TENANT}/employees reported 1000000000 records, more than the 250000`,
    );
    expect(String(error.hint)).toContain('max-records');
    expect(employeeReads(requests)).toBe(1);
  });

  it('refuses a total that would take more pages than max-pages, before asking for them', async () => {
    const { client, requests } = setup({ employees: many(90), grantedPageSize: 3 }, { maxPages: 20 });
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.paging-limit');
    expect(error.message).toContain('reported 90 records at 3 per page: 30 pages, more than the 20');
    expect(String(error.hint)).toContain('max-pages');
    expect(employeeReads(requests)).toBe(1);
  });

  it('stops at max-pages when hasMore never ends, every page brings new ids and there is no total', async () => {
    const { client, requests } = setup(
      {
        respond: employeesOnly((page) => ({
          page,
          pageSize: 5000,
          hasMore: true,
          totalCount: null,
          data: many(2, employee, page * 2),
        })),
      },
      { maxPages: 40 },
    );
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.paging-limit');
    expect(error.message).toContain('when the run had read 40 pages, the most it reads (max-pages)');
    expect(requests.length).toBeLessThanOrEqual(40);
    expect(employeeReads(requests)).toBeGreaterThan(30);
  });

  it('counts the pages of every list together', async () => {
    // employees and technicians take 3 pages each, roles and business units 1 each: 8 in all
    const tenant = { employees: many(9), technicians: many(9, technician, 100), grantedPageSize: 3 };
    expect((await setup(tenant, { maxPages: 8 }).client.fetchSnapshot()).users).toHaveLength(18);
    const error = await rejection(setup(tenant, { maxPages: 7 }).client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.paging-limit');
  });

  it('stops at max-records, whether a total announces them or pages simply bring them', async () => {
    const announced = await rejection(
      setup({ employees: many(30), grantedPageSize: 10 }, { maxRecords: 20 }).client.fetchSnapshot(),
    );
    expect(announced.code).toBe('servicetitan.paging-limit');
    expect(announced.message).toContain('reported 30 records, more than the 20');

    // page 1 brings one record, under a small total; the next pages bring thousands each
    const { client } = setup(
      {
        respond: employeesOnly((page) => ({
          page,
          pageSize: 5000,
          hasMore: true,
          totalCount: page === 1 ? 3 : null,
          data: page === 1 ? [employee(1)] : many(2000, employee, page * 10_000),
        })),
      },
      { maxRecords: 3000 },
    );
    const sent = await rejection(client.fetchSnapshot());
    expect(sent.code).toBe('servicetitan.paging-limit');
    expect(sent.message).toContain('sent more records than the 3000 the run reads at most (max-records)');
  });

  it('gives up on a list without a total that keeps paging slowly, after openPagingMs', async () => {
    const { client, requests } = setup(
      {
        respond: employeesOnly((page) => ({
          page,
          pageSize: 5000,
          hasMore: true,
          data: [employee(page)],
        })),
        delays: Array.from({ length: 20 }, () => ({ path: /\/employees\?/, delayMs: 25 })),
      },
      { openPagingMs: 100 },
    );
    const error = await rejection(client.fetchSnapshot());
    expect(error.code).toBe('servicetitan.paging-limit');
    expect(error.message).toMatch(/still said hasMore after \d+ pages and \d+ s, with no total to go by/);
    expect(employeeReads(requests)).toBeLessThan(15);
  });

  it('bounds an export feed that never ends the same way', async () => {
    const { client, requests } = setup(
      {
        respond: (r) => {
          if (!r.path.endsWith('/export/employees')) return undefined;
          const at = Number(r.query.get('from') ?? 0);
          return {
            statusCode: 200,
            data: { hasMore: true, continueFrom: String(at + 5), data: many(5, employee, at + 1) },
          };
        },
      },
      { maxPages: 25 },
    );
    const error = await rejection(client.fetchSnapshot({ source: 'export' }));
    expect(error.code).toBe('servicetitan.paging-limit');
    expect(requests.filter((r) => r.path.endsWith('/export/employees')).length).toBeLessThanOrEqual(25);
  });
});

describe('paging export feeds', () => {
  it('follows continueFrom from the start, without recent changes, and reads the same users as the lists', async () => {
    const tenant = { employees: many(8), technicians: many(4, technician, 50), exportPageSize: 3 };
    const exported = setup(tenant);
    const viaExport = await exported.client.fetchSnapshot({ source: 'export' });
    const exportCalls = exported.requests.filter((r) => r.path.includes('/export/employees'));
    expect(exportCalls.map((r) => r.query.get('from'))).toEqual([null, 't3', 't6']);
    for (const r of exportCalls) expect(r.query.get('includeRecentChanges')).toBe('false');
    const viaList = await setup(tenant).client.fetchSnapshot({ source: 'list' });
    expect(viaExport.users).toEqual(viaList.users);
  });

  it('stops with servicetitan.paging-loop when a continuation token comes back again', async () => {
    const { client } = setup({
      respond: (r) =>
        r.path.endsWith('/export/employees')
          ? { statusCode: 200, data: { hasMore: true, continueFrom: 'same', data: [employee(1)] } }
          : undefined,
    });
    const error = await rejection(client.fetchSnapshot({ source: 'export' }));
    expect(error.code).toBe('servicetitan.paging-loop');
    expect(error.message).toContain('/export/employees');
  });

  it('keeps the later copy of a record exported twice', async () => {
    let call = 0;
    const { client } = setup({
      respond: (r) => {
        if (!r.path.endsWith('/export/technicians')) return undefined;
        call++;
        return call === 1
          ? {
              statusCode: 200,
              data: { hasMore: true, continueFrom: 'a', data: [technician(3, { name: 'Old' })] },
            }
          : {
              statusCode: 200,
              data: { hasMore: false, continueFrom: 'b', data: [technician(3, { name: 'New' })] },
            };
      },
    });
    const snapshot = await client.fetchSnapshot({ source: 'export' });
    expect(snapshot.users.filter((u) => u.kind === 'technician').map((u) => u.name)).toEqual(['New']);
    expect(snapshot.warnings).toHaveLength(1);
  });
});
