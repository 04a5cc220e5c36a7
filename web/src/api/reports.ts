import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BacklogReport,
  ReportInterval,
  ResponseTimesReport,
  SlaGrouping,
  SlaInterval,
  SlaReport,
  VolumeRow,
} from '../../../common/reports';
import { get } from './client';

export type {
  BacklogReport,
  ReportInterval,
  ResponseTimesReport,
  SlaGrouping,
  SlaInterval,
  SlaReport,
  VolumeRow,
};

const reportKeys = {
  volume: (from: string, to: string, interval: ReportInterval) =>
    ['reports', 'volume', from, to, interval] as const,
  backlog: ['reports', 'backlog'] as const,
  responseTimes: (from: string, to: string) => ['reports', 'response-times', from, to] as const,
  sla: (query: SlaReportQuery) =>
    [
      'reports',
      'sla',
      query.from ?? '',
      query.to ?? '',
      query.groupBy,
      query.interval,
      query.departmentId ?? '',
    ] as const,
};

export type SlaReportQuery = {
  from?: string;
  to?: string;
  groupBy: SlaGrouping;
  interval: SlaInterval;
  departmentId?: string;
};

/** Tickets created and resolved per day or week; `from` and `to` are ISO instants or undefined. */
export function useVolumeReport(
  from: string | undefined,
  to: string | undefined,
  interval: ReportInterval,
  enabled = true,
) {
  return useQuery({
    enabled,
    queryKey: reportKeys.volume(from ?? '', to ?? '', interval),
    queryFn: () => get('/reports/volume', { query: { from, to, interval } }),
    placeholderData: keepPreviousData,
  });
}

/** Tickets not yet solved or closed, by status and by department (now, whatever the range). */
export function useBacklogReport() {
  return useQuery({
    queryKey: reportKeys.backlog,
    queryFn: () => get('/reports/backlog'),
  });
}

export function useResponseTimesReport(from: string | undefined, to: string | undefined, enabled = true) {
  return useQuery({
    enabled,
    queryKey: reportKeys.responseTimes(from ?? '', to ?? ''),
    queryFn: () => get('/reports/response-times', { query: { from, to } }),
    placeholderData: keepPreviousData,
  });
}

/** How often each service-level target was met over the range, grouped as asked. */
export function useSlaReport(query: SlaReportQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: reportKeys.sla(query),
    queryFn: () => get('/reports/sla', { query }),
    placeholderData: keepPreviousData,
  });
}
