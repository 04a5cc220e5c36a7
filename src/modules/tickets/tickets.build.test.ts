import { describe, expect, it } from 'vitest';
import type { CreateTicketInput, UpdateTicketInput } from '../../../common/api.js';
import type { Actor } from '../../context.js';
import { presetDocument } from '../../workflow/presets/index.js';
import type { Cause } from '../ticket-data/status.js';
import type { TicketRow } from '../ticket-data/tickets.repository.js';
import {
  buildNewTicket,
  buildTicketEdit,
  editTouchesIntake,
  type NewTicketFacts,
  statusEdit,
  type TicketEditFacts,
} from './tickets.build.js';

const NOW = '2026-03-02T10:00:00.000Z';
const EARLIER = '2026-03-01T09:00:00.000Z';
const wf = presetDocument('classic');

const agent: Actor = {
  id: 'u-agent',
  email: 'agent@example.test',
  name: 'Agent',
  role: 'agent',
  organisationId: null,
  departmentIds: ['d-1'],
};
const customer: Actor = {
  ...agent,
  id: 'u-cust',
  role: 'customer',
  organisationId: 'o-1',
  departmentIds: [],
};
const cause: Cause = { kind: 'user', actor: agent };

const createInput: CreateTicketInput = {
  subject: 'Printer on fire',
  description: 'Smoke everywhere',
  departmentId: 'd-1',
  priority: 'normal',
} as CreateTicketInput;

function newTicket(over: Partial<NewTicketFacts> = {}) {
  return buildNewTicket({
    input: createInput,
    channel: 'portal',
    actor: customer,
    requester: null,
    quota: null,
    fields: {},
    urgent: false,
    wf,
    number: 42,
    now: NOW,
    inboundId: null,
    ...over,
  });
}

describe('buildNewTicket', () => {
  it('opens the ticket in the initial status, for the customer who files it', () => {
    const { row, message, change } = newTicket();
    expect(row).toMatchObject({
      number: 42,
      subject: 'Printer on fire',
      department_id: 'd-1',
      priority: 2,
      status: 'open',
      status_category: 'open',
      requester_id: 'u-cust',
      organisation_id: 'o-1',
      service_id: null,
      subscription_id: null,
      urgent: 0,
      fields: '{}',
      created_at: NOW,
      next_timer_at: null,
    });
    expect(message).toMatchObject({
      ticket_id: row.id,
      author_id: 'u-cust',
      body: 'Smoke everywhere',
      internal: 0,
      channel: 'portal',
      inbound_id: null,
    });
    expect(message.id).not.toBe(row.id);
    expect(change.notices).toEqual(['ticket.created']);
    expect(change.noticeKey).toBe('created');
    expect(change.events).toHaveLength(1);
    expect(change.events[0]).toMatchObject({
      type: 'created',
      field: 'status',
      to_value: 'open',
      actor_id: 'u-cust',
    });
  });

  it('files for the requester, in their organisation, when staff file on their behalf', () => {
    const { row, message, change } = newTicket({
      actor: agent,
      requester: { id: 'u-other', organisation_id: null },
      inboundId: 'in-1',
      channel: 'email',
    });
    expect(row).toMatchObject({ requester_id: 'u-other', organisation_id: null, channel: 'email' });
    expect(message).toMatchObject({ author_id: 'u-other', inbound_id: 'in-1' });
    expect(change.actorId).toBe('u-agent');
  });

  it('counts against the claimed subscription and its service', () => {
    const { row } = newTicket({
      input: { ...createInput, serviceId: 's-asked' },
      quota: { serviceId: 's-claimed', subscriptionId: 'sub-1' },
    });
    expect(row).toMatchObject({ service_id: 's-claimed', subscription_id: 'sub-1' });
    expect(newTicket({ input: { ...createInput, serviceId: 's-asked' } }).row.service_id).toBe('s-asked');
  });

  it('flags an urgent ticket and sends the urgent notice too', () => {
    const { row, change } = newTicket({ urgent: true });
    expect(row.urgent).toBe(1);
    expect(change.notices).toEqual(['ticket.created', 'ticket.urgent']);
  });

  it('keeps the checked fields and schedules the first timer of the initial status', () => {
    const timed = presetDocument('classic');
    timed.timers = [{ status: 'open', after: 'P1D', since: 'entered', action: 'transition', to: 'closed' }];
    const { row } = newTicket({ wf: timed, fields: { model: 'X1' } });
    expect(row.fields).toBe('{"model":"X1"}');
    expect(row.next_timer_at).toBe('2026-03-03T10:00:00.000Z');
  });
});

const ticket: TicketRow = {
  ...newTicket().row,
  status: 'in_progress',
  assignee_id: null,
  type: null,
  fields: '{"model":"X1"}',
  created_at: EARLIER,
  updated_at: EARLIER,
  status_changed_at: EARLIER,
  last_activity_at: EARLIER,
};

function edit(input: UpdateTicketInput, over: Partial<TicketEditFacts> = {}) {
  return buildTicketEdit({
    row: ticket,
    input,
    actorId: agent.id,
    cause,
    now: NOW,
    move: statusEdit(wf, ticket, input.status, cause, NOW),
    ...over,
  });
}

describe('statusEdit', () => {
  it('asks for no move when the status is not given or unchanged', () => {
    expect(statusEdit(wf, ticket, undefined, cause, NOW)).toBeNull();
    expect(statusEdit(wf, ticket, 'in_progress', cause, NOW)).toBeNull();
  });

  it('refuses a status the workflow sets by itself, or one it does not have', () => {
    expect(() => statusEdit(wf, ticket, 'answered', cause, NOW)).toThrow(/set by the workflow/);
    expect(() => statusEdit(wf, ticket, 'nope', cause, NOW)).toThrow(/no status "nope"/);
  });

  it('moves to a manual status with its timestamps', () => {
    const move = statusEdit(wf, ticket, 'closed', cause, NOW);
    expect(move?.patch).toMatchObject({ status: 'closed', status_category: 'closed', closed_at: NOW });
    expect(move?.events[0]).toMatchObject({ field: 'status', from_value: 'in_progress', to_value: 'closed' });
  });
});

describe('buildTicketEdit', () => {
  it('changes nothing when every value given is the one the ticket has', () => {
    expect(
      edit({ priority: 'normal', subject: ticket.subject, departmentId: 'd-1', assigneeId: null }),
    ).toBeNull();
    expect(edit({ type: null }, { fields: ticket.fields })).toBeNull();
  });

  it('writes each changed property as an event, after the status move, in a fixed order', () => {
    const change = edit(
      { status: 'on_hold', subject: 'Printer fine', priority: 'high', departmentId: 'd-2', type: 'hw' },
      { fields: '{}' },
    );
    expect(change?.events.map((e) => [e.field, e.from_value, e.to_value])).toEqual([
      ['status', 'in_progress', 'on_hold'],
      ['priority', 'normal', 'high'],
      ['department', 'd-1', 'd-2'],
      ['subject', 'Printer on fire', 'Printer fine'],
      ['type', null, 'hw'],
      ['fields', '{"model":"X1"}', '{}'],
    ]);
    expect(change?.patch).toMatchObject({
      status: 'on_hold',
      priority: 3,
      department_id: 'd-2',
      subject: 'Printer fine',
      type: 'hw',
      fields: '{}',
      updated_at: NOW,
    });
    expect(change?.noticeKey).toBe(`update@${NOW}`);
    expect(change?.actorId).toBe('u-agent');
  });

  it('keeps the assignee from the customer and tells them unless they took the ticket', () => {
    const given = edit({ assigneeId: 'u-other' });
    expect(given?.events[0]).toMatchObject({ field: 'assignee', to_value: 'u-other', public: 0 });
    expect(given?.notices).toEqual(['ticket.assigned']);
    expect(edit({ assigneeId: agent.id })?.notices).toEqual([]);
    const unassigned = edit({ assigneeId: null }, { row: { ...ticket, assignee_id: 'u-other' } });
    expect(unassigned?.patch.assignee_id).toBeNull();
    expect(unassigned?.notices).toEqual([]);
  });

  it('writes a given priority even when only another property changes', () => {
    expect(edit({ priority: 'normal', subject: 'New' })?.patch).toMatchObject({
      priority: 2,
      subject: 'New',
    });
  });
});

describe('editTouchesIntake', () => {
  it('is true for the type, the fields or another department', () => {
    expect(editTouchesIntake(ticket, { subject: 'x' })).toBe(false);
    expect(editTouchesIntake(ticket, { departmentId: 'd-1' })).toBe(false);
    expect(editTouchesIntake(ticket, { departmentId: 'd-2' })).toBe(true);
    expect(editTouchesIntake(ticket, { type: null })).toBe(true);
    expect(editTouchesIntake(ticket, { fields: {} })).toBe(true);
  });
});
