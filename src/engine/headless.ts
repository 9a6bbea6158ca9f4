// Runs a whole 1-D experiment outside the browser (headless command, tests, bench) with the
// shell's headless driver (shardedRun.ts): runs split over threads, results in run order.
import type { Config, SchemeConfig } from '../config/schema';
import type { RunSpec } from '../config/runs';
import type { LandscapeId } from '../config/schema';
import { DEFAULT_RECORD_EVERY, type TrainerOptions } from './trainer';
import { appendPoints, READING_KEYS, Trajectory } from './trajectory';
import { headlessRecording } from './recordStride';
import { lineCore } from './lineCore';
import { runSharded, type HeadlessDimension, type RunRecorder, type ShardedOptions } from './shardedRun';
import type { BackendInfo, TrajectoryPoint } from './protocol';

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

export interface ExperimentOptions extends TrainerOptions, ShardedOptions {}

/** What the 1-D result keeps of a run: its trajectory with readings, and where it ended. */
interface LineRunOut {
  trajectory: [number, number, number][];
  readings: (number | null)[][];
  final: { mu: number; sigma: number };
}

/** The 1-D headless result's recorder: trajectories, and each run's final point (the last step
 * trained ends the trajectory of a run still training, recorded or not). */
function lineRecorder(_config: Config, runs: RunSpec[]): RunRecorder<TrajectoryPoint, LineRunOut> {
  const trajectories = runs.map(() => new Trajectory());
  let last: TrajectoryPoint | null = null;
  return {
    begin: async () => {},
    add: (points) => { appendPoints(trajectories, points); last = points.at(-1) ?? last; },
    finish: async (trainer, stopped) => {
      trainer.recordCurrent();
      const final = (await trainer.flush()).points.at(-1) ?? last!;
      trajectories.forEach((t, r) => { if (!stopped.some((s) => s.run === r)) t.append(trainer.step, final.mu[r], final.sigma[r]); });
      return trajectories.map((t, r) => ({ trajectory: t.points(), readings: t.readingRows(), final: { mu: final.mu[r], sigma: final.sigma[r] } }));
    },
  };
}

/** The 1-D problem for the headless driver (shardedRun.ts). */
export const lineHeadless: HeadlessDimension<Config, TrajectoryPoint, LineRunOut> = { core: lineCore, recorder: lineRecorder };

export async function runExperiment(config: Config, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  const { backend, cores, onProgress, signal, chunk, ...trainer } = options;
  const result = await runSharded(lineHeadless, config, { backend, cores, onProgress, signal, chunk, trainer });
  return {
    config, backend: result.backend, skipped: result.skipped, workers: result.workers, seconds: result.seconds, interrupted: result.interrupted,
    recording: headlessRecording(trainer.recordEvery ?? DEFAULT_RECORD_EVERY),
    readingColumns: READING_KEYS,
    runs: result.runs.map(({ spec, out, stopped }) => ({
      scheme: { label: spec.label.split(' · ')[0], ...spec.scheme },
      minimises: spec.minimises,
      critic: spec.critic,
      seed: spec.seed,
      ...out,
      ...(stopped ? { stopped } : {}),
    })),
  };
}
