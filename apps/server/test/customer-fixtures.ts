import type { Customer } from '@stratum/contracts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOrg, PASSWORD, type Org } from './fixtures.ts';
import { call, login, type Session, type TestContext } from './harness.ts';

export const CUSTOMERS = '/api/v1/customers';
export const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

export type Who = 'admin' | 'managerA' | 'repA' | 'repA2' | 'managerB' | 'repB' | 'loneRep';

/** The organisation of fixtures.ts and a sign-in per person, made on first use (once per test). */
export interface World {
  org: Org;
  as(who: Who): Promise<Session>;
}

export async function createWorld(t: TestContext): Promise<World> {
  const org = await createOrg(t.db);
  const sessions = new Map<Who, Promise<Session>>();
  return {
    org,
    as(who) {
      let s = sessions.get(who);
      if (!s) {
        s = login(t.app, org[who].email, PASSWORD);
        sessions.set(who, s);
      }
      return s;
    },
  };
}

/** `const w = useWorld(t)`: a fresh organisation before each test (after the harness reset the data). */
export function useWorld(t: TestContext): World {
  const holder = {} as { world: World };
  beforeEach(async () => {
    holder.world = await createWorld(t);
  });
  return {
    get org() {
      return holder.world.org;
    },
    as: (who) => holder.world.as(who),
  };
}

export function expectError(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().error.code, res.body).toBe(code);
}

export interface Issue {
  in: string;
  path: string;
  code: string;
  message: string;
}

/** 400 VALIDATION_FAILED naming `path` (and `code` when given) among its details. */
export function expectIssue(res: LightMyRequestResponse, path: string, code?: string) {
  expect(res.statusCode, res.body).toBe(400);
  const error = res.json().error as { code: string; details: Issue[] };
  expect(error.code, res.body).toBe('VALIDATION_FAILED');
  expect(error.details, res.body).toEqual(
    expect.arrayContaining([expect.objectContaining(code ? { path, code } : { path })]),
  );
}

export async function createCustomer(
  app: FastifyInstance,
  session: Session,
  overrides: Record<string, unknown> = {},
): Promise<Customer> {
  const res = await call(app, session, 'POST', CUSTOMERS, { name: '杭州恒瑞机械有限公司', ...overrides });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function getCustomer(app: FastifyInstance, session: Session, id: string): Promise<Customer> {
  const res = await call(app, session, 'GET', `${CUSTOMERS}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** POST /api/v1/<path> (a customer's record), expecting 201. */
export async function createRecord<T = Record<string, unknown> & { id: string; version: number }>(
  app: FastifyInstance,
  session: Session,
  path: string,
  body: Record<string, unknown>,
): Promise<T> {
  const res = await call(app, session, 'POST', `/api/v1/${path}`, body);
  expect(res.statusCode, `${path}: ${res.body}`).toBe(201);
  return res.json();
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export async function list<T = { id: string }>(
  app: FastifyInstance,
  session: Session,
  url: string,
): Promise<Page<T>> {
  const res = await call(app, session, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export interface AuditItem {
  action: string;
  actorId: string | null;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The audit entries of one record, newest first (read as an admin). */
export async function auditOf(
  app: FastifyInstance,
  admin: Session,
  entityType: string,
  entityId: string,
): Promise<AuditItem[]> {
  const res = await call(
    app,
    admin,
    'GET',
    `/api/v1/audit-log?entityType=${entityType}&entityId=${entityId}&pageSize=100`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

export const ids = (items: readonly { id: string }[]) => items.map((i) => i.id).sort();

/** Local ISO instant `days` days before now (negative: in the future). */
export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * The behaviour every customer-owned record shares (child-resource.ts): CRUD with audit, strict bodies,
 * scope through the customer (no IDOR), optimistic concurrency and the recycle bin. Each resource's test
 * file calls it and adds what is particular to the resource.
 */
export interface ChildCase {
  /** URL segment, e.g. `contacts`. */
  path: string;
  /** Audit entity type, e.g. `contact`. */
  entity: string;
  /** A valid create body without customerId; may create what it references on that customer. */
  valid(w: World, customerId: string): Promise<Record<string, unknown>>;
  /** A valid change, and what the record then looks like (partially). */
  patch: Record<string, unknown>;
  /** Bodies (merged over a valid one) that must be refused, with the path the error names. */
  invalid: [Record<string, unknown>, string][];
}

export function describeChildResource(t: TestContext, w: World, c: ChildCase) {
  const base = `/api/v1/${c.path}`;
  const setup = async () => {
    const repA = await w.as('repA');
    const customer = await createCustomer(t.app, repA, { name: `${c.entity}-客户` });
    const body = { customerId: customer.id, ...(await c.valid(w, customer.id)) };
    return { repA, customer, body };
  };

  describe(`${c.path}: shared record behaviour`, () => {
    it('creates, lists, gets, updates and deletes, each change audited with before/after', async () => {
      const { repA, customer, body } = await setup();
      const created = await createRecord(t.app, repA, c.path, body);
      expect(created).toMatchObject({ customerId: customer.id, customerName: customer.name, version: 1 });

      expect((await call(t.app, repA, 'GET', `${base}/${created.id}`)).json()).toEqual(created);
      expect(ids((await list(t.app, repA, `${base}?customerId=${customer.id}`)).items)).toContain(created.id);
      const nested = await list(t.app, repA, `${CUSTOMERS}/${customer.id}/${c.path}`);
      expect(ids(nested.items)).toContain(created.id);

      const res = await call(t.app, repA, 'PATCH', `${base}/${created.id}`, { version: 1, ...c.patch });
      expect(res.statusCode, res.body).toBe(200);
      const updated = res.json();
      expect(updated).toMatchObject({ id: created.id, version: 2 });
      for (const [k, v] of Object.entries(c.patch)) expect(updated[k], k).toEqual(v);

      const del = await call(t.app, repA, 'DELETE', `${base}/${created.id}`);
      expect(del.statusCode, del.body).toBe(204);
      expectError(await call(t.app, repA, 'GET', `${base}/${created.id}`), 404, 'NOT_FOUND');
      expect(ids((await list(t.app, repA, `${base}?customerId=${customer.id}`)).items)).not.toContain(
        created.id,
      );

      const audit = await auditOf(t.app, await w.as('admin'), c.entity, created.id);
      expect(audit.map((a) => a.action).sort()).toEqual(
        [`${c.entity}.create`, `${c.entity}.delete`, `${c.entity}.update`].sort(),
      );
      const byAction = Object.fromEntries(audit.map((a) => [a.action.split('.')[1], a]));
      expect(byAction.create).toMatchObject({
        actorId: w.org.repA.id,
        before: null,
        after: { id: created.id },
      });
      expect(byAction.update!.before).toMatchObject({ version: 1 });
      expect(byAction.update!.after).toMatchObject({ version: 2 });
      expect(byAction.delete).toMatchObject({ before: { id: created.id, version: 2 }, after: null });
    });

    it('refuses missing, invalid and unknown fields, storing nothing', async () => {
      const { repA, customer, body } = await setup();
      for (const [bad, path] of c.invalid) {
        const res = await call(t.app, repA, 'POST', base, { ...body, ...bad });
        expectIssue(res, path);
      }
      for (const extra of [
        { workspaceId: NO_SUCH_ID },
        { id: NO_SUCH_ID },
        { version: 3 },
        { createdAt: '2020-01-01T00:00:00Z' },
      ]) {
        const res = await call(t.app, repA, 'POST', base, { ...body, ...extra });
        expectIssue(res, Object.keys(extra)[0]!, 'unrecognized_keys');
      }
      const { customerId: _, ...noCustomer } = body;
      expectIssue(await call(t.app, repA, 'POST', base, noCustomer), 'customerId');
      expect((await list(t.app, repA, `${base}?customerId=${customer.id}`)).total).toBe(0);

      const created = await createRecord(t.app, repA, c.path, body);
      const url = `${base}/${created.id}`;
      expectIssue(await call(t.app, repA, 'PATCH', url, c.patch), 'version');
      expectIssue(
        await call(t.app, repA, 'PATCH', url, { version: 1, customerId: NO_SUCH_ID }),
        'customerId',
      );
      for (const [bad, path] of c.invalid) {
        // A PATCH may leave a field out, but not set it to something invalid.
        const values = Object.fromEntries(Object.entries(bad).filter(([, v]) => v !== undefined));
        if (Object.keys(values).length === 0) continue;
        expectIssue(await call(t.app, repA, 'PATCH', url, { version: 1, ...values }), path);
      }
      expect((await call(t.app, repA, 'GET', url)).json()).toMatchObject({ version: 1 });
    });

    it('another team’s rep can neither see nor touch it (404), nor add one to the customer', async () => {
      const { repA, customer, body } = await setup();
      const created = await createRecord(t.app, repA, c.path, body);
      const url = `${base}/${created.id}`;
      for (const who of ['repB', 'managerB', 'repA2', 'loneRep'] as const) {
        const s = await w.as(who);
        expectError(await call(t.app, s, 'GET', url), 404, 'NOT_FOUND');
        expectError(await call(t.app, s, 'PATCH', url, { version: 1, ...c.patch }), 404, 'NOT_FOUND');
        expectError(await call(t.app, s, 'DELETE', url), 404, 'NOT_FOUND');
        expectError(await call(t.app, s, 'POST', base, body), 404, 'NOT_FOUND');
        expect((await list(t.app, s, base)).total, who).toBe(0);
        expect((await list(t.app, s, `${base}?customerId=${customer.id}`)).total, who).toBe(0);
        expectError(await call(t.app, s, 'GET', `${CUSTOMERS}/${customer.id}/${c.path}`), 404, 'NOT_FOUND');
      }
      // The record is untouched, and repA's manager and the admin do see it.
      expect((await call(t.app, repA, 'GET', url)).json()).toEqual(created);
      for (const who of ['managerA', 'admin'] as const) {
        const s = await w.as(who);
        expect((await call(t.app, s, 'GET', url)).statusCode, who).toBe(200);
        expect(ids((await list(t.app, s, base)).items), who).toEqual([created.id]);
      }
      expect((await list(t.app, repA, `${base}?customerId=${customer.id}`)).total).toBe(1);
    });

    it('a rep reads but cannot write the records of a public-pool customer (403)', async () => {
      const manager = await w.as('managerA');
      const pool = await createCustomer(t.app, manager, { name: '公海客户', ownerId: null });
      const body = { customerId: pool.id, ...(await c.valid(w, pool.id)) };
      const created = await createRecord(t.app, manager, c.path, body);
      const repB = await w.as('repB');
      expect((await call(t.app, repB, 'GET', `${base}/${created.id}`)).statusCode).toBe(200);
      expect(ids((await list(t.app, repB, base)).items)).toEqual([created.id]);
      expectError(
        await call(t.app, repB, 'PATCH', `${base}/${created.id}`, { version: 1, ...c.patch }),
        403,
        'FORBIDDEN',
      );
      expectError(await call(t.app, repB, 'DELETE', `${base}/${created.id}`), 403, 'FORBIDDEN');
      expectError(await call(t.app, repB, 'POST', base, body), 403, 'FORBIDDEN');
      expect((await list(t.app, manager, `${base}?customerId=${pool.id}`)).total).toBe(1);
    });

    it('a stale version is refused with 409 and the current record; of two racing writes one wins', async () => {
      const { repA, body } = await setup();
      const created = await createRecord(t.app, repA, c.path, body);
      const url = `${base}/${created.id}`;
      const first = await call(t.app, repA, 'PATCH', url, { version: 1, ...c.patch });
      expect(first.statusCode, first.body).toBe(200);
      const stale = await call(t.app, repA, 'PATCH', url, { version: 1, ...c.patch });
      expectError(stale, 409, 'VERSION_CONFLICT');
      expect(stale.json().error.details.current).toMatchObject({ id: created.id, version: 2 });

      const racing = await Promise.all([
        call(t.app, repA, 'PATCH', url, { version: 2, ...c.patch }),
        call(t.app, repA, 'PATCH', url, { version: 2, ...c.patch }),
      ]);
      expect(racing.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect((await call(t.app, repA, 'GET', url)).json().version).toBe(3);
    });

    it('is unreachable while its customer is in the recycle bin, and back after restore', async () => {
      const { repA, customer, body } = await setup();
      const created = await createRecord(t.app, repA, c.path, body);
      const url = `${base}/${created.id}`;
      const manager = await w.as('managerA');
      expect((await call(t.app, manager, 'DELETE', `${CUSTOMERS}/${customer.id}`)).statusCode).toBe(204);
      for (const s of [repA, manager, await w.as('admin')]) {
        expectError(await call(t.app, s, 'GET', url), 404, 'NOT_FOUND');
        expectError(await call(t.app, s, 'PATCH', url, { version: 1, ...c.patch }), 404, 'NOT_FOUND');
        expectError(await call(t.app, s, 'DELETE', url), 404, 'NOT_FOUND');
        expect((await list(t.app, s, base)).total).toBe(0);
      }
      expectError(await call(t.app, repA, 'POST', base, body), 404, 'NOT_FOUND');
      const restored = await call(t.app, manager, 'POST', `${CUSTOMERS}/${customer.id}/restore`);
      expect(restored.statusCode, restored.body).toBe(200);
      expect((await call(t.app, repA, 'GET', url)).json()).toEqual(created);
    });
  });
}
