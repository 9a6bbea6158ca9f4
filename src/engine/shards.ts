// Several training workers for one experiment. Inside a worker the runs are one batch; on the
// CPU backends (wasm, cpu) a batch costs about its number of learned critics, so on a machine
// with more than one core the runs are split over workers ("shards") that train in parallel and
// report as one engine. Runs do not depend on their batch mates (each has its own noise streams),
// so a split experiment trains exactly the same trajectories as one worker.
// Pure logic: planning and merging are tested without workers (tests/unit/engine/shards.test.ts).
import type { RunSpec } from '../config/runs';
import type { Config, WorkerCount } from '../config/schema';
import type { EngineDimension, ShellConfig, ShellPoint, ShellSnapshot } from './batchTrainer';
import type { BackendName, FromWorker, Snapshot, TrajectoryPoint } from './protocol';
import { lineDimension } from './lineDimension';
import { emptyReadings, READING_KEYS } from './trajectory';

/** At most this many workers for 'auto': beyond it, memory and start-up outgrow the gain. */
export const MAX_AUTO_WORKERS = 4;
/** How far (in time of steps) a playing shard may run ahead of the slowest one. */
export const LEAD_MS = 100;

/**
 * The run indices each worker trains. WebGL keeps one worker (one GPU, and its batched layout
 * already costs about one run's kernels); on wasm and cpu 'auto' uses up to one worker per core,
 * never more than there are learned critics, splitting learned and optimal runs evenly.
 */
export function planShards(runs: readonly RunSpec[], backend: BackendName, cores: number, workers: WorkerCount): number[][] {
  const learned = runs.filter((r) => r.critic === 'learned').map((r) => r.index);
  const optimal = runs.filter((r) => r.critic !== 'learned').map((r) => r.index);
  const wanted = workers === 'auto'
    ? (backend === 'webgl' ? 1 : Math.min(Math.max(1, Math.floor(cores)), MAX_AUTO_WORKERS, learned.length))
    : workers;
  const n = Math.max(1, Math.min(wanted, runs.length));
  const shards: number[][] = Array.from({ length: n }, () => []);
  // round robin over the learned runs first, then the optimal ones continuing where it stopped
  [...learned, ...optimal].forEach((run, i) => shards[i % n].push(run));
  return shards.map((s) => s.sort((a, b) => a - b));
}

interface ShardState<P, RunPoint> {
  /** The shard answered the current experiment's init/reset. */
  ready: boolean;
  playing: boolean;
  step: number;
  finished: boolean;
  stepsPerSecond: number;
  msPerStep: number;
  /** Critic updates done in the current generator step (slow motion). */
  phase: number;
  points: P[];
  /** The last values of each of the shard's runs that went into a merged point. */
  last: RunPoint[] | null;
  snapshots: ShellSnapshot[];
}

/**
 * Merges the messages of several workers into the messages of one engine over all runs: a
 * trajectory point once every shard has reached its step, one snapshot from one of each, the
 * step counter of the slowest shard, run numbers mapped back to the experiment's.
 */
export class ShardMerger<C extends ShellConfig = Config, P extends ShellPoint = TrajectoryPoint, S extends ShellSnapshot = Snapshot, RunPoint = unknown> {
  private shards: number[][] = [];
  private state: ShardState<P, RunPoint>[] = [];
  private runCount = 0;
  /** The current experiment's number: reports of another are dropped. */
  private generation = 0;
  private readyEmitted = false;
  /** Messages of current shards that came before the last shard was ready: replayed then. */
  private early: [number, FromWorker<P, S, C>][] = [];
  private lastMerged: { playing: boolean; step: number; finished: boolean; phase: number } | null = null;

  constructor(private readonly emit: (message: FromWorker<P, S, C>) => void, private readonly dimension: EngineDimension<C, P, RunPoint> = lineDimension as unknown as EngineDimension<C, P, RunPoint>) {}

  /** A new experiment, number `generation`: `shards[s]` are the run indices of worker s. */
  plan(shards: number[][], generation = this.generation + 1): void {
    this.generation = generation;
    this.shards = shards;
    this.runCount = shards.reduce((n, s) => n + s.length, 0);
    this.readyEmitted = false;
    this.early = [];
    this.lastMerged = null;
    this.state = shards.map(() => ({
      ready: false, playing: false, step: 0, finished: false, stepsPerSecond: 0, msPerStep: 0, phase: 0, points: [], last: null, snapshots: [],
    }));
  }

  get shardCount(): number {
    return this.shards.length;
  }

  /** True when every shard has answered the latest init/reset. */
  get ready(): boolean {
    return this.state.length > 0 && this.state.every((s) => s.ready);
  }

  /** The generator step shard s last reported. */
  stepOf(shard: number): number {
    return this.state[shard]?.step ?? 0;
  }

  /** The step from which a live change holds on every shard: the next whole step of each. */
  liveStep(): number {
    return Math.max(0, ...this.state.map((s) => s.step + (s.phase > 0 ? 1 : 0)));
  }

  /**
   * While playing, the step no shard should pass: the slowest running shard's step plus about
   * LEAD_MS of steps at the slowest measured pace, so that a pause waits for at most that much
   * catching up. Null with fewer than two shards running.
   */
  leadLimit(): number | null {
    const running = this.state.filter((s) => !s.finished);
    if (!this.ready || running.length < 2) return null;
    const msPerStep = Math.max(...running.map((s) => s.msPerStep));
    const lead = msPerStep > 0 ? Math.max(1, Math.round(LEAD_MS / msPerStep)) : 1;
    return Math.min(...running.map((s) => s.step)) + lead;
  }

  /** Once every shard has paused: the ones behind the leader and by how many steps; null before. */
  lagging(): { shard: number; steps: number }[] | null {
    if (!this.ready || this.state.some((s) => s.playing)) return null;
    const running = this.state.filter((s) => !s.finished);
    const lead = Math.max(0, ...running.map((s) => s.step));
    return this.state.flatMap((s, shard) => (!s.finished && s.step < lead ? [{ shard, steps: lead - s.step }] : []));
  }

  accept(shard: number, msg: FromWorker<P, S, C>): void {
    const st = this.state[shard];
    // a report about an experiment that a reset has replaced
    if (!st || (msg.generation !== undefined && msg.generation !== this.generation)) return;
    if (msg.type === 'notice' || msg.type === 'error' || msg.type === 'backend') { this.emit(msg); return; }
    // every worker applies a live change at the same step: one report speaks for all
    if (msg.type === 'live-applied') { if (shard === 0) this.emit(msg); return; }
    if (msg.type === 'ready') {
      st.ready = true;
      st.points = []; st.snapshots = []; st.last = null; st.step = 0; st.finished = false; st.playing = false;
      if (this.ready && !this.readyEmitted) {
        this.readyEmitted = true;
        this.emit({ type: 'ready', backend: msg.backend, runCount: this.runCount, workers: this.shards.length });
        const early = this.early;
        this.early = [];
        for (const [s, m] of early) this.accept(s, m);
      }
      return;
    }
    if (!st.ready) return;
    if (!this.readyEmitted) { this.early.push([shard, msg]); return; }
    switch (msg.type) {
      case 'trajectory':
        st.points.push(...msg.points);
        if (msg.stepsPerSecond > 0) st.stepsPerSecond = msg.stepsPerSecond;
        if (msg.msPerStep) st.msPerStep = msg.msPerStep;
        this.mergePoints();
        break;
      case 'run-stopped':
        this.emit({ type: 'run-stopped', stopped: { ...msg.stopped, run: this.shards[shard][msg.stopped.run] } });
        break;
      case 'snapshot':
        st.snapshots.push(msg.snapshot);
        this.mergeSnapshots();
        break;
      case 'state':
        st.playing = msg.playing; st.step = msg.step; st.finished = msg.finished; st.phase = msg.phase ?? 0;
        // a finished shard no longer holds the others' points back
        if (msg.finished) this.mergePoints();
        this.emitState();
        break;
    }
  }

  private emitState(): void {
    const running = this.state.filter((s) => !s.finished);
    // paused shards still catching up (lagging) count as playing: the page sees a pause only
    // once every shard is at one step, and asks for its snapshot there
    const aligned = running.every((s) => s.step === running[0].step);
    const merged = {
      playing: this.state.some((s) => s.playing) || !aligned,
      step: running.length > 0 ? Math.min(...running.map((s) => s.step)) : Math.max(...this.state.map((s) => s.step)),
      finished: running.length === 0,
      phase: Math.min(...this.state.map((s) => s.phase)),
    };
    const l = this.lastMerged;
    if (l && l.playing === merged.playing && l.step === merged.step && l.finished === merged.finished && l.phase === merged.phase) return;
    this.lastMerged = merged;
    const { phase, ...rest } = merged;
    this.emit({ type: 'state', ...rest, ...(phase > 0 ? { phase } : {}) });
  }

  private mergePoints(): void {
    const out: P[] = [];
    for (;;) {
      // wait for every shard that may still report this step
      if (this.state.some((s) => s.points.length === 0 && !s.finished)) break;
      const heads = this.state.filter((s) => s.points.length > 0);
      if (heads.length === 0) break;
      const step = Math.min(...heads.map((s) => s.points[0].step));
      // a step that a shard still training did not record (their strides differed a moment, or
      // one paused there on its way to the leader's step) is dropped: every point holds every run
      if (this.state.some((s) => !s.finished && s.points[0].step !== step)) {
        for (const s of heads) if (s.points[0].step === step) s.points.shift();
        continue;
      }
      const merged = this.mergeStep(step);
      if (merged) out.push(merged);
    }
    if (out.length === 0) return;
    const rates = this.state.filter((s) => !s.finished && s.stepsPerSecond > 0).map((s) => s.stepsPerSecond);
    const times = this.state.filter((s) => !s.finished && s.msPerStep > 0).map((s) => s.msPerStep);
    this.emit({ type: 'trajectory', points: out, stepsPerSecond: rates.length ? Math.min(...rates) : 0, msPerStep: times.length ? Math.max(...times) : 0 });
  }

  /** The point at `step` of every run, from each shard's own point there (a finished shard holds
   * its last values); null when a shard has never reported a point. */
  private mergeStep(step: number): P | null {
    const runs = new Array<RunPoint>(this.runCount);
    const readings = emptyReadings(this.runCount);
    let anyReadings = false;
    let complete = true;
    this.state.forEach((s, shard) => {
      const own = s.points.length > 0 && s.points[0].step === step ? s.points.shift()! : null;
      // a shard without this step's readings leaves its runs' readings null
      if (own?.readings) {
        anyReadings = true;
        for (const key of READING_KEYS) this.shards[shard].forEach((run, local) => { readings[key][run] = own.readings![key][local]; });
      }
      const values = own ? this.dimension.runsOfPoint(own) : s.last;
      if (!values) { complete = false; return; }
      s.last = values;
      this.shards[shard].forEach((run, local) => { runs[run] = values[local]; });
    });
    return complete ? this.dimension.pointOf(step, runs, anyReadings ? readings : undefined) : null;
  }

  private mergeSnapshots(): void {
    while (this.state.every((s) => s.snapshots.length > 0)) {
      const parts = this.state.map((s) => s.snapshots.shift()!);
      const runs = new Array<ShellSnapshot['runs'][number]>(this.runCount);
      parts.forEach((snap, shard) => snap.runs.forEach((r) => { runs[this.shards[shard][r.run]] = { ...r, run: this.shards[shard][r.run] }; }));
      // the step of the slowest shard still training, as for the step counter
      const running = parts.filter((_, shard) => !this.state[shard].finished).map((p) => p.step);
      const step = running.length ? Math.min(...running) : Math.max(...parts.map((p) => p.step));
      // what is not per run (grids, the target's samples) is the same in every shard
      this.emit({ type: 'snapshot', snapshot: { ...parts[0], step, runs } as unknown as S });
    }
  }
}
