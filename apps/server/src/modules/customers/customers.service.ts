import type { CreateCustomerBody, Customer, UpdateCustomerBody } from '@stratum/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { AppError, notFound, type FieldIssue } from '../../http/errors.ts';
import { can } from '../../http/permissions.ts';
import { auditService } from '../audit/audit.service.ts';
import { validateCustomFieldValues } from '../custom-fields/custom-field-values.ts';
import { customFieldsRepository } from '../custom-fields/custom-fields.repository.ts';
import { usersRepository } from '../users/users.repository.ts';
import { canEditCustomer, canSeeCustomer } from './customer-scope.ts';
import { customerOrderBy, customerWhere, type CustomerFilterInput } from './customer-filters.ts';
import { customersRepository } from './customers.repository.ts';
import { customerChanged } from '../segmentation/placement.ts';

const ownerIssue = (): AppError =>
  new AppError('VALIDATION_FAILED', {}, [
    { in: 'body', path: 'ownerId', code: 'not_allowed_owner' } satisfies FieldIssue,
  ]);

/**
 * Who `actor` may make the owner: admins anyone active; managers themselves, their team or the pool;
 * reps only themselves.
 */
async function assertAssignable(db: Db, actor: Actor, ownerId: string | null): Promise<void> {
  if (ownerId === null) {
    if (actor.role === 'rep') throw ownerIssue();
    return;
  }
  const user = await usersRepository.byId(db, actor.workspaceId, ownerId);
  if (!user || user.disabledAt) throw ownerIssue();
  if (actor.role === 'admin' || ownerId === actor.userId) return;
  if (actor.role === 'manager' && actor.teamId && user.teamId === actor.teamId) return;
  throw ownerIssue();
}

function rethrowExternalId(err: unknown): never {
  if (isUniqueViolation(err, 'customers_external_id_key')) {
    throw new AppError('VALIDATION_FAILED', {}, [{ in: 'body', path: 'externalId', code: 'duplicate' }]);
  }
  throw err;
}

export const customersService = {
  async list(
    db: Db,
    ctx: RequestContext,
    input: CustomerFilterInput,
    sort: string | undefined,
    page: number,
    pageSize: number,
  ) {
    const where = await customerWhere(db, ctx.actor, input);
    const [items, total] = await Promise.all([
      customersRepository.list(db, {
        where,
        orderBy: customerOrderBy(sort),
        limit: pageSize,
        offset: (page - 1) * pageSize,
      }),
      customersRepository.count(db, where),
    ]);
    return { items, total, page, pageSize };
  },

  async get(db: Db, ctx: RequestContext, id: string, opts: { deleted?: boolean } = {}): Promise<Customer> {
    const bin = opts.deleted ? sql`c.deleted_at IS NOT NULL` : sql`c.deleted_at IS NULL`;
    const customer = await customersRepository.view(
      db,
      ctx.actor.workspaceId,
      id,
      sql`${bin} AND ${canSeeCustomer(ctx.actor)}`,
    );
    if (!customer) throw notFound('customer');
    return customer;
  },

  /**
   * The customer as `actor` may change it, or why not: 404 when it is outside their sight, 403 when they
   * see it (a pool customer, say) but may not edit it.
   */
  async getEditable(db: Db, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<Customer> {
    const customer = await this.get(db, { actor, ip: null }, id, opts);
    const bin = opts.deleted ? sql`c.deleted_at IS NOT NULL` : sql`c.deleted_at IS NULL`;
    const editable = await customersRepository.view(
      db,
      actor.workspaceId,
      id,
      sql`${bin} AND ${canEditCustomer(actor)}`,
    );
    if (!editable) throw new AppError('FORBIDDEN');
    return customer;
  },

  async create(db: Db, ctx: RequestContext, body: CreateCustomerBody): Promise<Customer> {
    const { actor } = ctx;
    // A rep's new customer is the rep's; others may choose (or leave it in the pool).
    const ownerId = body.ownerId === undefined ? actor.userId : body.ownerId;
    await assertAssignable(db, actor, ownerId);
    const defs = await customFieldsRepository.list(db, actor.workspaceId);
    const customFields = validateCustomFieldValues(defs, body.customFields ?? {}, { creating: true });
    try {
      return await db.transaction(async (tx) => {
        const row = await customersRepository.insert(tx, {
          ...body,
          workspaceId: actor.workspaceId,
          ownerId,
          customFields,
          createdBy: actor.userId,
        });
        await customerChanged(tx, actor.workspaceId, row.id);
        if (ownerId)
          await customersRepository.recordOwnerChange(
            tx,
            actor.workspaceId,
            row.id,
            null,
            ownerId,
            actor.userId,
          );
        const after = (await customersRepository.view(tx, actor.workspaceId, row.id, sql`true`))!;
        await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
          action: 'customer.create',
          entityType: 'customer',
          entityId: row.id,
          after,
        });
        return after;
      });
    } catch (err) {
      rethrowExternalId(err);
    }
  },

  async update(db: Db, ctx: RequestContext, id: string, body: UpdateCustomerBody): Promise<Customer> {
    const { actor } = ctx;
    const before = await this.getEditable(db, actor, id);
    const { version, customFields: cf, ...fields } = body;
    const ownerChanges = fields.ownerId !== undefined && fields.ownerId !== before.ownerId;
    if (ownerChanges) {
      if (!can(actor.role, 'customers.transfer')) throw new AppError('FORBIDDEN');
      await assertAssignable(db, actor, fields.ownerId ?? null);
    }
    const changes: Record<string, unknown> = { ...fields };
    if (cf !== undefined) {
      const defs = await customFieldsRepository.list(db, actor.workspaceId);
      changes.customFields = validateCustomFieldValues(defs, cf, {
        creating: false,
        existing: before.customFields,
      });
    }
    try {
      return await db.transaction(async (tx) => {
        const row = await customersRepository.update(tx, actor.workspaceId, id, version, changes);
        if (!row) throw new AppError('VERSION_CONFLICT', {}, { current: before });
        await customerChanged(tx, actor.workspaceId, id);
        if (ownerChanges) {
          await customersRepository.recordOwnerChange(
            tx,
            actor.workspaceId,
            id,
            before.ownerId,
            row.ownerId,
            actor.userId,
          );
        }
        const after = (await customersRepository.view(tx, actor.workspaceId, id, sql`true`))!;
        await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
          action: 'customer.update',
          entityType: 'customer',
          entityId: id,
          before,
          after,
        });
        return after;
      });
    } catch (err) {
      rethrowExternalId(err);
    }
  },

  /** To the recycle bin: the customer and everything attached stay, hidden, until restored. */
  async delete(db: Db, ctx: RequestContext, id: string): Promise<void> {
    const { actor } = ctx;
    const before = await this.getEditable(db, actor, id);
    await db.transaction(async (tx) => {
      await customersRepository.setDeleted(tx, actor.workspaceId, id, actor.userId);
      await customerChanged(tx, actor.workspaceId, id);
      await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
        action: 'customer.delete',
        entityType: 'customer',
        entityId: id,
        before,
      });
    });
  },

  async restore(db: Db, ctx: RequestContext, id: string): Promise<Customer> {
    const { actor } = ctx;
    await this.getEditable(db, actor, id, { deleted: true });
    return db.transaction(async (tx) => {
      await customersRepository.setDeleted(tx, actor.workspaceId, id, null);
      await customerChanged(tx, actor.workspaceId, id);
      const after = (await customersRepository.view(tx, actor.workspaceId, id, sql`true`))!;
      await auditService.record(tx, actor.workspaceId, actor, ctx.ip, {
        action: 'customer.restore',
        entityType: 'customer',
        entityId: id,
        after,
      });
      return after;
    });
  },

  /** Bulk change of owner or delete: each customer is checked on its own; what cannot be done is reported. */
  async bulk(
    db: Db,
    ctx: RequestContext,
    ids: string[],
    action: 'change_owner' | 'delete',
    ownerId?: string | null,
  ) {
    if (action === 'change_owner') {
      if (ownerId === undefined) {
        throw new AppError('VALIDATION_FAILED', {}, [
          { in: 'body', path: 'ownerId', code: 'required' } satisfies FieldIssue,
        ]);
      }
      await assertAssignable(db, ctx.actor, ownerId);
    }
    let affected = 0;
    const skipped: { id: string; code: string }[] = [];
    for (const id of [...new Set(ids)]) {
      try {
        if (action === 'delete') {
          await this.delete(db, ctx, id);
        } else {
          const current = await this.getEditable(db, ctx.actor, id);
          if (current.ownerId === ownerId) continue;
          await this.update(db, ctx, id, { version: current.version, ownerId });
        }
        affected++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        skipped.push({ id, code: err.code });
      }
    }
    return { affected, skipped };
  },
};
