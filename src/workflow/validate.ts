import { parseDuration } from './duration.js';
import type { WorkflowDocument } from './types.js';

export type WorkflowProblem = { path: string; message: string };

/**
 * Checks a document's inner consistency: every key it names exists, durations parse, and timed
 * moves cannot chase each other round in a loop. Returns every problem, not only the first.
 */
export function validateWorkflow(doc: WorkflowDocument): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const keys = new Set<string>();
  doc.statuses.forEach((s, i) => {
    if (keys.has(s.key)) problems.push({ path: `statuses.${i}.key`, message: `"${s.key}" appears twice` });
    keys.add(s.key);
  });
  const has = (k: string) => keys.has(k);
  const initial = doc.statuses.find((s) => s.key === doc.initialStatus);
  if (!initial)
    problems.push({
      path: 'initialStatus',
      message: `"${doc.initialStatus}" is not a status of this workflow`,
    });
  else if (initial.category === 'closed' || initial.category === 'solved') {
    problems.push({ path: 'initialStatus', message: 'a new ticket cannot start solved or closed' });
  }

  for (const [name, rules] of [
    ['onCustomerReply', doc.onCustomerReply],
    ['onStaffReply', doc.onStaffReply],
    ['onCustomerClose', doc.onCustomerClose],
    ['onCustomerReopen', doc.onCustomerReopen],
  ] as const) {
    rules.forEach((r, i) => {
      r.from.forEach((f, j) => {
        if (f !== '*' && !has(f))
          problems.push({
            path: `${name}.${i}.from.${j}`,
            message: `"${f}" is not a status of this workflow`,
          });
      });
      if (!has(r.to))
        problems.push({ path: `${name}.${i}.to`, message: `"${r.to}" is not a status of this workflow` });
    });
  }

  doc.timers.forEach((t, i) => {
    const at = `timers.${i}`;
    if (t.status !== '*' && !has(t.status))
      problems.push({ path: `${at}.status`, message: `"${t.status}" is not a status of this workflow` });
    if (parseDuration(t.after) === null) {
      problems.push({
        path: `${at}.after`,
        message:
          'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, such as P7D or PT2S',
      });
    }
    if (t.action === 'transition') {
      if (!t.to) problems.push({ path: `${at}.to`, message: 'a transition timer needs "to"' });
      else if (!has(t.to))
        problems.push({ path: `${at}.to`, message: `"${t.to}" is not a status of this workflow` });
      else if (t.to === t.status)
        problems.push({ path: `${at}.to`, message: 'a timer cannot move a ticket to the status it is in' });
    } else if (t.to) {
      problems.push({ path: `${at}.to`, message: 'a reminder does not move the ticket; remove "to"' });
    }
  });

  problems.push(...customerMoveProblems(doc));
  const loop = findTimerLoop(doc);
  if (loop) problems.push({ path: 'timers', message: `timed moves form a loop: ${loop.join(' → ')}` });
  return problems;
}

/** A customer's close must end the ticket, and a reopen must bring it back to work. */
function customerMoveProblems(doc: WorkflowDocument): WorkflowProblem[] {
  const category = (key: string) => doc.statuses.find((s) => s.key === key)?.category;
  const finished = (key: string) => ['solved', 'closed'].includes(category(key) ?? '');
  const problems: WorkflowProblem[] = [];
  doc.onCustomerClose.forEach((r, i) => {
    if (category(r.to) && !finished(r.to))
      problems.push({ path: `onCustomerClose.${i}.to`, message: 'must be a solved or closed status' });
  });
  doc.onCustomerReopen.forEach((r, i) => {
    if (category(r.to) && finished(r.to))
      problems.push({ path: `onCustomerReopen.${i}.to`, message: 'must not be a solved or closed status' });
  });
  return problems;
}

/** Timed moves as a graph between statuses; a cycle would move tickets round for ever. */
function findTimerLoop(doc: WorkflowDocument): string[] | null {
  const closed = new Set(doc.statuses.filter((s) => s.category === 'closed').map((s) => s.key));
  const edges = new Map<string, Set<string>>();
  for (const t of doc.timers) {
    if (t.action !== 'transition' || !t.to) continue;
    const sources =
      t.status === '*' ? doc.statuses.map((s) => s.key).filter((k) => !closed.has(k)) : [t.status];
    for (const s of sources) {
      if (s === t.to) continue;
      if (!edges.has(s)) edges.set(s, new Set());
      edges.get(s)?.add(t.to);
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === 'done') return null;
    state.set(node, 'visiting');
    path.push(node);
    for (const next of edges.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of edges.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}
