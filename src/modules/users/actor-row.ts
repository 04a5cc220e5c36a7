import type { Actor } from '../../context.js';
import type { UserRow } from './users.repository.js';

/** The user row each actor was made from, as the request that made it read it. */
const ROWS = new WeakMap<Actor, UserRow>();

export const rememberUserRow = (actor: Actor, row: UserRow) => void ROWS.set(actor, row);

/** The user row `actor` was read from in this request (so `/me` need not read it again). */
export const userRowOf = (actor: Actor): UserRow | undefined => ROWS.get(actor);
