import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../http/actor.ts';

/**
 * Data scope over customers, as SQL on the alias `c` (customers). Child records (contacts, orders, …)
 * are scoped through their customer, so one rule guards every read, list, count, export and write.
 *  - admin: the whole workspace
 *  - manager: customers owned by their team (or themselves) and the public pool
 *  - rep: their own customers and the public pool (read); their own customers (write)
 */
function teamOwned(actor: Actor): SQL {
  if (!actor.teamId) return sql`c.owner_id = ${actor.userId}`;
  return sql`(c.owner_id = ${actor.userId} OR c.owner_id IN (
    SELECT tu.id FROM users tu WHERE tu.workspace_id = c.workspace_id AND tu.team_id = ${actor.teamId}))`;
}

export function canSeeCustomer(actor: Actor): SQL {
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'manager':
      return sql`(c.owner_id IS NULL OR ${teamOwned(actor)})`;
    default:
      return sql`(c.owner_id IS NULL OR c.owner_id = ${actor.userId})`;
  }
}

export function canEditCustomer(actor: Actor): SQL {
  switch (actor.role) {
    case 'admin':
      return sql`true`;
    case 'manager':
      return sql`(c.owner_id IS NULL OR ${teamOwned(actor)})`;
    default:
      return sql`c.owner_id = ${actor.userId}`;
  }
}
