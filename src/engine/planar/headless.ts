// Runs a two-dimensional experiment outside the browser (the headless command, tests) with the
// shell's headless driver (../shardedRun.ts): runs split over threads where that pays, with q's
// moments, the squared Fréchet distance to the target's moment-matched Gaussian along the way,
// and each run's final parameters named by its family.
import type { PlanarConfig } from '../../config/planar';
import type { RunSpec } from '../../config/runs';
import type { SchemeConfig } from '../../config/schema';
import type { LandscapeId } from '../../math/catalog';
import { frechetDistanceSquared, type Gaussian2 } from '../../math/planar/gaussian2';
import { planarMoments } from '../../math/planar/mixture2';
import type { BackendInfo } from '../protocol';
import type { FinalParameters } from './families';
import type { PlanarPoint } from './protocol';
import type { PlanarTrainer } from './trainer';
import { planarCore } from './core';
import { runSharded, type HeadlessDimension, type RunRecorder, type ShardedOptions } from '../shardedRun';
import { READING_KEYS, readingRow } from '../trajectory';
import { FULL_SPEED_STRIDE, headlessRecording } from '../recordStride';

export interface PlanarRunResult {
  scheme: SchemeConfig & { label: string };
  minimises: LandscapeId | null;
  critic: 'learned' | 'optimal';
  seed: number;
  /** [step, mean x, mean y, cov xx, cov xy, cov yy, squared Fréchet distance] every recorded step. */
  trajectory: number[][];
  /** Beside each trajectory row, the readings of the step that ended there, in the order of the
   * result's readingColumns (null where there is none: at step 0, an optimal critic's loss). */
  readings: (number | null)[][];
  final: FinalParameters;
  /** The norm of the generator's gradient at the start and at the end (one fixed batch of 1024). */
  gradientNorm: { start: number; end: number };
  stopped?: string;
}

export interface PlanarExperimentResult {
  config: PlanarConfig;
  backend: BackendInfo['name'];
  runs: PlanarRunResult[];
  skipped: string[];
  seconds: number;
  /** Worker threads that trained the runs (1: in this thread). */
  workers: number;
  interrupted: boolean;
  /** Which steps the trajectories hold. */
  recording: string;
  /** The columns of each run's readings rows. */
  readingColumns: readonly string[];
}

export interface PlanarExperimentOptions extends ShardedOptions {
  recordEvery?: number;
}

type PlanarRunOut = Pick<PlanarRunResult, 'trajectory' | 'readings' | 'final' | 'gradientNorm'>;

function row(step: number, g: Gaussian2, truth: Gaussian2): number[] {
  return [step, g.mean[0], g.mean[1], g.cov[0][0], g.cov[0][1], g.cov[1][1], frechetDistanceSquared(g, truth)];
}

/** The norm of each run's generator gradient on a fixed batch of 1024 (trainer.generatorGradient). */
async function gradientNorms(trainer: PlanarTrainer): Promise<number[]> {
  const { grads } = await trainer.generatorGradient(1024);
  return trainer.runs.map((_, r) => Math.sqrt(grads.reduce((sum, g) => {
    const per = g.length / trainer.R;
    let s = 0;
    for (let i = r * per; i < (r + 1) * per; i++) s += g[i] * g[i];
    return sum + s;
  }, 0)));
}

/** The 2-D headless result's recorder: moments and Fréchet distance at each point, the final
 * parameters, and the generator's gradient norm at the start and at the end. */
function planarRecorder(config: PlanarConfig, runs: RunSpec[]): RunRecorder<PlanarPoint, PlanarRunOut> {
  const truth = planarMoments(config.target);
  const trajectories: number[][][] = runs.map(() => []);
  const readings: (number | null)[][][] = runs.map(() => []);
  let startNorms: number[] = [];
  const add = (points: PlanarPoint[]) => {
    for (const p of points) p.runs.forEach((g, r) => { trajectories[r].push(row(p.step, g, truth)); readings[r].push(readingRow(p.readings, r)); });
  };
  return {
    begin: async (trainer) => { startNorms = await gradientNorms(trainer as PlanarTrainer); },
    add,
    finish: async (trainer) => {
      trainer.recordCurrent();
      add((await trainer.flush()).points);
      const planar = trainer as PlanarTrainer;
      const [finals, endNorms] = [await planar.finalParameters(), await gradientNorms(planar)];
      return runs.map((_, r) => ({ trajectory: trajectories[r], readings: readings[r], final: finals[r], gradientNorm: { start: startNorms[r], end: endNorms[r] } }));
    },
  };
}

/** The 2-D problems for the headless driver (../shardedRun.ts). */
export const planarHeadless: HeadlessDimension<PlanarConfig, PlanarPoint, PlanarRunOut> = { core: planarCore, recorder: planarRecorder };

export async function runPlanarExperiment(config: PlanarConfig, options: PlanarExperimentOptions = {}): Promise<PlanarExperimentResult> {
  const { recordEvery = FULL_SPEED_STRIDE, chunk = 100, ...rest } = options;
  const result = await runSharded(planarHeadless, config, { ...rest, chunk, trainer: { recordEvery } });
  return {
    config, backend: result.backend, skipped: result.skipped, interrupted: result.interrupted, seconds: result.seconds, workers: result.workers,
    recording: headlessRecording(recordEvery), readingColumns: READING_KEYS,
    runs: result.runs.map(({ spec, out, stopped }) => ({
      scheme: { ...spec.scheme, label: spec.label.split(' · ')[0] },
      minimises: spec.minimises, critic: spec.critic, seed: spec.seed,
      ...out,
      ...(stopped ? { stopped } : {}),
    })),
  };
}
