import type { PriorityHelp } from '../../common/intake.js';

/** The demo's trading desk describes its priority levels in its own terms (seed 000, "Priority Levels"). */
export const TRADING_PRIORITY_HELP: PriorityHelp = {
  low: 'General questions or minor inconveniences with no immediate impact.',
  normal: 'Standard issues that need attention but are not time-sensitive.',
  high: 'Problems that significantly affect your workflow or trading.',
  urgent:
    'Critical issues such as bots executing incorrectly, funds at risk, or complete inability to access the platform.',
};
