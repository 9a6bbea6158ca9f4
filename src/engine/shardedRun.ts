// Runs a whole experiment of either dimension outside the browser (headless commands, tests,
// bench). As in the page, the runs are split over worker threads where that pays (shards.ts):
// each thread trains its runs as one batch with a session of the dimension's core, a recorder
// keeps what the result needs of each run, and the runs come back in run order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as tf from './tf';
import type { RunSpec } from '../config/runs';
import { selectBackend } from './backend';
import { planShards } from './shards';
import { TrainingSession } from './session';
import type { BatchTrainer, EngineCore, ShellConfig, ShellPoint, ShellSnapshot, TrainerBuildOptions } from './batchTrainer';
import type { BackendInfo, RunStopped } from './protocol';

/** What the headless result keeps of a thread's runs while they train, and gives back for each. */
export interface RunRecorder<P, Out> {
  /** Before the first step (e.g. the generator's gradient at the start). */
  begin(trainer: BatchTrainer<P, unknown, { step: number }>): Promise<void>;
  add(points: P[]): void;
  /** After the last step: one output per run, in the trainer's run order. */
  finish(trainer: BatchTrainer<P, unknown, { step: number }>, stopped: RunStopped[]): Promise<Out[]>;
}

/** A dimension as the headless driver runs it: its core, and a recorder for the result it writes. */
export interface HeadlessDimension<C extends ShellConfig, P extends ShellPoint, Out> {
  core: EngineCore<C, P, ShellSnapshot, { step: number }, unknown, TrainerBuildOptions>;
  recorder(config: C, runs: RunSpec[]): RunRecorder<P, Out>;
}

export interface ShardedOptions {
  /** Activate this backend first; 'current' keeps the active one (and trains in this thread). */
  backend?: 'wasm' | 'cpu' | 'current';
  /** Generator steps between two readbacks. */
  chunk?: number;
  /** Cores to plan worker threads for (default: os.availableParallelism()). */
  cores?: number;
  onProgress?: (step: number, total: number) => void;
  /** Stops training at the end of the current chunk; the result holds what trained so far. */
  signal?: AbortSignal;
}

/** What one thread's trainer produced for its runs, in their order. */
export interface TrainedRuns<Out> {
  backend: BackendInfo['name'];
  runs: Out[];
  /** Local run index and cause of each run that stopped. */
  stopped: [number, string][];
  interrupted: boolean;
  /** The generator step training ended at. */
  steps: number;
}

export interface ShardedResult<Out> {
  backend: BackendInfo['name'];
  /** In run order, with the cause of each run that stopped. */
  runs: { spec: RunSpec; out: Out; stopped?: string }[];
  skipped: string[];
  seconds: number;
  /** Worker threads that trained the runs (1: in this thread). */
  workers: number;
  interrupted: boolean;
}

/** Lets timers, signals and thread messages run between two chunks (training never awaits a macrotask). */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

export type TrainRunsOptions<O> = Omit<ShardedOptions, 'backend' | 'cores'> & {
  trainer?: O;
  /** After an interruption at a step, the step to end at (at least that one): threads stopped at
   * different chunk ends train on to one step, so that every run of the result ends there. */
  endAfterInterrupt?: (step: number) => Promise<number>;
};

/** Trains the given runs as one batch on the active backend, following the configuration's schedule. */
export async function trainRuns<C extends ShellConfig, P extends ShellPoint, Out>(dimension: HeadlessDimension<C, P, Out>, config: C, runs: RunSpec[], options: TrainRunsOptions<TrainerBuildOptions>): Promise<TrainedRuns<Out>> {
  const session = new TrainingSession(dimension.core, config, runs.map((r) => r.index), options.trainer ?? {});
  const recorder = dimension.recorder(config, runs);
  const chunk = options.chunk ?? 200;
  let interrupted = false;
  let end = config.steps;
  try {
    await recorder.begin(session.trainer);
    recorder.add((await session.report()).points);
    while (session.step < end) {
      await yieldToEvents();
      if (options.signal?.aborted && !interrupted) {
        interrupted = true;
        end = Math.min(config.steps, options.endAfterInterrupt ? await options.endAfterInterrupt(session.step) : session.step);
        continue;
      }
      recorder.add((await session.train(Math.min(chunk, end - session.step))).points);
      options.onProgress?.(session.step, config.steps);
      if (session.activeRuns === 0) break;
    }
    const runsOut = await recorder.finish(session.trainer, session.stopped);
    return {
      backend: tf.getBackend() as BackendInfo['name'], runs: runsOut, interrupted, steps: session.step,
      stopped: session.stopped.map((s) => [s.run, s.reason]),
    };
  } finally {
    session.dispose();
  }
}

/** The data a worker thread starts from (headlessWorker.ts). */
export interface HeadlessWorkerData {
  dimension: 1 | 2;
  config: ShellConfig;
  runs: number[];
  backend: 'wasm' | 'cpu';
  options: { chunk?: number; trainer?: TrainerBuildOptions };
}

/** What the main thread tells a training thread: stop at the end of the chunk and say where
 * (interrupt), then train on to the step every thread ends at (end-at). */
export type HeadlessWorkerCommand = { type: 'interrupt' } | { type: 'end-at'; step: number };

export type HeadlessWorkerMessage =
  | { type: 'progress'; step: number }
  | { type: 'interrupted-at'; step: number }
  | { type: 'done'; result: TrainedRuns<unknown> }
  | { type: 'error'; message: string };

/**
 * Where interrupted threads end: each says the step it stopped at (or finished at), and once all
 * have, every thread still waiting is told the furthest of them.
 */
class InterruptedEnd {
  private readonly steps: (number | null)[];
  private readonly waiting = new Map<number, (step: number) => void>();
  constructor(threads: number) {
    this.steps = new Array<number | null>(threads).fill(null);
  }
  stoppedAt(thread: number, step: number, endAt?: (step: number) => void): void {
    this.steps[thread] = step;
    if (endAt) this.waiting.set(thread, endAt);
    if (this.steps.some((s) => s === null)) return;
    const end = Math.max(...(this.steps as number[]));
    for (const tell of this.waiting.values()) tell(end);
    this.waiting.clear();
  }
}

function trainInThread<Out>(data: HeadlessWorkerData, thread: number, ends: InterruptedEnd, onProgress: (step: number) => void, signal?: AbortSignal): Promise<TrainedRuns<Out>> {
  return new Promise((resolve, reject) => {
    // the .mjs entry registers tsx, so that the thread runs the same TypeScript modules
    const worker = new Worker(new URL('./headlessWorker.mjs', import.meta.url), { workerData: data });
    const interrupt = () => worker.postMessage({ type: 'interrupt' } satisfies HeadlessWorkerCommand);
    if (signal?.aborted) interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    worker.on('exit', () => signal?.removeEventListener('abort', interrupt));
    worker.on('message', (m: HeadlessWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.step);
      else if (m.type === 'interrupted-at') ends.stoppedAt(thread, m.step, (step) => worker.postMessage({ type: 'end-at', step } satisfies HeadlessWorkerCommand));
      else if (m.type === 'done') { ends.stoppedAt(thread, m.result.steps); resolve(m.result as TrainedRuns<Out>); void worker.terminate(); }
      else { reject(new Error(m.message)); void worker.terminate(); }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => { if (code !== 0) reject(new Error(`a training thread exited with code ${code}`)); });
  });
}

/** Trains every run of `config`, split over threads as shards.ts plans, and returns them in run order. */
export async function runSharded<C extends ShellConfig, P extends ShellPoint, Out>(dimension: HeadlessDimension<C, P, Out>, config: C, options: ShardedOptions & { trainer?: TrainerBuildOptions } = {}): Promise<ShardedResult<Out>> {
  const { backend: choice = 'wasm', cores = availableParallelism(), onProgress, signal, chunk, trainer } = options;
  const { runs, skipped } = dimension.core.expandRuns(config);
  const shards = choice === 'current' ? [runs.map((r) => r.index)] : planShards(runs, choice, cores, dimension.core.placement(config).workers);
  const start = performance.now();
  let parts: TrainedRuns<Out>[];
  if (shards.length === 1) {
    if (choice !== 'current') await selectBackend(choice);
    await tf.ready();
    parts = [await trainRuns(dimension, config, runs, { chunk, trainer, onProgress, signal })];
  } else {
    const steps = shards.map(() => 0);
    const ends = new InterruptedEnd(shards.length);
    parts = await Promise.all(shards.map((indices, s) => trainInThread<Out>(
      { dimension: dimension.core.dimension, config, runs: indices, backend: choice as 'wasm' | 'cpu', options: { chunk, trainer } }, s, ends,
      (step) => { steps[s] = step; onProgress?.(Math.min(...steps), config.steps); },
      signal,
    )));
  }
  const byRun = new Map<number, { part: TrainedRuns<Out>; local: number }>();
  shards.forEach((indices, s) => indices.forEach((run, local) => byRun.set(run, { part: parts[s], local })));
  return {
    backend: parts[0].backend, skipped, workers: shards.length,
    seconds: (performance.now() - start) / 1000,
    interrupted: parts.some((p) => p.interrupted),
    runs: runs.map((spec) => {
      const { part, local } = byRun.get(spec.index)!;
      const stopped = part.stopped.find(([r]) => r === local)?.[1];
      return { spec, out: part.runs[local], ...(stopped ? { stopped } : {}) };
    }),
  };
}
