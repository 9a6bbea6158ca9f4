// What the page's data-space, pushforward and monitor views need of every run at one step: the
// critic on an x grid and on real and fake samples, the samples, and the critic's estimates.
import * as tf from './tf';
import type { Config } from '../config/schema';
import type { RunSpec } from '../config/runs';
import type { GaussianGenerator } from './gaussianGenerator';
import type { MixtureSampler } from './prng';
import { Rng } from './prng';
import { estimateDivergences, snapshotGrid } from './readouts';
import type { RunSnapshot, Snapshot } from './protocol';

/** The trainer's parts a snapshot reads. */
export interface SnapshotSource {
  config: Config;
  runs: readonly RunSpec[];
  step: number;
  generator: GaussianGenerator;
  target: MixtureSampler;
  /** The critic each run uses (learned or d*) on x [R, N, 1]. */
  criticOutput(x: tf.Tensor): tf.Tensor;
  spectralNorms(): Promise<(number[] | null)[] | null>;
}

/** Samples are drawn from a stream of their own (seed and step), so a snapshot never moves training's. */
export async function takeSnapshot(src: SnapshotSource, samples: number, gridPoints: number): Promise<Snapshot> {
  const R = src.runs.length;
  const xGrid = snapshotGrid(src.config, gridPoints);
  const rngs = src.runs.map((r) => new Rng(r.seed ^ (src.step * 2654435761), 7));
  const real = new Float32Array(R * samples);
  const z = new Float32Array(R * samples);
  for (let r = 0; r < R; r++) {
    src.target.fill(rngs[r], real, r * samples, samples);
    rngs[r].fillNormal(z, r * samples, samples);
  }
  const tensors = tf.tidy(() => {
    const fakeX = src.generator.samples(tf.tensor3d(z, [R, samples, 1]));
    const gridX = tf.tile(tf.tensor3d(xGrid, [1, xGrid.length, 1]), [R, 1, 1]);
    return [src.criticOutput(gridX), src.criticOutput(tf.tensor3d(real, [R, samples, 1])), src.criticOutput(fakeX), fakeX, tf.clone(src.generator.point)];
  });
  const [g, dr, df, f, p] = await Promise.all(tensors.map((t) => t.data()));
  for (const t of tensors) t.dispose();
  const sigmas = await src.spectralNorms();
  const runs: RunSnapshot[] = [];
  for (let r = 0; r < R; r++) {
    const criticOnReal = Array.from(dr.subarray(r * samples, (r + 1) * samples));
    const criticOnFake = Array.from(df.subarray(r * samples, (r + 1) * samples));
    runs.push({
      run: r, mu: p[2 * r], sigma: p[2 * r + 1],
      criticOnGrid: Array.from(g.subarray(r * xGrid.length, (r + 1) * xGrid.length)),
      criticOnReal, criticOnFake,
      fakeSamples: Array.from(f.subarray(r * samples, (r + 1) * samples)),
      estimates: estimateDivergences(criticOnReal, criticOnFake),
      ...(sigmas?.[r] ? { spectralNorms: sigmas[r]! } : {}),
    });
  }
  return { step: src.step, xGrid, runs };
}
