// A scheduler, the minion's or the master's: the jobs of `schedule:` in the config (and, on a
// minion, in the pillar and added with schedule.add), checked every second (Salt's
// loop_interval) and started when due through a `run` the daemon provides.
import type { Logger } from '../log.js';
import { describeError } from '../errors.js';
import { isRecord } from '../output/sorted-keys.js';
import { planOf, type JobPlan } from './item.js';
import { firstDue, inRange, nextDue, splayMs } from './timing.js';
import type { ScheduleRequest, ScheduleSnapshot } from './requests.js';

const LOOP_INTERVAL_MS = 1000;

export interface SchedulerDeps {
  /** `schedule:` of the daemon's config. */
  configured: Record<string, unknown>;
  /** `schedule:` of the minion's current pillar, if any (the master has none). */
  pillarSchedule: () => unknown;
  /** Runs one job (a minion: in its worker pool, and returns it); settles when it has finished. */
  run: (plan: JobPlan) => Promise<void>;
  log: Logger;
  now?: () => number;
  random?: () => number;
}

interface JobTimes {
  /** The entry these times were worked out for; another entry starts them afresh. */
  source: string;
  plan: JobPlan | null;
  due: number | null;
  fireAt: number | null;
}

export class Scheduler {
  private readonly jobs: Record<string, unknown>;
  private readonly jobEnabled = new Map<string, boolean>();
  private enabledOverride: boolean | null = null;
  private readonly times = new Map<string, JobTimes>();
  private readonly running = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly deps: SchedulerDeps) {
    this.jobs = entriesOf(deps.configured);
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), LOOP_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Starts every job that is due at the scheduler's clock. */
  tick(): void {
    const now = this.now();
    const snapshot = this.snapshot();
    for (const name of this.times.keys()) if (!(name in snapshot.jobs)) this.times.delete(name);
    for (const [name, entry] of Object.entries(snapshot.jobs)) {
      const times = this.timesOf(name, entry, now);
      if (!times.plan || times.fireAt === null || now < times.fireAt) continue;
      times.due = nextDue(times.plan.trigger, times.due!, now);
      times.fireAt = times.due === null ? null : times.due + splayMs(times.plan.splay, this.random);
      if (!snapshot.enabled || !times.plan.enabled) continue;
      if (!inRange(times.plan.range, now)) {
        this.deps.log.debug(`schedule job ${name} skipped: outside its range`);
        continue;
      }
      this.launch(times.plan);
    }
  }

  /** Serves the schedule module's requests; the reply is the schedule afterwards. */
  handle(request: ScheduleRequest): ScheduleSnapshot {
    const pillar = this.pillarJobs();
    const own = (name: string) => {
      if (name in pillar) throw new Error(`schedule job '${name}' comes from the pillar and only the pillar can change it`);
    };
    switch (request.action) {
      case 'list':
        break;
      case 'enable':
      case 'disable':
        this.enabledOverride = request.action === 'enable';
        break;
      case 'add':
      case 'modify':
        own(request.name);
        planOf(request.name, request.entry);
        this.jobs[request.name] = request.entry;
        this.jobEnabled.delete(request.name);
        break;
      case 'delete':
        own(request.name);
        delete this.jobs[request.name];
        this.jobEnabled.delete(request.name);
        break;
      case 'purge':
        for (const name of Object.keys(this.jobs)) delete this.jobs[name];
        this.jobEnabled.clear();
        break;
      case 'enable_job':
      case 'disable_job':
        this.jobEnabled.set(request.name, request.action === 'enable_job');
        break;
      case 'run_job': {
        const entry = this.snapshot().jobs[request.name];
        if (!entry) throw new Error(`schedule job '${request.name}' does not exist`);
        this.launch(planOf(request.name, entry));
        break;
      }
    }
    return this.snapshot();
  }

  snapshot(): ScheduleSnapshot {
    const pillar = this.pillarJobs();
    const merged = { ...this.jobs, ...pillar };
    const jobs: Record<string, unknown> = {};
    for (const [name, entry] of Object.entries(merged)) {
      if (!isRecord(entry)) jobs[name] = entry;
      else jobs[name] = { ...entry, enabled: this.jobEnabled.get(name) ?? entry.enabled ?? true };
    }
    const fromPillar = this.deps.pillarSchedule();
    const configured = this.deps.configured.enabled ?? (isRecord(fromPillar) ? fromPillar.enabled : undefined);
    return { enabled: this.enabledOverride ?? configured !== false, jobs, pillar: Object.keys(pillar) };
  }

  private pillarJobs(): Record<string, unknown> {
    const schedule = this.deps.pillarSchedule();
    return isRecord(schedule) ? entriesOf(schedule) : {};
  }

  private timesOf(name: string, entry: unknown, now: number): JobTimes {
    // `enabled` toggles running, not timing: a re-enabled job keeps its cadence.
    const { enabled, ...timing } = isRecord(entry) ? entry : { entry };
    const source = JSON.stringify(timing);
    const known = this.times.get(name);
    if (known?.source === source) {
      if (known.plan) known.plan.enabled = enabled !== false;
      return known;
    }
    let plan: JobPlan | null = null;
    try {
      plan = planOf(name, entry);
    } catch (err) {
      this.deps.log.error(`ignored ${describeError(err)}`);
    }
    const due = plan ? firstDue(plan, now) : null;
    const times = { source, plan, due, fireAt: plan && due !== null ? due + splayMs(plan.splay, this.random) : null };
    this.times.set(name, times);
    return times;
  }

  /** Runs the job unless `maxrunning` of it already run (counted when jid_include is on, as Salt does). */
  private launch(plan: JobPlan): void {
    const count = this.running.get(plan.name) ?? 0;
    if (plan.jid_include && count >= plan.maxrunning) {
      this.deps.log.info(`schedule job ${plan.name} was not started: ${count} already running (maxrunning ${plan.maxrunning})`);
      return;
    }
    this.running.set(plan.name, count + 1);
    this.deps
      .run(plan)
      .catch((err) => this.deps.log.error(`schedule job ${plan.name} failed: ${describeError(err)}`))
      .finally(() => this.running.set(plan.name, (this.running.get(plan.name) ?? 1) - 1));
  }
}

/** The job entries of a `schedule:` mapping: its `enabled` key is the scheduler's switch, not a job. */
function entriesOf(schedule: Record<string, unknown>): Record<string, unknown> {
  const { enabled: _switch, ...jobs } = schedule;
  return jobs;
}
