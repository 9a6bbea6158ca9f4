// Messages between the page and the training worker, and the engine's result types. Plain data
// only (structured-clone friendly), so the same types serve the worker, the headless command
// and the tests.
import type { BackendChoice, Config, LiveChange } from '../config/schema';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** The user's choice that led here. */
  requested: BackendChoice;
  /** True when WebGL runs on a software rasteriser (SwiftShader, llvmpipe). */
  softwareRenderer: boolean;
  /** One sentence explaining a fallback, or null when the requested backend is in use. */
  fallbackReason: string | null;
  /** Why the engine fell back, for the page to say in plain words (absent without a fallback). */
  fallbackCause?: FallbackCause;
}

/** software-webgl: WebGL is drawn by the processor; no-webgl: the browser has none; webgl-failed,
 * context-lost: it failed to start or was lost; wasm-failed: WebAssembly failed too (cpu). */
export type FallbackCause = 'software-webgl' | 'no-webgl' | 'webgl-failed' | 'context-lost' | 'wasm-failed';

/**
 * What the generator step that ended at a point measured, one entry per run in run order: the
 * critic's loss at its last update of the step (penalty included), the generator's loss, and the
 * norms of both players' parameter gradients (without the learning rate). null where a run has
 * none: an optimal critic has no loss and no parameters.
 */
export interface StepReadings {
  criticLoss: (number | null)[];
  generatorLoss: (number | null)[];
  criticGradNorm: (number | null)[];
  generatorGradNorm: (number | null)[];
}

/** Generator parameters of every run after a given generator step. */
export interface TrajectoryPoint {
  step: number;
  /** One entry per run, in run order. */
  mu: number[];
  sigma: number[];
  /** The step's losses and gradient norms (absent at step 0 and where none were kept). */
  readings?: StepReadings;
}

export interface RunStopped {
  run: number;
  step: number;
  /** Names the step and the cause, e.g. "NaN in the critic loss at generator step 312". */
  reason: string;
}

/** What the page needs to draw the data-space, pushforward and monitor views of each run. */
export interface RunSnapshot {
  run: number;
  mu: number;
  sigma: number;
  /** Learned critic d(x) on snapshot.xGrid (the optimal-critic runs report d*). */
  criticOnGrid: number[];
  /** Critic outputs on a batch of real and of fake samples (pushforward histograms). */
  criticOnReal: number[];
  criticOnFake: number[];
  /** Generator samples (data-space histogram). */
  fakeSamples: number[];
  /** The critic's estimate E_f(p, q_t, d) of each catalog divergence (paper §5.4), by id. */
  estimates: Record<string, number>;
  /** A spectrally normalised learned critic: the sigma_max estimate of each weight matrix, input layer first. */
  spectralNorms?: number[];
}

export interface Snapshot {
  step: number;
  /** Critic updates done in the generator step after `step` (slow motion; 0 between steps). */
  phase?: number;
  xGrid: number[];
  runs: RunSnapshot[];
}

/** What the page tells a training worker, for a problem whose configuration is C (1-D by default). */
export type ToWorker<C = Config> =
  /** `runs`: the indices (in expandRuns order) this worker trains; all when absent (src/engine/shards.ts).
   * `generation`: the experiment's number, which every report about it carries. */
  | { type: 'init'; config: C; runs?: number[]; generation?: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; generatorSteps: number }
  /** Slow motion: the next critic update of the current generator step, or its generator update. */
  | { type: 'critic-update' }
  | { type: 'generator-update' }
  | { type: 'reset'; config: C; runs?: number[]; generation?: number }
  /** New settings of how training proceeds, from the next generator step on (src/config/schedule.ts);
   * `step`: not before this step (several workers agree on one); `ahead`: the schedule after that
   * step, replacing the running one's (absent: the running one's later changes are dropped). */
  | { type: 'live'; config: C; step?: number; ahead?: LiveChange[] }
  /** Generator steps per second while playing; 0 is full speed (chunks sized by measured time). */
  | { type: 'speed'; stepsPerSecond: number }
  /** While playing, a generator step not to pass (null: none): the client keeps several workers
   * within a few chunks of one another, so that a pause brings them to one step quickly. */
  | { type: 'limit'; step: number | null }
  /** `mark`: also record the current step as a trajectory point (training is paused there). */
  | { type: 'snapshot'; mark?: boolean };

/** What a training worker reports: points P and snapshots S of a problem whose configuration is C,
 * each report with the generation of the experiment it is about (the number its init or reset
 * gave), so that what an experiment sends after it was replaced is told apart. */
export type FromWorker<P = TrajectoryPoint, S = Snapshot, C = Config> = WorkerReport<P, S, C> & { generation?: number };

type WorkerReport<P, S, C> =
  /** `workers`: how many workers share the runs (set by the client that merges them). */
  | { type: 'ready'; backend: BackendInfo; runCount: number; workers?: number }
  /** `msPerStep`: measured time of one generator step in the last chunk (0 when unknown). */
  | { type: 'trajectory'; points: P[]; stepsPerSecond: number; msPerStep?: number }
  /** A live change was scheduled at `step`: `config` is the experiment with its schedule. */
  | { type: 'live-applied'; config: C; step: number }
  | { type: 'snapshot'; snapshot: S }
  | { type: 'run-stopped'; stopped: RunStopped }
  /** `phase`: critic updates done in the current generator step (slow motion). */
  | { type: 'state'; playing: boolean; step: number; finished: boolean; phase?: number }
  /** Training moved to another backend and goes on from where it was (a lost WebGL context). */
  | { type: 'backend'; backend: BackendInfo }
  | { type: 'notice'; message: string }
  /** `outOfMemory`: the backend ran out of memory; the message says what to reduce. */
  | { type: 'error'; message: string; outOfMemory?: boolean };
