import type {
  BacklogReport,
  Csat,
  ResponseTimesReport,
  SlaReport,
  VolumeRow,
} from '../../../common/reports.js';
import { SLA_METRIC_LABELS } from '../../../common/sla.js';
import { csvFile } from '../../lib/csv.js';

// Each report's numbers as a CSV file: the same figures the API returns, one table per report.

const volume = (rows: VolumeRow[]) => [
  ['Period', 'Created', 'Resolved'],
  ...rows.map((r) => [r.period, r.created, r.resolved]),
];

const backlog = (r: BacklogReport) => [
  ['Group', 'Name', 'Category', 'Unsolved tickets'],
  ...r.byStatus.map((s) => ['status', s.status, s.category, s.count]),
  ...r.byDepartment.map((d) => ['department', d.name, null, d.count]),
];

const responseTimes = (r: ResponseTimesReport) => [
  ['Measure', 'Tickets', 'Median minutes', '90th percentile minutes', 'Sampled'],
  ...(
    [
      ['first response', r.firstResponse],
      ['resolution', r.resolution],
    ] as const
  ).map(([name, s]) => [name, s.count, s.medianMinutes, s.p90Minutes, r.sampled ? 'yes' : 'no']),
];

const csat = (r: Csat) => [
  [
    'Surveys sent',
    'Responses',
    'Average rating',
    'Satisfied %',
    ...Object.keys(r.distribution).map((k) => `Rated ${k}`),
  ],
  [r.sent, r.responses, r.average, r.satisfiedPercent, ...Object.values(r.distribution)],
];

const SLA_GROUP_HEADS = {
  metric: 'Target',
  department: 'Department',
  agent: 'Agent',
  priority: 'Priority',
  period: 'Period',
} satisfies Record<SlaReport['groupBy'], string>;

const sla = (r: SlaReport) => [
  [
    SLA_GROUP_HEADS[r.groupBy],
    'Target',
    'Clocks',
    'Met',
    'Breached',
    'Breached and still open',
    'Met %',
    'Stopped',
    'Median minutes',
    '90th percentile minutes',
    'Minutes',
  ],
  ...r.groups.flatMap((g) =>
    g.metrics.map((m) => [
      g.label,
      SLA_METRIC_LABELS[m.metric],
      m.clocks,
      m.met,
      m.breached,
      m.openBreached,
      m.metPercent,
      m.stopped,
      m.medianMinutes,
      m.p90Minutes,
      m.unit,
    ]),
  ),
];

export const REPORT_CSV = {
  volume: (r: VolumeRow[]) => csvFile(volume(r)),
  backlog: (r: BacklogReport) => csvFile(backlog(r)),
  'response-times': (r: ResponseTimesReport) => csvFile(responseTimes(r)),
  csat: (r: Csat) => csvFile(csat(r)),
  sla: (r: SlaReport) => csvFile(sla(r)),
};
