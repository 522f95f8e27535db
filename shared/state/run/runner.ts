// The state runner: runs low chunks in order, each after the requisites it names
// (depth first, as Salt's call_chunk does), with prereq test runs, watch/mod_watch,
// parallel states, retry, failhard and cycle detection.
import { setTimeout as sleep } from 'node:timers/promises';
import type { LowChunk, StateResult, StateRunResult } from '../types.js';
import { callState, type Which } from './call-state.js';
import { cycleComment, failedComment, malformedComment, missingComment, NOT_RUN, wouldWatchComment } from './comments.js';
import type { RunOptions } from './options.js';
import { planChunks, type ChunkPlan } from './plan.js';
import { pyResult } from '../python-values.js';
import type { RequisiteKind } from '../requisites.js';
import { notRunResult, stateResult } from './result.js';
import { retryDelay, retrySettings, wouldRetryComment } from './retry.js';
import { requisiteStatus, type ReqResult, type ReqStatus } from './status.js';

const hasChanges = (ret: ReqResult) => Object.keys(ret.changes ?? {}).length > 0;

export class StateRun {
  readonly plans: ChunkPlan[];
  private readonly results = new Map<number, StateResult>();
  /** prereq targets' test runs. */
  private readonly pre = new Map<number, ReqResult>();
  private readonly inflight = new Map<number, Promise<void>>();
  private runNum = 0;
  private stopped = false;

  constructor(readonly chunks: LowChunk[], readonly options: RunOptions) {
    this.plans = planChunks(chunks, options.lookup);
  }

  get failedHard(): boolean {
    return this.stopped;
  }

  async runAll(): Promise<void> {
    for (let index = 0; index < this.chunks.length && !this.stopped; index++) await this.ensure(index, []);
    await Promise.all(this.inflight.values());
  }

  /** Every result, in run order. */
  output(extra: StateRunResult = {}): StateRunResult {
    const entries = [...this.results.entries()].map(([index, result]) => [this.plans[index]!.tag, result] as const);
    entries.push(...Object.entries(extra));
    entries.sort((a, b) => a[1].__run_num__ - b[1].__run_num__);
    return Object.fromEntries(entries);
  }

  resultOf(index: number): StateResult | undefined {
    return this.results.get(index);
  }

  nextRunNum(): number {
    return this.runNum++;
  }

  testFor(chunk: LowChunk): boolean {
    return this.options.test || chunk.test === true;
  }

  private done(index: number): boolean {
    return this.results.has(index) || this.inflight.has(index);
  }

  /** Runs chunk `index` for real once its requisites have run; `path` detects cycles. */
  private async ensure(index: number, path: string[]): Promise<void> {
    if (this.done(index) || this.stopped) return;
    const node = String(index);
    if (path.includes(node)) return this.markCycle(path.slice(path.indexOf(node)));
    if (!(await this.runRequisites(index, [...path, node], false))) return;
    await this.execute(index, requisiteStatus(this.requisiteResults(index, false)));
  }

  /** Runs prereq target `index` in test mode (once), after its own requisites. */
  private async ensurePre(index: number, path: string[]): Promise<void> {
    if (this.pre.has(index) || this.stopped) return;
    const node = `${index}:pre`;
    if (this.done(index)) await this.inflight.get(index);
    else if (path.includes(node)) return this.markCycle(path.slice(path.indexOf(node)));
    else if (await this.runRequisites(index, [...path, node], true)) {
      const status = requisiteStatus(this.requisiteResults(index, true));
      if (status === 'met' || status === 'change') return this.testRun(index, status);
      await this.execute(index, status);
    }
    const result = this.results.get(index);
    if (result) this.pre.set(index, result);
  }

  private async testRun(index: number, status: ReqStatus): Promise<void> {
    const { ret } = await callState(this.chunks[index]!, 'function', true, this.options);
    // A watch that fired means the target would run mod_watch: that counts as a change.
    if (status === 'change' && !hasChanges(ret)) this.pre.set(index, { ...ret, changes: { watch: 'watch' }, result: null });
    else this.pre.set(index, ret);
  }

  /** Runs what chunk `index` depends on; false when the chunk got a result meanwhile
   * (a missing or malformed requisite, a cycle) or failhard stopped the run. */
  private async runRequisites(index: number, path: string[], forPrereq: boolean): Promise<boolean> {
    const plan = this.plans[index]!;
    if (plan.malformed) this.record(index, this.notRun(index, false, malformedComment(plan.chunk, plan.malformed)));
    else if (plan.missing.length) this.record(index, this.notRun(index, false, missingComment(plan.missing)));
    if (this.results.has(index)) return false;
    for (const [kind, targets] of this.kindsOf(index, forPrereq)) {
      for (const target of targets) {
        await (kind === 'prereq' ? this.ensurePre(target, path) : this.ensure(target, path));
        if (this.stopped || this.results.has(index)) return false;
      }
    }
    for (const [, targets] of this.kindsOf(index, forPrereq)) await Promise.all(targets.map((t) => this.inflight.get(t)));
    return !this.results.has(index) && !this.stopped;
  }

  /** A prereq target's test run does not wait for the states that prereq it. */
  private kindsOf(index: number, forPrereq: boolean): Array<[RequisiteKind, number[]]> {
    return [...this.plans[index]!.reqs].filter(([kind]) => !(forPrereq && kind === 'prerequired'));
  }

  private requisiteResults(index: number, forPrereq: boolean): Map<RequisiteKind, ReqResult[]> {
    const results = new Map<RequisiteKind, ReqResult[]>();
    for (const [kind, targets] of this.kindsOf(index, forPrereq)) {
      const source = kind === 'prereq' ? this.pre : this.results;
      results.set(kind, targets.flatMap((t) => source.get(t) ?? []));
    }
    return results;
  }

  private failedRequisites(index: number): LowChunk[] {
    const failed = new Set<number>();
    for (const [kind, targets] of this.plans[index]!.reqs) {
      const source = kind === 'prereq' ? this.pre : this.results;
      for (const target of targets) if (source.get(target)?.result === false) failed.add(target);
    }
    return [...failed].map((target) => this.chunks[target]!);
  }

  private async execute(index: number, status: ReqStatus): Promise<void> {
    switch (status) {
      case 'fail':
        return this.record(index, this.notRun(index, false, failedComment(this.failedRequisites(index))));
      case 'pre':
        return this.record(index, this.notRun(index, true, NOT_RUN.pre));
      case 'onfail':
      case 'onchanges':
        return this.record(index, this.notRun(index, true, NOT_RUN[status], false));
      default: {
        const applying = this.apply(index, status === 'change');
        if (this.chunks[index]!.parallel !== true) return applying;
        this.inflight.set(index, applying);
      }
    }
  }

  /** Calls the state; when a watch fired and the state changed nothing, its mod_watch. */
  private async apply(index: number, watchFired: boolean): Promise<void> {
    const chunk = this.chunks[index]!;
    const test = this.testFor(chunk);
    this.options.onStart?.(chunk);
    let result = await this.attempts(chunk, 'function', test);
    if (watchFired && !hasChanges(result) && !result.skip_watch) {
      result = test
        ? { ...result, result: null, comment: wouldWatchComment(chunk) }
        : await this.attempts(chunk, 'mod_watch', test);
    }
    this.record(index, result);
  }

  /** One call, or several under `retry:`, each with its own __run_num__ as in Salt. */
  async attempts(chunk: LowChunk, which: Which, test: boolean): Promise<StateResult> {
    let runNum = this.nextRunNum();
    let called = await callState(chunk, which, test, this.options);
    if (chunk.retry === undefined || chunk.retry === null || chunk.retry === false) return stateResult(chunk, called.ret, runNum, called);
    const settings = retrySettings(chunk.retry);
    if (test) {
      called.ret.comment = [called.ret.comment, wouldRetryComment(settings)].join('  ');
      return stateResult(chunk, called.ret, runNum, called);
    }
    const startTime = called.startTime;
    const notes: string[] = [];
    let duration = called.duration;
    for (let attempt = 1; called.ret.result !== settings.until && attempt < settings.attempts; attempt++) {
      notes.push(`Attempt ${attempt}: Returned a result of "${pyResult(called.ret.result)}", with the following comment: "${called.ret.comment}"`);
      const delay = retryDelay(settings);
      await sleep(delay * 1000);
      runNum = this.nextRunNum();
      called = await callState(chunk, which, test, this.options);
      duration += called.duration + delay * 1000;
    }
    if (notes.length) called.ret.comment = [...notes, called.ret.comment].join('\n');
    return stateResult(chunk, called.ret, runNum, { startTime, duration: Math.round(duration * 1000) / 1000 });
  }

  private notRun(index: number, result: boolean, comment: string, stateRan?: false): StateResult {
    return notRunResult(this.chunks[index]!, result, comment, this.nextRunNum(), stateRan);
  }

  /** Every state of a requisite cycle fails, naming the cycle. */
  private markCycle(nodes: string[]): void {
    const members = [...new Set(nodes.map((node) => Number.parseInt(node, 10)))];
    const comment = cycleComment(members.map((index) => this.chunks[index]!));
    for (const index of members) if (!this.results.has(index)) this.record(index, this.notRun(index, false, comment));
  }

  private record(index: number, result: StateResult): void {
    this.results.set(index, result);
    const chunk = this.chunks[index]!;
    this.options.onResult?.(this.plans[index]!.tag, result, chunk);
    // failhard: a state's own setting wins over the global one; never in test mode.
    if (!this.options.test && result.result === false && (chunk.failhard ?? this.options.failhard) === true) this.stopped = true;
  }
}
