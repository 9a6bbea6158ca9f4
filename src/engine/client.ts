// Main-thread client of the training engine, for the UI, for either dimension. It speaks the
// worker protocol (./protocol.ts) as if there were one worker, and behind it trains each
// experiment on as many workers as src/engine/shards.ts plans, merging what they report.
import type { BackendChoice, Config } from '../config/schema';
import type { EngineDimension, ShellConfig, ShellPoint, ShellSnapshot } from './batchTrainer';
import { lineDimension } from './lineDimension';
import type { BackendName, FromWorker, Snapshot, ToWorker, TrajectoryPoint } from './protocol';
import { ShardMerger, planShards } from './shards';
import { isSoftwareRenderer, probeWebgl } from './webglProbe';

export type WorkerListener<P = TrajectoryPoint, S = Snapshot, C = Config> = (message: FromWorker<P, S, C>) => void;

export interface EngineClientOptions {
  /** Makes a worker (tests and benchmarks); the dimension's training worker by default. */
  createWorker?: () => Worker;
  /** Cores to plan for; navigator.hardwareConcurrency by default. */
  cores?: number;
}

/** The 1-D training worker (Vite bundles a worker from a `new Worker(new URL(...))` it can see). */
const lineWorker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });

let webglProbe: ReturnType<typeof probeWebgl> | null = null;

/** The backend the workers will pick for a choice (backend.ts decides; this only plans workers). */
export function expectedBackend(choice: BackendChoice): BackendName {
  if (choice !== 'auto') return choice;
  webglProbe ??= probeWebgl();
  return webglProbe.available && !isSoftwareRenderer(webglProbe.renderer) ? 'webgl' : 'wasm';
}

export class EngineClient<C extends ShellConfig = Config, P extends ShellPoint = TrajectoryPoint, S extends ShellSnapshot = Snapshot> {
  private readonly workers: Worker[] = [];
  private readonly listeners = new Set<WorkerListener<P, S, C>>();
  private readonly merger: ShardMerger<C, P, S>;
  private readonly createWorker: () => Worker;
  private readonly cores: number;
  private readonly dimension: EngineDimension<C, P>;
  private speed: ToWorker<C> | null = null;
  /** Workers sent steps to catch up with the leader after a pause, and the step each should reach. */
  private catchingUp = new Map<number, number>();
  /** A live change waiting for the workers to stand at one step, and whether to play on after it. */
  private pendingLive: { message: Extract<ToWorker<C>, { type: 'live' }>; resume: boolean } | null = null;
  /** Play was resumed after a live change: the pause it took is not reported to the page. */
  private resuming = false;
  private playing = false;
  /** The experiment's number, counted over init and reset messages. */
  private generation = 0;
  /** The step the workers were last told not to pass while playing (shards.ts, leadLimit). */
  private limit: number | null = null;

  /** `dimension` (1-D by default) with `workerOf`, which makes its training worker. */
  constructor(options: EngineClientOptions = {}, dimension?: EngineDimension<C, P>, workerOf: () => Worker = lineWorker) {
    this.dimension = dimension ?? (lineDimension as unknown as EngineDimension<C, P>);
    this.merger = new ShardMerger<C, P, S>((m) => this.forward(m), this.dimension);
    this.createWorker = options.createWorker ?? workerOf;
    this.cores = options.cores ?? (typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1);
  }

  /** Workers training the current experiment. */
  get workerCount(): number {
    return this.workers.length;
  }

  send(message: ToWorker<C>): void {
    switch (message.type) {
      case 'init':
      case 'reset':
        this.start(message.type, message.config);
        return;
      case 'speed':
        this.speed = message;
        break;
      case 'live':
        if (this.workers.length > 1) { this.liveWhenAligned(message); return; }
        break;
      case 'step':
      case 'generator-update':
        // every worker takes these steps itself: none is behind the others meanwhile
        this.workers.forEach((_, shard) => this.catchingUp.set(shard, this.merger.stepOf(shard) + (message.type === 'step' ? message.generatorSteps : 1)));
        break;
      case 'play':
      case 'pause':
        this.playing = message.type === 'play';
        this.resuming = false;
        this.limit = null; // a worker drops its limit on play; a pause needs none
        if (this.pendingLive) { this.pendingLive.resume = this.playing; return; }
        break;
    }
    for (const w of this.workers) w.postMessage(message);
  }

  /**
   * Several workers stand at different steps while they play: a live change must take effect at
   * one step for all, so they pause, the ones behind catch up, the change goes to every worker,
   * and play resumes if it was on.
   */
  private liveWhenAligned(message: Extract<ToWorker<C>, { type: 'live' }>): void {
    const resume = this.pendingLive?.resume ?? this.playing;
    this.pendingLive = { message, resume };
    for (const w of this.workers) w.postMessage({ type: 'pause' } satisfies ToWorker<C>);
    this.catchUp();
  }

  private start(type: 'init' | 'reset', config: C): void {
    const { runs } = this.dimension.expandRuns(config);
    const { backend, workers } = this.dimension.placement(config);
    const shards = planShards(runs, expectedBackend(backend), this.cores, workers);
    while (this.workers.length > shards.length) this.workers.pop()!.terminate();
    while (this.workers.length < shards.length) this.workers.push(this.spawn(this.workers.length));
    this.catchingUp.clear();
    this.pendingLive = null;
    this.playing = false;
    this.limit = null;
    this.generation += 1;
    this.merger.plan(shards, this.generation);
    const whole = shards.length === 1;
    this.workers.forEach((w, s) => w.postMessage({ type, config, runs: whole ? undefined : shards[s], generation: this.generation } satisfies ToWorker<C>));
  }

  private spawn(shard: number): Worker {
    const worker = this.createWorker();
    worker.onmessage = (e: MessageEvent<FromWorker<P, S, C>>) => {
      if (this.workers[shard] !== worker) return;
      const msg = e.data;
      if (msg.type === 'state') {
        const target = this.catchingUp.get(shard);
        if (target !== undefined && (msg.step >= target || msg.finished)) this.catchingUp.delete(shard);
      }
      this.merger.accept(shard, msg);
      if (msg.type === 'state') { this.catchUp(); this.holdLeaders(); }
    };
    worker.onerror = (e: ErrorEvent) => {
      for (const l of this.listeners) l({ type: 'error', message: `Training worker failed: ${e.message}` });
    };
    if (this.speed) worker.postMessage(this.speed);
    return worker;
  }

  /**
   * Once every worker has paused, steps the ones behind to the leader's step, so that a pause is
   * one step for the whole experiment. A worker whose report was older than its pause may
   * overshoot; the others then catch up with it in turn.
   */
  private catchUp(): void {
    const behind = this.merger.lagging();
    if (!behind) return;
    if (behind.length === 0 && this.catchingUp.size === 0 && this.pendingLive) {
      const { message, resume } = this.pendingLive;
      this.pendingLive = null;
      const step = this.merger.liveStep();
      for (const w of this.workers) w.postMessage({ ...message, step } satisfies ToWorker<C>);
      if (resume) {
        this.resuming = true;
        this.limit = null;
        for (const w of this.workers) w.postMessage({ type: 'play' } satisfies ToWorker<C>);
      }
      return;
    }
    for (const { shard, steps } of behind) {
      if (this.catchingUp.has(shard)) continue;
      this.catchingUp.set(shard, this.merger.stepOf(shard) + steps);
      this.workers[shard].postMessage({ type: 'step', generatorSteps: steps } satisfies ToWorker<C>);
    }
  }

  /**
   * While playing, keeps the workers within a short lead of the slowest one, so that a pause
   * (which must bring them all to one step) waits for little catching up.
   */
  private holdLeaders(): void {
    if (!this.playing || this.pendingLive || this.resuming) return;
    const limit = this.merger.leadLimit();
    if (limit === this.limit) return;
    this.limit = limit;
    for (const w of this.workers) w.postMessage({ type: 'limit', step: limit } satisfies ToWorker<C>);
  }

  /** Hands a merged message to the page, except the pause a live change takes on the way. */
  private forward(m: FromWorker<P, S, C>): void {
    if (m.type === 'state') {
      if (m.playing) this.resuming = false;
      else if (!m.finished && (this.resuming || this.pendingLive?.resume)) return;
    }
    for (const l of this.listeners) l(m);
  }

  /** Subscribes to engine messages; returns the unsubscribe function. */
  onMessage(listener: WorkerListener<P, S, C>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.listeners.clear();
    for (const w of this.workers.splice(0)) w.terminate();
  }
}
