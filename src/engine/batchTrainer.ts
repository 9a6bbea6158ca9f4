// The engine's one shell, whatever the dimension: a BatchTrainer trains the runs of a batch; an
// EngineDimension says how a problem's configuration becomes runs and how its points split into
// runs and join again; an EngineCore adds how a trainer is built. The session (schedules of live
// changes), the worker loop, the client that splits runs over workers and the headless driver are
// written once against these interfaces. 1-D: lineDimension.ts and lineCore.ts; 2-D:
// planar/dimension.ts and planar/core.ts.
import type { BackendChoice, WorkerCount } from '../config/schema';
import type { LiveSettings } from '../config/liveSettings';
import type { RunSpec } from '../config/runs';
import type { RunStopped, StepReadings } from './protocol';

/** What a configuration of either dimension holds that the shell reads. */
export interface ShellConfig extends LiveSettings {
  critics: 'learned' | 'optimal' | 'both';
}

export interface RecordedPoints<P> {
  points: P[];
  /** Runs that stopped since the last read. */
  stopped: RunStopped[];
}

/** What one chunk of training produced, read back once at its end. */
export interface ChunkResult<P> extends RecordedPoints<P> {
  step: number;
}

/** Runs (in the trainer's order) whose critic or generator optimizer starts afresh. */
export interface OptimizerResets {
  critic?: number[];
  generator?: number[];
}

export interface BatchTrainer<P, S, St extends { step: number }> {
  readonly runs: RunSpec[];
  readonly step: number;
  /** Critic updates done in the current generator step (0 between steps). */
  readonly phase: number;
  /** Critic updates per generator step. */
  readonly K: number;
  readonly activeRuns: number;
  readonly stopped: RunStopped[];
  /** Points are recorded every this many generator steps (1 in slow motion). */
  recordEvery: number;
  /** Trains n generator steps, then reads the chunk's points and stops once. */
  train(n: number): Promise<ChunkResult<P>>;
  /** The next critic update of the current generator step alone (slow motion). */
  criticUpdate(): void;
  /** The generator update that ends the current step, once its critic updates are done. */
  generatorUpdate(): void;
  /** Records the current step unless it is recorded already. */
  recordCurrent(): void;
  flush(): Promise<RecordedPoints<P>>;
  /** What the page's views draw, at the current step. */
  snapshot(): Promise<S>;
  exportState(): Promise<St>;
  /** Continues from an exported state (same runs; how training proceeds may differ). */
  importState(state: St, reset?: OptimizerResets): void;
  dispose(): void;
}

/** A point as the shell sees it: a step, and the readings of the step that ended there. */
export interface ShellPoint {
  step: number;
  readings?: StepReadings;
}

/** How a trainer is built: every core takes at least the recording stride. */
export interface TrainerBuildOptions {
  recordEvery?: number;
}

/** A snapshot as the shell sees it: a step and one entry per run. */
export interface ShellSnapshot {
  step: number;
  runs: { run: number }[];
}

/** A problem's dimension as the page's side of the shell needs it (no tfjs): how a configuration
 * becomes runs and where they train, and how a point splits into runs and joins again.
 * `RunPoint` is what a point holds of one run. */
export interface EngineDimension<C extends ShellConfig, P extends ShellPoint, RunPoint = unknown> {
  readonly dimension: 1 | 2;
  expandRuns(config: C): { runs: RunSpec[]; skipped: string[] };
  /** The backend and workers the configuration asks for. */
  placement(config: C): { backend: BackendChoice; workers: WorkerCount };
  runsOfPoint(point: P): RunPoint[];
  pointOf(step: number, runs: RunPoint[], readings: StepReadings | undefined): P;
}

/** A dimension with its trainer: what the worker loop, the session and the headless driver need. */
export interface EngineCore<C extends ShellConfig, P extends ShellPoint, S extends ShellSnapshot, St extends { step: number }, RunPoint = unknown, O extends TrainerBuildOptions = TrainerBuildOptions> extends EngineDimension<C, P, RunPoint> {
  build(config: C, runs: RunSpec[], options: O): BatchTrainer<P, S, St>;
  /** What to reduce when training runs out of memory, e.g. "reduce the critic (...): arch=20x20". */
  reduceAdvice(config: C): string;
}
