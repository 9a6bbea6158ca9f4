// What the 2-D views are drawn from, read from a trainer at one step: the critics on a grid, samples
// with the generator's push on each, the pushforwards through d, and the true divergences by
// quadrature (float64, from q's moments) beside the squared Fréchet distance.
import * as tf from '../tf';
import { monitoredDivergences, type PlanarConfig } from '../../config/planar';
import type { RunSpec } from '../../config/runs';
import type { DivergenceId } from '../../math/criticBasis';
import { frechetDistanceSquared, gaussian2LogPdf, type Gaussian2 } from '../../math/planar/gaussian2';
import { planarMixtureLogPdf, planarMoments, planarSupport, PlanarMixtureSampler } from '../../math/planar/mixture2';
import { logDensityGrid, planarDivergenceSamples, planarDivergences, unionBox, type PlanarBox } from '../../math/planar/divergence2';
import { Rng } from '../prng';
import type { FinalParameters } from './families';
import type { PlanarRunSnapshot, PlanarSnapshot } from './protocol';
import { gridPoints, type PlanarGrid } from '../../math/planar/landscape2';

/** The trainer's parts the views read. */
export interface PlanarViewSource {
  config: PlanarConfig;
  runs: readonly RunSpec[];
  step: number;
  /** The learned critics on x [R, N, 2] (a run's own critic per row), or null without learned runs. */
  learnedOn(x: tf.Tensor): tf.Tensor | null;
  /** d* on x [R, N, 2], or null where q has no density. */
  optimalOn(x: tf.Tensor): tf.Tensor | null;
  /** The critic each run uses, and -dLoss/dx of the generator's loss at the samples x. */
  usedOn(x: tf.Tensor): tf.Tensor;
  push(x: tf.Tensor): tf.Tensor;
  samples(z: tf.Tensor): tf.Tensor;
  noiseDim: number;
  moments(): Promise<Gaussian2[]>;
  finals(): Promise<FinalParameters[]>;
}

const GRID = 48;
const SAMPLES = 256;
const PUSHFORWARD_SAMPLES = 2048;
const QUADRATURE = 100;
/** Samples of p and of q behind a divergence estimated from samples. */
const ESTIMATE_SAMPLES = 4000;

/** A box around the target and q's current spread (3 standard deviations). */
function viewBox(config: PlanarConfig, moments: readonly Gaussian2[]): PlanarBox {
  let box: PlanarBox = planarSupport(config.target, 3.5);
  for (const g of moments) {
    const sx = 3 * Math.sqrt(g.cov[0][0]);
    const sy = 3 * Math.sqrt(g.cov[1][1]);
    if (![g.mean[0], g.mean[1], sx, sy].every(Number.isFinite)) continue;
    box = unionBox(box, { x: [g.mean[0] - sx, g.mean[0] + sx], y: [g.mean[1] - sy, g.mean[1] + sy] });
  }
  // square, so that the plane is drawn without distortion
  const cx = (box.x[0] + box.x[1]) / 2;
  const cy = (box.y[0] + box.y[1]) / 2;
  const half = Math.max(box.x[1] - box.x[0], box.y[1] - box.y[0]) / 2;
  return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
}


function normals(runs: readonly RunSpec[], salt: number, n: number, dim: number, step: number): tf.Tensor {
  const out = new Float32Array(runs.length * n * dim);
  runs.forEach((r, i) => new Rng(r.seed ^ (step * 2654435761), salt).fillNormal(out, i * n * dim, n * dim));
  return tf.tensor3d(out, [runs.length, n, dim]);
}

function targetSamples(config: PlanarConfig, n: number, seed: number): Float32Array {
  const rng = new Rng(seed, 31);
  const out = new Float32Array(2 * n);
  new PlanarMixtureSampler(config.target).fill(() => rng.uniform(), () => rng.normal(), out, 0, n);
  return out;
}

const tile = (values: Float32Array, R: number) => tf.tile(tf.tensor3d(values, [1, values.length / 2, 2]), [R, 1, 1]);
const rows = (data: Float32Array | null, r: number, n: number) => (data ? Array.from(data.subarray(r * n, (r + 1) * n)) : null);

/** The smaller standard deviation of a covariance (its smaller eigenvalue's root). */
function narrowestStd(cov: Gaussian2['cov']): number {
  const mean = (cov[0][0] + cov[1][1]) / 2;
  return Math.sqrt(Math.max(0, mean - Math.hypot((cov[0][0] - cov[1][1]) / 2, cov[0][1])));
}

/**
 * True D_f(p, q) for q's moments: by quadrature over a box that holds both when its grid resolves
 * every component (a cell at most a third of the narrowest standard deviation), else from samples
 * of p and q with the standard error stated.
 */
function trueDivergences(config: PlanarConfig, g: Gaussian2, ids: readonly DivergenceId[], seed: number): Pick<PlanarRunSnapshot, 'divergences' | 'divergenceErrors'> {
  const sx = 8 * Math.sqrt(g.cov[0][0]);
  const sy = 8 * Math.sqrt(g.cov[1][1]);
  if (![sx, sy, g.mean[0], g.mean[1]].every(Number.isFinite) || !(sx > 0 && sy > 0)) return { divergences: {}, divergenceErrors: null };
  const box = unionBox(planarSupport(config.target, 8), { x: [g.mean[0] - sx, g.mean[0] + sx], y: [g.mean[1] - sy, g.mean[1] + sy] });
  const logP = (x: number, y: number) => planarMixtureLogPdf(config.target, x, y);
  const logQ = (x: number, y: number) => gaussian2LogPdf(g, x, y);
  const cell = Math.max(box.x[1] - box.x[0], box.y[1] - box.y[0]) / QUADRATURE;
  const narrowest = Math.min(narrowestStd(g.cov), ...config.target.map((c) => narrowestStd(c.cov)));
  if (cell <= narrowest / 3) return { divergences: planarDivergences(ids, logDensityGrid(logP, logQ, box, QUADRATURE)), divergenceErrors: null };
  const fromP = targetSamples(config, ESTIMATE_SAMPLES, seed);
  const fromQ = new Float64Array(2 * ESTIMATE_SAMPLES);
  const rng = new Rng(seed, 33);
  new PlanarMixtureSampler([{ weight: 1, ...g }]).fill(() => rng.uniform(), () => rng.normal(), fromQ, 0, ESTIMATE_SAMPLES);
  const estimate = planarDivergenceSamples(ids, logP, logQ, fromP, fromQ);
  return { divergences: estimate.values, divergenceErrors: estimate.errors };
}

export async function planarSnapshot(src: PlanarViewSource, withDensity: boolean): Promise<PlanarSnapshot> {
  const R = src.runs.length;
  const moments = await src.moments();
  const box = viewBox(src.config, moments);
  const grid: PlanarGrid = { x: box.x, y: box.y, n: GRID };
  const cells = gridPoints(grid);
  const real = targetSamples(src.config, PUSHFORWARD_SAMPLES, src.config.seed ^ src.step);
  let tensors: Record<string, tf.Tensor | null> = {};
  tf.tidy(() => {
    const gridX = tile(cells, R);
    const realX = tile(real, R);
    const fake = src.samples(normals(src.runs, 32, PUSHFORWARD_SAMPLES, src.noiseDim, src.step));
    const shown = tf.slice(fake, [0, 0, 0], [R, SAMPLES, 2]);
    const realShown = tf.slice(realX, [0, 0, 0], [R, SAMPLES, 2]);
    tensors = {
      learned: src.learnedOn(gridX), optimal: withDensity ? src.optimalOn(gridX) : null, shown, push: src.push(shown),
      usedReal: src.usedOn(realShown), usedFake: src.usedOn(shown),
      optimalReal: withDensity ? src.optimalOn(realX) : null, optimalFake: withDensity ? src.optimalOn(fake) : null,
    };
    for (const t of Object.values(tensors)) if (t) tf.keep(t);
  });
  const read = async (t: tf.Tensor | null) => (t ? ((await t.data()) as Float32Array) : null);
  const [learned, optimal, shown, push, usedReal, usedFake, optimalReal, optimalFake] = await Promise.all(
    [tensors.learned, tensors.optimal, tensors.shown, tensors.push, tensors.usedReal, tensors.usedFake, tensors.optimalReal, tensors.optimalFake].map(read));
  for (const t of Object.values(tensors)) t?.dispose();
  const finals = await src.finals();
  const truth = planarMoments(src.config.target);
  const ids = monitoredDivergences(src.runs);
  const cellsN = GRID * GRID;
  const runs: PlanarRunSnapshot[] = src.runs.map((run, r) => ({
    run: r, moments: moments[r], final: finals[r],
    samples: rows(shown, r, 2 * SAMPLES)!, arrows: rows(push, r, 2 * SAMPLES)!,
    critic: run.critic === 'learned' ? rows(learned, r, cellsN) : null,
    optimal: rows(optimal, r, cellsN),
    criticOnReal: rows(usedReal, r, SAMPLES)!, criticOnFake: rows(usedFake, r, SAMPLES)!,
    optimalOnReal: rows(optimalReal, r, PUSHFORWARD_SAMPLES), optimalOnFake: rows(optimalFake, r, PUSHFORWARD_SAMPLES),
    ...(withDensity ? trueDivergences(src.config, moments[r], ids, src.config.seed ^ src.step) : { divergences: {}, divergenceErrors: null }),
    frechet: frechetDistanceSquared(moments[r], truth),
  }));
  const logP = Array.from({ length: cellsN }, (_, k) => planarMixtureLogPdf(src.config.target, cells[2 * k], cells[2 * k + 1]));
  return { step: src.step, grid, logP, realSamples: Array.from(real.subarray(0, 2 * SAMPLES)), runs };
}

