// What the schedule execution module (in a job's worker) asks the minion's scheduler,
// and what it answers: the schedule as it stands after the request.

export type ScheduleRequest =
  | { action: 'list' | 'enable' | 'disable' | 'purge' }
  | { action: 'add' | 'modify'; name: string; entry: Record<string, unknown> }
  | { action: 'delete' | 'enable_job' | 'disable_job' | 'run_job'; name: string };

export interface ScheduleSnapshot {
  /** Whether the scheduler as a whole runs jobs (schedule.enable / schedule.disable). */
  enabled: boolean;
  /** Every job by name, from the config, schedule.add and the pillar, with its `enabled` as it stands. */
  jobs: Record<string, unknown>;
  /** The jobs that come from the pillar, which only the pillar can change or remove. */
  pillar: string[];
}
