// Runs a whole experiment with the engine outside the browser (headless command, tests, bench).
// As in the page, the runs are split over worker threads where that pays (src/engine/shards.ts):
// each thread trains its runs as one batch, and the results come back in run order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import * as tf from './tf';
import type { Config, SchemeConfig } from '../config/schema';
import { expandRuns, type RunSpec } from '../config/runs';
import type { LandscapeId } from '../config/schema';
import { selectBackend } from './backend';
import { planShards } from './shards';
import type { TrainerOptions } from './trainer';
import { TrainingSession } from './session';
import { appendPoints, READING_KEYS, Trajectory } from './trajectory';
import { DEFAULT_RECORD_EVERY } from './trainer';
import { headlessRecording } from './recordStride';
import type { BackendInfo } from './protocol';

export interface ExperimentRunResult {
  scheme: SchemeConfig & { label: string };
  minimises: LandscapeId | null;
  critic: 'learned' | 'optimal';
  seed: number;
  /** [step, mu, sigma] every recordEvery generator steps, from step 0. */
  trajectory: [number, number, number][];
  /** Beside each trajectory row, the readings of the step that ended there, in the order of the
   * result's readingColumns (null where there is none: at step 0, an optimal critic's loss). */
  readings: (number | null)[][];
  final: { mu: number; sigma: number };
  stopped?: string;
}

export interface ExperimentResult {
  config: Config;
  backend: BackendInfo['name'];
  runs: ExperimentRunResult[];
  skipped: string[];
  seconds: number;
  /** Worker threads that trained the runs (1: in this thread). */
  workers: number;
  /** True when the signal stopped training early: the runs hold what had trained by then. */
  interrupted: boolean;
  /** Which steps the trajectories hold. */
  recording: string;
  /** The columns of each run's readings rows. */
  readingColumns: readonly string[];
}

export interface ExperimentOptions extends TrainerOptions {
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

/** What one thread's Trainer produced for its runs, in their order. */
interface TrainedRuns {
  backend: BackendInfo['name'];
  trajectories: [number, number, number][][];
  readings: (number | null)[][][];
  final: { mu: number[]; sigma: number[] };
  stopped: [number, string][];
  interrupted: boolean;
  /** The generator step training ended at. */
  steps: number;
}

/** Lets timers, signals and thread messages run between two chunks (training never awaits a macrotask). */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

type TrainRunsOptions = Omit<ExperimentOptions, 'backend' | 'cores'> & {
  /** After an interruption at a step, the step to end at (at least that one): threads stopped at
   * different chunk ends train on to one step, so that every run of the result ends there. */
  endAfterInterrupt?: (step: number) => Promise<number>;
};

/** Trains the given runs as one batch on the active backend. */
export async function trainRuns(config: Config, runs: RunSpec[], options: TrainRunsOptions): Promise<TrainedRuns> {
  // a session follows the configuration's schedule of live changes, as the page does
  const trainer = new TrainingSession(config, runs.map((r) => r.index), options);
  const trajectories = runs.map(() => new Trajectory());
  const chunk = options.chunk ?? 200;
  let interrupted = false;
  let end = config.steps;
  try {
    while (trainer.step < end) {
      await yieldToEvents();
      if (options.signal?.aborted && !interrupted) {
        interrupted = true;
        end = Math.min(config.steps, options.endAfterInterrupt ? await options.endAfterInterrupt(trainer.step) : trainer.step);
        continue;
      }
      const n = Math.min(chunk, end - trainer.step);
      const { points } = await trainer.train(n);
      appendPoints(trajectories, points);
      options.onProgress?.(trainer.step, config.steps);
      if (trainer.activeRuns === 0) break;
    }
    const final = await trainer.parameters();
    const stopped: [number, string][] = trainer.stopped.map((s) => [s.run, s.reason]);
    // the trajectory of a run still training ends at the last step trained, recorded or not
    trajectories.forEach((t, r) => {
      if (!stopped.some(([run]) => run === r)) t.append(trainer.step, final.mu[r], final.sigma[r]);
    });
    return {
      backend: tf.getBackend() as BackendInfo['name'], trajectories: trajectories.map((t) => t.points()), readings: trajectories.map((t) => t.readingRows()),
      final, stopped, interrupted, steps: trainer.step,
    };
  } finally {
    trainer.dispose();
  }
}

/** The data a worker thread starts from (src/engine/headlessWorker.ts). */
export interface HeadlessWorkerData {
  config: Config;
  runs: number[];
  backend: 'wasm' | 'cpu';
  options: Omit<ExperimentOptions, 'backend' | 'cores' | 'onProgress' | 'signal'>;
}

/** What the main thread tells a training thread: stop at the end of the chunk and say where
 * (interrupt), then train on to the step every thread ends at (end-at). */
export type HeadlessWorkerCommand = { type: 'interrupt' } | { type: 'end-at'; step: number };

export type HeadlessWorkerMessage =
  | { type: 'progress'; step: number }
  | { type: 'interrupted-at'; step: number }
  | { type: 'done'; result: TrainedRuns }
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

function trainInThread(data: HeadlessWorkerData, thread: number, ends: InterruptedEnd, onProgress: (step: number) => void, signal?: AbortSignal): Promise<TrainedRuns> {
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
      else if (m.type === 'done') { ends.stoppedAt(thread, m.result.steps); resolve(m.result); void worker.terminate(); }
      else { reject(new Error(m.message)); void worker.terminate(); }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => { if (code !== 0) reject(new Error(`a training thread exited with code ${code}`)); });
  });
}

export async function runExperiment(config: Config, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  const { backend: backendChoice = 'wasm', cores = availableParallelism(), onProgress, signal, ...trainerOptions } = options;
  const { runs, skipped } = expandRuns(config);
  const shards = backendChoice === 'current' ? [runs.map((r) => r.index)] : planShards(runs, backendChoice, cores, config.workers);
  const start = performance.now();
  let parts: TrainedRuns[];
  if (shards.length === 1) {
    if (backendChoice !== 'current') await selectBackend(backendChoice);
    await tf.ready();
    parts = [await trainRuns(config, runs, { ...trainerOptions, onProgress, signal })];
  } else {
    const steps = shards.map(() => 0);
    const ends = new InterruptedEnd(shards.length);
    parts = await Promise.all(shards.map((indices, s) => trainInThread(
      { config, runs: indices, backend: backendChoice as 'wasm' | 'cpu', options: trainerOptions }, s, ends,
      (step) => { steps[s] = step; onProgress?.(Math.min(...steps), config.steps); },
      signal,
    )));
  }
  // back to run order
  const byRun = new Map<number, { part: TrainedRuns; local: number }>();
  shards.forEach((indices, s) => indices.forEach((run, local) => byRun.set(run, { part: parts[s], local })));
  return {
    config,
    backend: parts[0].backend,
    skipped,
    workers: shards.length,
    seconds: (performance.now() - start) / 1000,
    interrupted: parts.some((p) => p.interrupted),
    recording: headlessRecording(trainerOptions.recordEvery ?? DEFAULT_RECORD_EVERY),
    readingColumns: READING_KEYS,
    runs: runs.map((run) => {
      const { part, local } = byRun.get(run.index)!;
      const stopped = part.stopped.find(([r]) => r === local)?.[1];
      return {
        scheme: { label: run.label.split(' · ')[0], ...run.scheme },
        minimises: run.minimises,
        critic: run.critic,
        seed: run.seed,
        trajectory: part.trajectories[local],
        readings: part.readings[local],
        final: { mu: part.final.mu[local], sigma: part.final.sigma[local] },
        ...(stopped ? { stopped } : {}),
      };
    }),
  };
}
