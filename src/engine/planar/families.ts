// Generator families on the plane. A family is a part with no state of its own: it says how its
// parameters (each [R, ...], one row per run) start, how they map standard-normal noise z
// [R, N, noiseDim] to samples x [R, N, 2] (differentiable, for the generator's gradient), what
// q's log density is where it has one, and how to read the parameters back. Scales are trained
// as logarithms, so they stay positive.
import * as tf from '../tf';
import type { FamilyKind, PlanarConfig } from '../../config/planar';
import type { Gaussian2 } from '../../math/planar/gaussian2';
import { gram2, type Mat2, type Vec2 } from '../../math/planar/linalg2';
import { Rng } from '../prng';

const LOG_2PI = Math.log(2 * Math.PI);

/** A run's generator parameters as the headless results name them. */
export type FinalParameters =
  | { mean: Vec2; std: number }
  | { mean: Vec2; std: Vec2 }
  | { mean: Vec2; cholesky: Mat2 }
  | { A: number[][]; b: Vec2; outputNoise: number }
  | { parameters: number };

export interface PlanarFamily {
  readonly kind: FamilyKind;
  /** Standard normals per sample. */
  readonly noiseDim: number;
  /** The starting parameters of R runs (seeds: per run, for the MLP's weights). */
  initial(R: number, seeds: readonly number[]): tf.Tensor[];
  sample(params: tf.Tensor[], z: tf.Tensor): tf.Tensor;
  /** log q(x) [R, N, 1] (with every constant), or null without a closed form. */
  logDensity(params: tf.Tensor[], x: tf.Tensor): tf.Tensor | null;
  /** Run r's parameters, read from the parameter arrays. */
  describe(values: readonly Float32Array[], r: number): FinalParameters;
  /** q's mean and covariance for run r (null for the MLP family: estimate from samples). */
  moments(values: readonly Float32Array[], r: number): Gaussian2 | null;
}

const rows = (values: readonly number[], R: number, shape: number[]) => tf.tensor(Array.from({ length: R }, () => values).flat(), [R, ...shape]);

/** log N(x; m, diag(s^2)) summed over the two coordinates, for log-scales logS [R, 1, 1 or 2]. */
function diagonalLogDensity(m: tf.Tensor, logS: tf.Tensor, x: tf.Tensor): tf.Tensor {
  const u = tf.mul(tf.sub(x, m), tf.exp(tf.neg(logS)));
  const logDet = logS.shape[2] === 1 ? tf.mul(logS, 2) : tf.sum(logS, 2, true);
  return tf.sub(tf.mul(tf.sum(tf.square(u), 2, true), -0.5), tf.add(logDet, LOG_2PI));
}

function gaussianFamily(kind: 'isotropic' | 'diagonal', start: PlanarConfig['start']): PlanarFamily {
  const width = kind === 'isotropic' ? 1 : 2;
  const logStd = kind === 'isotropic' ? [Math.log(Math.sqrt(start.std[0] * start.std[1]))] : start.std.map(Math.log);
  return {
    kind, noiseDim: 2,
    initial: (R) => [rows([...start.mean], R, [1, 2]), rows(logStd, R, [1, width])],
    sample: ([m, logS], z) => tf.add(m, tf.mul(tf.exp(logS), z)),
    logDensity: ([m, logS], x) => diagonalLogDensity(m, logS, x),
    describe: ([m, logS], r) => {
      const mean: Vec2 = [m[2 * r], m[2 * r + 1]];
      return width === 1 ? { mean, std: Math.exp(logS[r]) } : { mean, std: [Math.exp(logS[2 * r]), Math.exp(logS[2 * r + 1])] };
    },
    moments: ([m, logS], r) => {
      const s1 = Math.exp(logS[width * r]);
      const s2 = Math.exp(logS[width * r + width - 1]);
      return { mean: [m[2 * r], m[2 * r + 1]], cov: [[s1 * s1, 0], [0, s2 * s2]] };
    },
  };
}

/** Full covariance through its Cholesky factor L = [[e^a, 0], [c, e^b]]: x = m + L z. */
function fullFamily(start: PlanarConfig['start']): PlanarFamily {
  return {
    kind: 'full', noiseDim: 2,
    initial: (R) => [rows([...start.mean], R, [1, 2]), rows(start.std.map(Math.log), R, [1, 2]), rows([0], R, [1, 1])],
    sample: ([m, logDiag, c], z) => {
      const [z1, z2] = tf.split(z, 2, 2);
      const [a, b] = tf.split(tf.exp(logDiag), 2, 2);
      return tf.add(m, tf.concat([tf.mul(a, z1), tf.add(tf.mul(c, z1), tf.mul(b, z2))], 2));
    },
    logDensity: ([m, logDiag, c], x) => {
      const [d1, d2] = tf.split(tf.sub(x, m), 2, 2);
      const [la, lb] = tf.split(logDiag, 2, 2);
      const u1 = tf.mul(d1, tf.exp(tf.neg(la)));
      const u2 = tf.mul(tf.sub(d2, tf.mul(c, u1)), tf.exp(tf.neg(lb)));
      return tf.sub(tf.mul(tf.add(tf.square(u1), tf.square(u2)), -0.5), tf.add(tf.add(la, lb), LOG_2PI));
    },
    describe: (values, r) => {
      const g = fullMoments(values, r);
      return { mean: g.mean, cholesky: [[Math.exp(values[1][2 * r]), 0], [values[2][r], Math.exp(values[1][2 * r + 1])]] };
    },
    moments: fullMoments,
  };
}

function fullMoments([m, logDiag, c]: readonly Float32Array[], r: number): Gaussian2 {
  const a = Math.exp(logDiag[2 * r]);
  const b = Math.exp(logDiag[2 * r + 1]);
  const l21 = c[r];
  return { mean: [m[2 * r], m[2 * r + 1]], cov: [[a * a, a * l21], [a * l21, l21 * l21 + b * b]] };
}

/** x = z A + b + noise n: A [R, k, 2], b [R, 1, 2]; q = N(b, A^T A + noise^2 I). */
function linearFamily(k: number, noise: number, start: PlanarConfig['start']): PlanarFamily {
  const A0 = start.A ?? Array.from({ length: k }, (_, i) => (i === 0 ? [start.std[0], 0] : [0, i === 1 ? start.std[1] : 0]));
  const covariance = ([A]: readonly Float32Array[], r: number): Mat2 => {
    const g = gram2(Array.from({ length: k }, (_, i) => [A[(r * k + i) * 2], A[(r * k + i) * 2 + 1]] as Vec2));
    return [[g[0][0] + noise * noise, g[0][1]], [g[1][0], g[1][1] + noise * noise]];
  };
  return {
    kind: 'linear', noiseDim: k + 2,
    initial: (R) => [rows(A0.flat(), R, [k, 2]), rows([...start.mean], R, [1, 2])],
    sample: ([A, b], z) => {
      const [latent, outputNoise] = tf.split(z, [k, 2], 2);
      return tf.add(tf.add(tf.matMul(latent, A), b), tf.mul(outputNoise, noise));
    },
    logDensity: ([A, b], x) => {
      const g = tf.matMul(A, A, true, false); // [R, 2, 2]
      const [c11, c12, , c22] = tf.split(tf.reshape(g, [-1, 1, 4]), 4, 2);
      const s11 = tf.add(c11, noise * noise);
      const s22 = tf.add(c22, noise * noise);
      const det = tf.sub(tf.mul(s11, s22), tf.square(c12));
      const [d1, d2] = tf.split(tf.sub(x, b), 2, 2);
      const quad = tf.div(tf.add(tf.sub(tf.mul(s22, tf.square(d1)), tf.mul(tf.mul(c12, 2), tf.mul(d1, d2))), tf.mul(s11, tf.square(d2))), det);
      return tf.sub(tf.mul(quad, -0.5), tf.add(tf.mul(tf.log(det), 0.5), LOG_2PI));
    },
    describe: ([A, b], r) => ({
      A: Array.from({ length: k }, (_, i) => [A[(r * k + i) * 2], A[(r * k + i) * 2 + 1]]),
      b: [b[2 * r], b[2 * r + 1]], outputNoise: noise,
    }),
    moments: (values, r) => ({ mean: [values[1][2 * r], values[1][2 * r + 1]], cov: covariance(values, r) }),
  };
}

/** x = MLP(z): leaky-ReLU hidden layers, Glorot-uniform weights from each run's seed, the output
 * bias at the start's mean. */
function mlpFamily(k: number, hidden: readonly number[], start: PlanarConfig['start']): PlanarFamily {
  const sizes = [k, ...hidden, 2];
  return {
    kind: 'mlp', noiseDim: k,
    initial: (R, seeds) => {
      const rngs = seeds.map((s) => new Rng(s, 11));
      return sizes.slice(1).flatMap((out, l) => {
        const fanIn = sizes[l];
        const limit = Math.sqrt(6 / (fanIn + out));
        const w = new Float32Array(R * fanIn * out);
        for (let r = 0; r < R; r++) for (let i = 0; i < fanIn * out; i++) w[r * fanIn * out + i] = (2 * rngs[r].uniform() - 1) * limit;
        const last = l === sizes.length - 2;
        const b = last ? rows([...start.mean], R, [1, 2]) : tf.zeros([R, 1, out]);
        return [tf.tensor3d(w, [R, fanIn, out]), b];
      });
    },
    sample: (params, z) => {
      let h = z;
      for (let l = 0; l < params.length; l += 2) {
        const a = tf.add(tf.matMul(h, params[l]), params[l + 1]);
        h = l + 2 < params.length ? tf.leakyRelu(a, 0.2) : a;
      }
      return h;
    },
    logDensity: () => null,
    describe: () => ({ parameters: sizes.slice(1).reduce((n, out, l) => n + (sizes[l] + 1) * out, 0) }),
    moments: () => null,
  };
}

export function makeFamily(config: Pick<PlanarConfig, 'family' | 'start'>): PlanarFamily {
  const { family, start } = config;
  switch (family.kind) {
    case 'isotropic': case 'diagonal': return gaussianFamily(family.kind, start);
    case 'full': return fullFamily(start);
    case 'linear': return linearFamily(family.latent, family.outputNoise, start);
    case 'mlp': return mlpFamily(family.latent, family.hidden, start);
  }
}
