// The generator family of the 1-D problem: q = N(mu, sigma^2) per run. Its parameters theta
// [R, 1, 2] are (mu, sigma) or, in the log parametrisation, (mu, log sigma); its point P [R, 1, 2]
// is (mu, sigma) in both, and is what a trajectory records. Samples are x = mu + sigma z: the
// trainer's sample rows times A = [[1, 0], [mu, 0], [sigma, 0], [0, 1]] give critic inputs [x, 1].
// Another family (another dimension, another map of noise) is another part with these methods.
import * as tf from './tf';
import type { TrajectoryPoint } from './protocol';
import { TensorRegistry } from './registry';

/** The rows of A [8] as P [R, 1, 2] x select [1, 2, 8] + constant [8] (see sampleMatrix). */
const A_SELECT = [0, 0, 1, 0, 0, 0, 0, 0, /* sigma -> */ 0, 0, 0, 0, 1, 0, 0, 0];
const A_CONSTANT = [1, 0, 0, 0, 0, 0, 0, 1];

/** The saved parameters: mu and s (sigma or log sigma) per run. */
export interface GaussianGeneratorState {
  mu: number[];
  sParam: number[];
}

export class GaussianGenerator {
  /** Numbers per run in a recorded point: (mu, sigma). */
  readonly pointWidth = 2;
  private theta: tf.Tensor;
  /** (mu, sigma) [R, 1, 2]; the same tensor as theta in the direct parametrisation. */
  private P: tf.Tensor;
  private readonly constants = new TensorRegistry();
  private readonly aSelect: tf.Tensor;
  private readonly aConstant: tf.Tensor;
  /** Log parametrisation: which of (mu, s) is log sigma [1, 1, 2] as (0, 1) and (1, 0), and as bool [R, 1, 2]. */
  private readonly sigmaSlot: tf.Tensor | null;
  private readonly muSlot: tf.Tensor | null;
  private readonly sigmaSlotBool: tf.Tensor | null;

  constructor(readonly R: number, mu0: number, sigma0: number, readonly logSigma: boolean) {
    const keep = <T extends tf.Tensor>(t: T) => this.constants.keep(t);
    this.sigmaSlot = logSigma ? keep(tf.tensor3d([0, 1], [1, 1, 2])) : null;
    this.muSlot = logSigma ? keep(tf.tensor3d([1, 0], [1, 1, 2])) : null;
    this.sigmaSlotBool = logSigma ? keep(tf.tensor3d(Array.from({ length: R }, () => [false, true]).flat(), [R, 1, 2], 'bool')) : null;
    this.aSelect = keep(tf.tensor3d(A_SELECT, [1, 2, 8]));
    this.aConstant = keep(tf.tensor1d(A_CONSTANT));
    const s0 = logSigma ? Math.log(sigma0) : sigma0;
    this.theta = tf.tensor3d(Array.from({ length: R }, () => [mu0, s0]).flat(), [R, 1, 2]);
    this.P = this.track(this.theta);
  }

  /** The trained parameters theta [R, 1, 2] (what the optimizer updates). */
  get params(): tf.Tensor {
    return this.theta;
  }

  /** (mu, sigma) [R, 1, 2]. */
  get point(): tf.Tensor {
    return this.P;
  }

  /** A copy of (mu, sigma) for the trajectory recorder (pointRecorder.ts). */
  recordPoint(): tf.Tensor {
    return tf.clone(this.P);
  }

  /** Keeps theta and derives P from it. */
  private track(theta: tf.Tensor): tf.Tensor {
    tf.keep(theta);
    return this.logSigma ? tf.keep(tf.tidy(() => this.pointOf(theta))) : theta;
  }

  /** The point (mu, sigma) of parameters theta. */
  pointOf(theta: tf.Tensor): tf.Tensor {
    if (!this.logSigma) return theta;
    return tf.selectSameShape(this.sigmaSlotBool!, tf.exp(theta), theta);
  }

  /** mu and sigma [R, 1, 1] each. */
  muSigma(): [tf.Tensor, tf.Tensor] {
    const [mu, sigma] = tf.split(this.P, 2, 2);
    return [mu, sigma];
  }

  /** A [R, 4, 2]: rows [r, 1, z, 1] of real samples (r, 0, 0, 1) and fake ones (0, 1, z, 1) times A are [x, 1]. */
  sampleMatrix(): tf.Tensor {
    const aRow = tf.engine().runKernel('_FusedMatMul', { a: this.P, b: this.aSelect, bias: this.aConstant }, { transposeA: false, transposeB: false, activation: 'linear', leakyreluAlpha: 0 }) as tf.Tensor;
    return tf.reshape(aRow, [this.R, 4, 2]);
  }

  /** dLoss/dtheta [R, 1, 2] from dLoss/dx [R, B, 1] and the noise rows [1, z] [R, B, 2]: x = mu + sigma z. */
  paramGradient(gx: tf.Tensor, noiseRows: tf.Tensor): tf.Tensor {
    const G = tf.matMul(gx, noiseRows, true, false); // (dLoss/dmu, dLoss/dsigma)
    return this.logSigma ? tf.mul(G, tf.add(tf.mul(this.P, this.sigmaSlot!), this.muSlot!)) : G; // d/ds = sigma d/dsigma
  }

  /**
   * -log q(x) (without log sqrt(2 pi)) on x [R, N, 1], and its x-derivative when asked; the
   * parameters are constants here: the gradient flows only through x.
   */
  negLogDensity(x: tf.Tensor, withGrad: boolean, [mu, sigma] = this.muSigma()): { value: tf.Tensor; dx: tf.Tensor | null } {
    const zq = tf.div(tf.sub(x, mu), sigma);
    const value = tf.add(tf.mul(tf.square(zq), 0.5), tf.log(sigma));
    return { value, dx: withGrad ? tf.div(zq, sigma) : null };
  }

  /** Samples mu + sigma z of every run for standard normals z [R, N, 1]. */
  samples(z: tf.Tensor, [mu, sigma] = this.muSigma()): tf.Tensor {
    return tf.add(mu, tf.mul(sigma, z));
  }

  /** Takes the proposed parameters where keep [R, 1, 2] is true and stays elsewhere. */
  accept(keep: tf.Tensor, theta: tf.Tensor, point: tf.Tensor): void {
    const nextTheta = tf.selectSameShape(keep, theta, this.theta);
    const nextP = this.logSigma ? tf.selectSameShape(keep, point, this.P) : nextTheta;
    this.replace(nextTheta, nextP);
  }

  private replace(theta: tf.Tensor, P: tf.Tensor): void {
    const old = new Set([this.theta, this.P]);
    this.theta = tf.keep(theta);
    this.P = tf.keep(P);
    for (const t of old) t.dispose();
  }

  /** One trajectory point from recorded values [R * pointWidth]. */
  trajectoryPoint(step: number, values: ArrayLike<number>): TrajectoryPoint {
    const mu: number[] = [];
    const sigma: number[] = [];
    for (let r = 0; r < this.R; r++) {
      mu.push(values[2 * r]);
      sigma.push(values[2 * r + 1]);
    }
    return { step, mu, sigma };
  }

  async exportState(): Promise<GaussianGeneratorState> {
    const theta = Array.from(await this.theta.data());
    return { mu: theta.filter((_, i) => i % 2 === 0), sParam: theta.filter((_, i) => i % 2 === 1) };
  }

  importState(state: GaussianGeneratorState): void {
    const theta = new Float32Array(2 * this.R);
    for (let r = 0; r < this.R; r++) { theta[2 * r] = state.mu[r]; theta[2 * r + 1] = state.sParam[r]; }
    for (const t of new Set([this.theta, this.P])) t.dispose();
    this.theta = tf.tensor3d(theta, [this.R, 1, 2]);
    this.P = this.track(this.theta);
  }

  dispose(): void {
    for (const t of new Set([this.theta, this.P])) t.dispose();
    this.constants.dispose();
  }
}
