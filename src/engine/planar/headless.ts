// Runs a two-dimensional experiment outside the browser (the headless command, tests): one batch
// in this thread, with q's moments, the squared Fréchet distance to the target's moment-matched
// Gaussian along the way, and each run's final parameters named by its family.
import type { PlanarConfig } from '../../config/planar';
import { expandPlanarRuns } from '../../config/planar';
import type { SchemeConfig } from '../../config/schema';
import type { LandscapeId } from '../../math/catalog';
import { frechetDistanceSquared, type Gaussian2 } from '../../math/planar/gaussian2';
import { planarMoments } from '../../math/planar/mixture2';
import { selectBackend } from '../backend';
import * as tf from '../tf';
import type { BackendInfo } from '../protocol';
import type { FinalParameters } from './families';
import type { PlanarPoint } from './protocol';
import { PlanarTrainer } from './trainer';
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
  interrupted: boolean;
  /** Which steps the trajectories hold. */
  recording: string;
  /** The columns of each run's readings rows. */
  readingColumns: readonly string[];
}

export interface PlanarExperimentOptions {
  backend?: 'wasm' | 'cpu' | 'current';
  chunk?: number;
  recordEvery?: number;
  onProgress?: (step: number, total: number) => void;
  signal?: AbortSignal;
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

function row(step: number, g: Gaussian2, truth: Gaussian2): number[] {
  return [step, g.mean[0], g.mean[1], g.cov[0][0], g.cov[0][1], g.cov[1][1], frechetDistanceSquared(g, truth)];
}

export async function runPlanarExperiment(config: PlanarConfig, options: PlanarExperimentOptions = {}): Promise<PlanarExperimentResult> {
  if (options.backend !== 'current') await selectBackend(options.backend ?? 'wasm');
  const { runs, skipped } = expandPlanarRuns(config);
  const start = performance.now();
  const recordEvery = options.recordEvery ?? FULL_SPEED_STRIDE;
  const trainer = new PlanarTrainer(config, runs, { recordEvery });
  const truth = planarMoments(config.target);
  const trajectories: number[][][] = runs.map(() => []);
  const readings: (number | null)[][][] = runs.map(() => []);
  const keep = (points: PlanarPoint[]) => {
    for (const p of points) p.runs.forEach((g, r) => { trajectories[r].push(row(p.step, g, truth)); readings[r].push(readingRow(p.readings, r)); });
  };
  const stopped = new Map<number, string>();
  let interrupted = false;
  try {
    const startNorms = await trainer.generatorGradientNorms();
    const chunk = options.chunk ?? 100;
    while (trainer.step < config.steps) {
      if (options.signal?.aborted) { interrupted = true; break; }
      const result = await trainer.train(Math.min(chunk, config.steps - trainer.step));
      keep(result.points);
      for (const s of result.stopped) stopped.set(s.run, s.reason);
      options.onProgress?.(trainer.step, config.steps);
      await yieldToEvents();
    }
    trainer.recordCurrent();
    const last = await trainer.train(0);
    keep(last.points);
    const [finals, endNorms] = [await trainer.finalParameters(), await trainer.generatorGradientNorms()];
    return {
      config, backend: tf.getBackend() as BackendInfo['name'], skipped, interrupted, seconds: (performance.now() - start) / 1000,
      recording: headlessRecording(recordEvery), readingColumns: READING_KEYS,
      runs: runs.map((run, r) => ({
        scheme: { ...run.scheme, label: run.label.split(' · ')[0] },
        minimises: run.minimises, critic: run.critic, seed: run.seed,
        trajectory: trajectories[r], readings: readings[r], final: finals[r],
        gradientNorm: { start: startNorms[r], end: endNorms[r] },
        ...(stopped.has(r) ? { stopped: stopped.get(r) } : {}),
      })),
    };
  } finally {
    trainer.dispose();
  }
}
