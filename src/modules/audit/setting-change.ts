import type { ActorCtx } from '../../context.js';
import { nowIso } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { putSetting } from '../settings/settings.repository.js';
import { audit, byActor } from './audit.service.js';

/**
 * The fields of a settings document whose value differs between `old` and `next`, each as
 * `{ from, to }`: what the audit trail records of a change to a setting that holds no secret.
 */
export function changedFields(old: object, next: object): Record<string, { from: unknown; to: unknown }> {
  const a = old as Record<string, unknown>;
  const b = next as Record<string, unknown>;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) changes[key] = { from: a[key], to: b[key] };
  }
  return changes;
}

/**
 * Saves a setting that holds no secret and records on the audit trail, in the same transaction,
 * which of its fields changed from what to what. Nothing is recorded when nothing changed.
 */
export async function saveSetting<T extends object>(
  ctx: ActorCtx,
  db: Executor,
  s: { key: string; area: string; old: T; next: T },
): Promise<T> {
  await putSetting(db, s.key, s.next, nowIso(ctx));
  await auditSettingChange(ctx, db, s.area, s.old, s.next);
  return s.next;
}

/** Records on the audit trail which fields of a setting without secrets changed, old → new; none, nothing. */
export async function auditSettingChange(
  ctx: ActorCtx,
  db: Executor,
  area: string,
  old: object,
  next: object,
) {
  const changes = changedFields(old, next);
  if (Object.keys(changes).length === 0) return;
  await audit(ctx, db, { ...byActor(ctx), action: 'settings_changed', details: { area, changes } });
}
