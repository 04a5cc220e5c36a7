import type { FieldDef } from './fields.js';
import type { TicketTypeRow } from './intake.repository.js';

// The guided intake of seed 001, shipped as an optional configuration: types, "System related",
// impact, expected vs current behaviour, steps to reproduce. Operation Blocker is urgent.

export const TRIAGE_TYPES: TicketTypeRow[] = [
  {
    key: 'operation_blocker',
    name: 'Operation Blocker',
    description:
      'Complete system failure: cannot trade; all users, assets or countries affected. Call us as well.',
    urgent: 1,
    position: 1,
    active: 1,
  },
  {
    key: 'bug',
    name: 'Bug',
    description: 'A feature that was working before and now does not.',
    urgent: 0,
    position: 2,
    active: 1,
  },
  {
    key: 'risk_issue',
    name: 'Risk Issue',
    description: 'Suspected fraud, an asset performing badly, an abnormal win/loss ratio.',
    urgent: 0,
    position: 3,
    active: 1,
  },
  {
    key: 'configuration_request',
    name: 'Configuration and Admin Request',
    description: 'A configuration change you cannot make yourself in the CRM.',
    urgent: 0,
    position: 4,
    active: 1,
  },
  {
    key: 'question',
    name: 'Question',
    description: 'A general question not answered in the knowledge base.',
    urgent: 0,
    position: 5,
    active: 1,
  },
  {
    key: 'feature_request',
    name: 'New Feature Request',
    description: 'An improvement, idea or new integration.',
    urgent: 0,
    position: 6,
    active: 1,
  },
];

const problemTypes = ['operation_blocker', 'bug', 'risk_issue'];
const field = (
  f: Omit<FieldDef, 'department_ids' | 'active' | 'options'> & Partial<Pick<FieldDef, 'options'>>,
): FieldDef => ({
  department_ids: [],
  active: 1,
  options: [],
  ...f,
});

export const TRIAGE_FIELDS: FieldDef[] = [
  field({
    key: 'system',
    label: 'System related',
    kind: 'select',
    options: [
      { value: 'trading_platform', label: 'Trading Platform' },
      { value: 'crm', label: 'CRM (Reporting)' },
      { value: 'back_office', label: 'Back Office (Admin User Management)' },
      { value: 'system', label: 'System (Server, API etc)' },
    ],
    required: 1,
    type_keys: TRIAGE_TYPES.map((t) => t.key),
    help: 'Which system the issue or request is about.',
    position: 1,
  }),
  field({
    key: 'impact',
    label: 'Impact',
    kind: 'select',
    options: [
      { value: 'one_user', label: 'One user' },
      { value: 'all_users', label: 'All users' },
      { value: 'all_locations', label: 'All locations' },
    ],
    required: 1,
    type_keys: problemTypes,
    help: 'Is it just one user? All users? All locations?',
    position: 2,
  }),
  field({
    key: 'expected_behaviour',
    label: 'Expected behaviour',
    kind: 'multiline',
    required: 1,
    type_keys: problemTypes,
    help: 'What should happen.',
    position: 3,
  }),
  field({
    key: 'current_behaviour',
    label: 'Current behaviour',
    kind: 'multiline',
    required: 1,
    type_keys: problemTypes,
    help: 'What happens instead.',
    position: 4,
  }),
  field({
    key: 'steps_to_reproduce',
    label: 'Steps to reproduce',
    kind: 'multiline',
    required: 0,
    type_keys: problemTypes,
    help: 'The steps that show the issue and what you did to identify it. Attach screenshots of the entire screen.',
    position: 5,
  }),
];
