import type { Selectable } from 'kysely';
import type { Priority } from '../../../common/api.js';
import {
  DEFAULT_PAUSE_ON,
  type SlaConditions,
  type SlaPauseOn,
  type SlaPolicy,
  type SlaTarget,
  type SlaWarning,
} from '../../../common/sla.js';
import type { SlaPolicyTable } from '../../db/schema.js';

export type SlaPolicyRow = Selectable<SlaPolicyTable>;

/** A policy row as the API and the clocks read it. */
export function policyOf(row: SlaPolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    enabled: row.enabled === 1,
    conditions: JSON.parse(row.conditions) as SlaConditions,
    calendarId: row.calendar_id,
    targets: JSON.parse(row.targets) as SlaTarget[],
    pauseOn: { ...DEFAULT_PAUSE_ON, ...(JSON.parse(row.pause_on) as Partial<SlaPauseOn>) },
    warning: row.warning ? (JSON.parse(row.warning) as SlaWarning) : null,
    notifyOutsideHours: row.notify_outside_hours === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What a policy's conditions look at on a ticket. */
export type PolicySubject = {
  priority: Priority;
  departmentId: string;
  type: string | null;
  organisationId: string | null;
  serviceId: string | null;
  channel: string;
  tags: readonly string[];
};

const within = <T>(list: readonly T[] | undefined, value: T | null) =>
  list === undefined || list.length === 0 || (value !== null && list.includes(value));

/** Whether every condition of the policy holds for the ticket (a condition left out always holds). */
export function policyMatches(c: SlaConditions, t: PolicySubject): boolean {
  return (
    within(c.priorities, t.priority) &&
    within(c.departmentIds, t.departmentId) &&
    within(c.types, t.type) &&
    within(c.organisationIds, t.organisationId) &&
    within(c.serviceIds, t.serviceId) &&
    within(c.channels, t.channel) &&
    (!c.tags?.length || t.tags.some((tag) => c.tags?.includes(tag)))
  );
}

/** The first enabled policy, in order, that matches the ticket. */
export const firstMatch = (policies: readonly SlaPolicy[], t: PolicySubject): SlaPolicy | undefined =>
  policies.find((p) => p.enabled && policyMatches(p.conditions, t));
