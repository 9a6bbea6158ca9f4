// The training engine: R independent runs (schemes x critic kinds x seeds) trained as ONE batch.
// Every parameter has a leading run dimension (mu [R,1], sigma [R,1], critic weights [R,in,out],
// biases [R,1,out]); losses of different divergences are coefficient tensors over the critic
// basis (src/math/criticBasis.ts), learned and optimal critics are selected per run by a mask,
// and optimizers carry per-run hyperparameters. The loop never reads back synchronously:
// trajectory points and stop causes accumulate on the device and are read once per chunk.
import * as tf from './tf';
import type { Config, SchemeConfig } from '../config/schema';
import type { RunSpec } from '../config/runs';
import { CRITIC_FUNCTIONS, DIVERGENCE_IDS, evalBasis, type BasisCoefficients } from '../math/criticBasis';
import { BasisLoss } from './basis';
import { mlpForward, mlpInputGrad, mlpParamGrads, type MlpOptions } from './mlp';
import { clipBounds, clipParams, criticCoefficients, generatorCoefficientsOf, klWeightDelta, mixtureStd, objectiveFlags, penaltyParamGrads } from './objectives';
import { RunOptimizer, type OptimizerSnapshot } from './optimizers';
import { MixtureSampler, Rng, type RngState } from './prng';
import type { RunSnapshot, RunStopped, Snapshot, TrajectoryPoint } from './protocol';

/** Trajectory points are recorded on the device every this many generator steps (and at step 0). */
export const DEFAULT_RECORD_EVERY = 10;

export interface TrainerOptions {
  /** Record a trajectory point every this many generator steps (default 10). */
  recordEvery?: number;
  /** Use tf.fused.matMul for dense layers (default: on for cpu/webgl, off for wasm, whose fused
   * kernel only takes a rank-1 bias). */
  fused?: boolean;
  /** KL-WGAN's fake-sample weights are r = B softmax(klTemperature * d) over the batch (internal;
   * default 1, Song & Ermon; 0 forces r = 1, i.e. WGAN, through the same kernels). */
  klTemperature?: number;
}

/** What one chunk of training produced, read back once at its end. */
export interface ChunkResult {
  step: number;
  points: TrajectoryPoint[];
  /** Runs that stopped during this chunk. */
  stopped: RunStopped[];
}

/** Everything needed to rebuild a Trainer on another backend (WebGL context loss). */
export interface TrainerState {
  step: number;
  mu: number[];
  sParam: number[];
  critic: { shape: number[]; values: number[] }[];
  alive: number[];
  stopInfo: number[];
  rng: RngState[];
  /** The learned runs' gradient-penalty noise streams (absent in states saved before issue #5). */
  penaltyRng?: RngState[];
  criticOpt: OptimizerSnapshot;
  generatorOpt: OptimizerSnapshot;
  stopped: RunStopped[];
}

/** The basis coefficients of a scheme's generator loss -E_q[c(d)]: c = b_f, a_h or b_f (hybrid). */
export function generatorCoefficients(run: RunSpec): BasisCoefficients {
  return generatorCoefficientsOf(run.scheme);
}

/** Throws a clear error for runs the engine cannot train: only f-GAN schemes have an optimal critic. */
export function assertSupported(runs: RunSpec[]): void {
  for (const run of runs) {
    const s = run.scheme;
    if (s.objective !== 'f-gan' && run.critic === 'optimal') throw new Error(`The '${s.objective}' objective has no analytically optimal critic (${run.label}); train it with a learned critic.`);
  }
}

const STOP_FIELDS = 5; // step, critic loss, generator loss, mu, sigma

/** The x grid of snapshots: covers the target and the generator's start comfortably. */
export function snapshotGrid(config: Config, points = 161): number[] {
  let lo = Math.min(config.mu0 - 3 * config.sigma0, -3);
  let hi = Math.max(config.mu0 + 3 * config.sigma0, 5);
  for (const c of config.target) {
    lo = Math.min(lo, c.mean - 4 * c.std);
    hi = Math.max(hi, c.mean + 4 * c.std);
  }
  return Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
}

export class Trainer {
  readonly runs: RunSpec[];
  readonly config: Config;
  readonly R: number;
  readonly B: number;
  readonly K: number;
  readonly recordEvery: number;
  private readonly fused: boolean;
  private readonly logSigma: boolean;
  private readonly layerSizes: number[];
  private readonly anyLearned: boolean;
  private readonly anyOptimal: boolean;
  private readonly learned: boolean[];
  /** Run indices of the learned-critic runs: the critic batch holds only these (L of R). */
  private readonly learnedIdx: number[];
  private readonly learnedIdxT: tf.Tensor | null;
  /** For each run, its row in the critic batch (0 for optimal runs). */
  private readonly criticRowT: tf.Tensor | null;
  readonly L: number;

  // device state
  private mu: tf.Tensor;
  private sParam: tf.Tensor;
  private critic: tf.Tensor[];
  private alive: tf.Tensor;
  private stopInfo: tf.Tensor;
  private records: { step: number; value: tf.Tensor }[] = [];

  // constants
  private readonly isOptimal: tf.Tensor;
  private readonly criticLoss: BasisLoss | null;
  private readonly generatorLoss: BasisLoss;
  private readonly targetLogC: tf.Tensor;
  private readonly targetMean: tf.Tensor;
  private readonly targetInvStd: tf.Tensor;
  private readonly targetNegInvStd: tf.Tensor;
  /** SGD-only critics: the learning rate is folded into dLoss/dd and the update is p - g. */
  private readonly criticPrescaled: boolean;
  private readonly criticOpt: RunOptimizer;
  private readonly generatorOpt: RunOptimizer;
  // objectives beyond f-GAN (src/engine/objectives.ts); null when no run needs them
  private readonly klTemperature: number;
  /** Learned runs: KL-WGAN mask x critic gradient scale [L,1,1], and the mask for the loss value. */
  private readonly klCriticGrad: tf.Tensor | null;
  private readonly klCriticValue: tf.Tensor | null;
  /** All runs: KL-WGAN mask [R,1,1] for the generator. */
  private readonly klGenerator: tf.Tensor | null;
  /** Learned runs: penalty coefficients lambda/B (x SGD rate when prescaled) and lambda/B [L,1,1]. */
  private readonly penaltyGradCoef: tf.Tensor | null;
  private readonly penaltyValueCoef: tf.Tensor | null;
  /** Learned runs: clip bound and its negative [L,1,1]. */
  private readonly clipBound: tf.Tensor | null;
  private readonly negClipBound: tf.Tensor | null;
  /** Penalty points x = real + mix (fake - real) + shift: mix = 1 - alpha (GP), shift = delta (DRAGAN). */
  private readonly penaltyMixBuf: Float32Array | null;
  private readonly penaltyShiftBuf: Float32Array | null;
  private readonly draganStd: number[];
  private penaltyRngs: Rng[];

  // JS side
  private rngs: Rng[];
  private readonly sampler: MixtureSampler;
  private readonly realBuf: Float32Array;
  private readonly zcBuf: Float32Array;
  private readonly zgBuf: Float32Array;
  private stepCount = 0;
  private readonly stoppedRuns = new Map<number, RunStopped>();
  private disposed = false;

  constructor(config: Config, runs: RunSpec[], options: TrainerOptions = {}) {
    if (runs.length === 0) throw new Error('The experiment has no runs to train.');
    assertSupported(runs);
    this.config = config;
    this.runs = runs;
    this.R = runs.length;
    this.B = config.batchSize;
    this.K = config.criticSteps;
    this.recordEvery = options.recordEvery ?? DEFAULT_RECORD_EVERY;
    this.fused = options.fused ?? tf.getBackend() !== 'wasm';
    this.logSigma = config.sigmaParametrization === 'log';
    this.layerSizes = [1, ...config.critic.hidden, 1];
    this.learned = runs.map((r) => r.critic === 'learned');
    this.anyLearned = this.learned.some((l) => l);
    this.anyOptimal = this.learned.some((l) => !l);
    this.learnedIdx = runs.map((_, i) => i).filter((i) => this.learned[i]);
    this.L = this.learnedIdx.length;
    const mixed = this.anyLearned && this.anyOptimal;
    this.learnedIdxT = mixed ? tf.keep(tf.tensor1d(this.learnedIdx, 'int32')) : null;
    let row = 0;
    this.criticRowT = mixed ? tf.keep(tf.tensor1d(runs.map((_, i) => (this.learned[i] ? row++ : 0)), 'int32')) : null;
    const { R, B, K, L } = this;

    this.rngs = runs.map((r) => new Rng(r.seed, 0));
    this.sampler = new MixtureSampler(config.target);
    this.realBuf = new Float32Array(K * L * B);
    this.zcBuf = new Float32Array(K * L * B);
    this.zgBuf = new Float32Array(R * B);

    this.mu = tf.keep(tf.fill([R, 1], config.mu0));
    this.sParam = tf.keep(tf.fill([R, 1], this.logSigma ? Math.log(config.sigma0) : config.sigma0));
    this.critic = this.initCritic();
    this.alive = tf.keep(tf.ones([R, 1]));
    this.stopInfo = tf.keep(tf.zeros([R, STOP_FIELDS]));

    this.isOptimal = tf.keep(tf.tensor(runs.map((r) => r.critic === 'optimal'), [R, 1, 1], 'bool'));
    this.criticPrescaled = runs.every((r, i) => !this.learned[i] || r.scheme.criticOptimizer.kind === 'sgd');
    this.criticLoss = this.anyLearned
      ? new BasisLoss({
        runs: L, samplesPerGroup: B, scale: [-1 / B, 1 / B],
        gradScale: this.criticPrescaled ? this.learnedIdx.map((i) => runs[i].scheme.criticOptimizer.learningRate) : undefined,
        groups: this.learnedIdx.map((i) => criticCoefficients(runs[i].scheme)),
      })
      : null;
    this.generatorLoss = new BasisLoss({
      runs: R, samplesPerGroup: B, scale: [-1 / B], groups: runs.map((r) => [generatorCoefficients(r)]),
    });
    const total = config.target.reduce((s, c) => s + c.weight, 0);
    const C = config.target.length;
    this.targetLogC = tf.keep(tf.tensor(config.target.map((c) => Math.log(c.weight / total) - Math.log(c.std)), [1, 1, C]));
    this.targetMean = tf.keep(tf.tensor(config.target.map((c) => c.mean), [1, 1, C]));
    this.targetInvStd = tf.keep(tf.tensor(config.target.map((c) => 1 / c.std), [1, 1, C]));
    this.targetNegInvStd = tf.keep(tf.tensor(config.target.map((c) => -1 / c.std), [1, 1, C]));

    this.criticOpt = new RunOptimizer(this.learnedIdx.map((i) => runs[i].scheme.criticOptimizer), this.learnedIdx.map(() => true), this.critic.map((t) => t.shape));
    this.generatorOpt = new RunOptimizer(runs.map((r) => r.scheme.generatorOptimizer), runs.map(() => true), [[R, 1], [R, 1]]);

    // objectives (issue #5): per-run masks and coefficients; the learned runs form the critic batch
    const learnedSchemes = this.learnedIdx.map((i) => runs[i].scheme);
    const flags = objectiveFlags(this.learnedIdx.map((i) => runs[i]));
    const criticScale = this.learnedIdx.map((i) => (this.criticPrescaled ? runs[i].scheme.criticOptimizer.learningRate : 1));
    const column = (values: number[]) => tf.keep(tf.tensor(values, [values.length, 1, 1]));
    this.klTemperature = options.klTemperature ?? 1;
    const isKl = (s: SchemeConfig) => (s.objective === 'kl-wgan' ? 1 : 0);
    this.klCriticGrad = flags.anyKl ? column(learnedSchemes.map((s, l) => isKl(s) * criticScale[l])) : null;
    this.klCriticValue = flags.anyKl ? column(learnedSchemes.map(isKl)) : null;
    this.klGenerator = runs.some((r) => isKl(r.scheme)) ? column(runs.map((r) => isKl(r.scheme))) : null;
    const lambda = learnedSchemes.map((s) => (s.penalty === 'none' ? 0 : s.penaltyWeight / B));
    this.penaltyGradCoef = flags.anyPenalty ? column(lambda.map((v, l) => v * criticScale[l])) : null;
    this.penaltyValueCoef = flags.anyPenalty ? column(lambda) : null;
    this.clipBound = flags.anyClip ? column(clipBounds(learnedSchemes)) : null;
    this.negClipBound = flags.anyClip ? column(clipBounds(learnedSchemes).map((c) => -c)) : null;
    this.penaltyMixBuf = flags.anyGp ? new Float32Array(K * L * B) : null;
    this.penaltyShiftBuf = flags.anyDragan ? new Float32Array(K * L * B) : null;
    const std = mixtureStd(config.target);
    this.draganStd = learnedSchemes.map((s) => s.draganScale * std);
    this.penaltyRngs = this.learnedIdx.map((i) => new Rng(runs[i].seed, 2));
    this.record(0);
  }

  get step(): number {
    return this.stepCount;
  }

  /** Runs still training. */
  get activeRuns(): number {
    return this.R - this.stoppedRuns.size;
  }

  get stopped(): RunStopped[] {
    return [...this.stoppedRuns.values()];
  }

  private initCritic(): tf.Tensor[] {
    const R = this.L;
    const params: tf.Tensor[] = [];
    const rngs = this.learnedIdx.map((i) => new Rng(this.runs[i].seed, 1));
    for (let l = 0; l + 1 < this.layerSizes.length; l++) {
      const fanIn = this.layerSizes[l];
      const fanOut = this.layerSizes[l + 1];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const w = new Float32Array(R * fanIn * fanOut);
      for (let r = 0; r < R; r++) {
        for (let i = 0; i < fanIn * fanOut; i++) w[r * fanIn * fanOut + i] = (2 * rngs[r].uniform() - 1) * limit;
      }
      params.push(tf.keep(tf.tensor3d(w, [R, fanIn, fanOut])));
      params.push(tf.keep(tf.zeros([R, 1, fanOut])));
    }
    return params;
  }

  private sigmaOf(s: tf.Tensor): tf.Tensor {
    return this.logSigma ? tf.exp(s) : s;
  }

  private get mlpOptions(): MlpOptions {
    return { activation: this.config.critic.activation, fused: this.fused };
  }

  /** The learned critic on x of shape [R, N, 1] (per-run weights), shape [R, N, 1]. */
  mlp(x: tf.Tensor, params: tf.Tensor[] = this.critic): tf.Tensor {
    return mlpForward(x, params, this.mlpOptions).out;
  }

  /**
   * d*(x) = log p(x) - log q(x) on x of shape [R, N, 1], and its x-derivative when asked; mu and sigma
   * (shape [R, 1, 1]) are constants: the gradient flows only through x.
   */
  optimalCritic(x: tf.Tensor, mu: tf.Tensor, sigma: tf.Tensor, withGrad = false): { d: tf.Tensor; dx: tf.Tensor | null } {
    const z = tf.mul(tf.sub(x, this.targetMean), this.targetInvStd); // [R, N, C]
    const terms = tf.sub(this.targetLogC, tf.mul(tf.square(z), 0.5));
    const single = this.config.target.length === 1;
    const logp = single ? terms : tf.logSumExp(terms, 2, true);
    const zq = tf.div(tf.sub(x, mu), sigma);
    // log p - log q; both sides omit log sqrt(2 pi)
    const d = tf.add(logp, tf.add(tf.mul(tf.square(zq), 0.5), tf.log(sigma)));
    if (!withGrad) return { d, dx: null };
    // d/dx log p = sum_c softmax_c(terms) * (-z_c / s_c); d/dx (-log q) = (x - mu) / sigma^2
    const scoreTerms = tf.mul(z, this.targetNegInvStd);
    const score = single ? scoreTerms : tf.sum(tf.mul(tf.softmax(terms), scoreTerms), 2, true);
    return { d, dx: tf.add(score, tf.div(zq, sigma)) };
  }

  /** The critic output used by each run on x [R, N, 1]: d* for optimal runs, the MLP for learned ones. */
  criticOutput(x: tf.Tensor, mu: tf.Tensor, sigma: tf.Tensor, withGrad = false): { d: tf.Tensor; dx: tf.Tensor | null } {
    let learned: { d: tf.Tensor; dx: tf.Tensor | null } | null = null;
    if (this.anyLearned) {
      const xL = this.learnedIdxT ? tf.gather(x, this.learnedIdxT, 0) : x;
      const fwd = mlpForward(xL, this.critic, this.mlpOptions);
      learned = { d: fwd.out, dx: withGrad ? mlpInputGrad(fwd, this.critic, this.mlpOptions) : null };
      if (!this.anyOptimal) return learned;
    }
    const optimal = this.optimalCritic(x, mu, sigma, withGrad);
    if (!learned) return optimal;
    // back from the critic batch (L rows) to all R runs
    const rows = this.criticRowT!;
    learned = { d: tf.gather(learned.d, rows, 0), dx: learned.dx ? tf.gather(learned.dx, rows, 0) : null };
    return {
      d: tf.where(this.isOptimal, optimal.d, learned.d),
      dx: withGrad ? tf.where(this.isOptimal, optimal.dx!, learned.dx!) : null,
    };
  }

  private sampleStep(): void {
    const { R, B, K, L } = this;
    let row = 0;
    for (let r = 0; r < R; r++) {
      const rng = this.rngs[r];
      if (this.learned[r]) {
        const l = row++;
        for (let k = 0; k < K; k++) {
          const off = (k * L + l) * B;
          this.sampler.fill(rng, this.realBuf, off, B);
          rng.fillNormal(this.zcBuf, off, B);
        }
      }
      rng.fillNormal(this.zgBuf, r * B, B);
    }
    this.samplePenaltyPoints();
  }

  /** The penalty's noise, from a separate per-run stream so that the other draws do not change. */
  private samplePenaltyPoints(): void {
    const mix = this.penaltyMixBuf;
    const shift = this.penaltyShiftBuf;
    if (!mix && !shift) return;
    const { B, K, L } = this;
    for (let l = 0; l < L; l++) {
      const penalty = this.runs[this.learnedIdx[l]].scheme.penalty;
      if (penalty === 'none') continue;
      const rng = this.penaltyRngs[l];
      const scale = this.draganStd[l];
      for (let k = 0; k < K; k++) {
        const off = (k * L + l) * B;
        if (penalty === 'gp') {
          for (let i = 0; i < B; i++) mix![off + i] = 1 - rng.uniform(); // 1 - alpha, alpha ~ U[0, 1)
        } else {
          for (let i = 0; i < B; i++) shift![off + i] = scale * rng.normal(); // delta ~ N(0, (c std)^2)
        }
      }
    }
  }

  /** Penalty points for each critic step, [L, B, 1] each: interpolates (GP) or perturbed real samples (DRAGAN). */
  private penaltyPoints(real: tf.Tensor, fake: tf.Tensor): tf.Tensor[] | null {
    if (!this.penaltyGradCoef) return null;
    const { K, L, B } = this;
    let x = real;
    if (this.penaltyMixBuf) x = tf.add(x, tf.mul(tf.tensor3d(this.penaltyMixBuf, [K, L, B]), tf.sub(fake, real)));
    if (this.penaltyShiftBuf) x = tf.add(x, tf.tensor3d(this.penaltyShiftBuf, [K, L, B]));
    return tf.unstack(tf.reshape(x, [K, L, B, 1]));
  }

  /** KL-WGAN's generator loss -mean(r d): corrects the WGAN value and gradient of the KL runs. */
  private klGeneratorLoss(d: tf.Tensor, value: tf.Tensor, grad: tf.Tensor): { value: tf.Tensor; grad: tf.Tensor } {
    if (!this.klGenerator) return { value, grad };
    const delta = tf.mul(klWeightDelta(d, this.klTemperature), this.klGenerator);
    return { value: tf.sub(value, tf.sum(tf.mul(delta, d), [1, 2])), grad: tf.sub(grad, delta) };
  }

  /** One generator step (K critic steps, then the generator): no readback. */
  stepOnce(): void {
    if (this.disposed) throw new Error('Trainer disposed');
    this.sampleStep();
    const { R, B, K, L } = this;
    const step = this.stepCount + 1;
    tf.tidy(() => {
      const mu3 = tf.reshape(this.mu, [R, 1, 1]);
      const sigma = this.sigmaOf(this.sParam);
      const sigma3 = tf.reshape(sigma, [R, 1, 1]);
      let criticLoss: tf.Tensor = tf.zeros([R, 1]);
      if (this.anyLearned && this.criticLoss) {
        const real = tf.tensor3d(this.realBuf, [K, L, B]);
        const zc = tf.tensor3d(this.zcBuf, [K, L, B]);
        const muL = this.learnedIdxT ? tf.gather(this.mu, this.learnedIdxT, 0) : this.mu;
        const sigmaL = this.learnedIdxT ? tf.gather(sigma, this.learnedIdxT, 0) : sigma;
        const fake = tf.add(muL, tf.mul(sigmaL, zc));
        const xs = tf.unstack(tf.reshape(tf.concat([real, fake], 2), [K, L, 2 * B, 1]));
        const penaltyXs = this.penaltyPoints(real, fake);
        const opts = this.mlpOptions;
        for (let k = 0; k < K; k++) {
          const params = this.critic;
          const fwd = mlpForward(xs[k], params, opts);
          const last = k === K - 1;
          let { value, grad } = this.criticLoss.evaluate(fwd.out, { value: last, grad: true });
          if (this.klCriticGrad) {
            // KL-WGAN: the fake term E_q[r d] has dLoss/dd_n = r_n / B (r held constant)
            const dFake = tf.slice(fwd.out, [0, B, 0], [L, B, 1]);
            const delta = klWeightDelta(dFake, this.klTemperature);
            grad = tf.add(grad!, tf.pad(tf.mul(delta, this.klCriticGrad), [[0, 0], [B, 0], [0, 0]]));
            if (last) value = tf.add(value!, tf.sum(tf.mul(tf.mul(delta, dFake), this.klCriticValue!), [1, 2]));
          }
          let grads = mlpParamGrads(fwd, params, grad!, opts);
          if (penaltyXs) {
            const pen = penaltyParamGrads(penaltyXs[k], params, opts, this.penaltyGradCoef!, last ? this.penaltyValueCoef : null);
            grads = grads.map((g, i) => tf.add(g, pen.grads[i]));
            if (last) value = tf.add(value!, pen.value!);
          }
          let next = this.criticPrescaled ? params.map((p, i) => tf.sub(p, grads[i])) : this.criticOpt.apply(params, grads);
          if (this.clipBound) next = clipParams(next, this.clipBound, this.negClipBound!);
          this.critic = next.map((t) => tf.keep(t));
          for (const p of params) p.dispose();
          if (last) {
            const v = tf.reshape(value!, [L, 1]);
            criticLoss = this.criticRowT ? tf.where(tf.reshape(this.isOptimal, [R, 1]), tf.zeros([R, 1]), tf.gather(v, this.criticRowT, 0)) : v;
          }
        }
      }
      const zg = tf.tensor3d(this.zgBuf, [R, B, 1]);
      const x = tf.add(mu3, tf.mul(sigma3, zg));
      const { d, dx } = this.criticOutput(x, mu3, sigma3, true);
      const basis = this.generatorLoss.evaluate(d, { value: true, grad: true });
      const { value: genLoss, grad: gd } = this.klGeneratorLoss(d, basis.value!, basis.grad!);
      const gx = tf.mul(gd, dx!); // dL/dx [R, B, 1]
      const dmu = tf.reshape(tf.sum(gx, 1), [R, 1]);
      let ds = tf.reshape(tf.sum(tf.mul(gx, zg), 1), [R, 1]);
      if (this.logSigma) ds = tf.mul(ds, sigma);
      const [newMu, newS] = this.generatorOpt.apply([this.mu, this.sParam], [dmu, ds]);
      const newSigma = this.sigmaOf(newS);
      const values = tf.concat([criticLoss, tf.reshape(genLoss!, [R, 1]), newMu, newSigma], 1);
      const finite = tf.less(tf.abs(values), Infinity);
      const ok = tf.min(tf.cast(tf.concat([finite, tf.greater(newSigma, 0)], 1), 'float32'), 1, true);
      const aliveNew = tf.mul(this.alive, ok);
      const newlyStopped = tf.greater(tf.sub(this.alive, aliveNew), 0.5);
      const info = tf.concat([tf.fill([R, 1], step), values], 1);
      const stopInfo = tf.where(newlyStopped, info, this.stopInfo);
      const keepRun = tf.greater(aliveNew, 0.5);
      const mu = tf.where(keepRun, newMu, this.mu);
      const s = tf.where(keepRun, newS, this.sParam);
      for (const t of [this.mu, this.sParam, this.alive, this.stopInfo]) t.dispose();
      this.mu = tf.keep(mu);
      this.sParam = tf.keep(s);
      this.alive = tf.keep(aliveNew);
      this.stopInfo = tf.keep(stopInfo);
    });
    this.stepCount = step;
    if (step % this.recordEvery === 0) this.record(step);
  }

  /**
   * The generator gradient (d loss / d mu, d loss / d sigma) of every run at the current
   * parameters for the given standard-normal draws z [R * n] (tests: gradient matching).
   */
  async generatorGradient(z: Float32Array, n: number): Promise<{ dmu: number[]; dsigma: number[]; loss: number[] }> {
    const { R } = this;
    const out = tf.tidy(() => {
      const mu3 = tf.reshape(this.mu, [R, 1, 1]);
      const sigma3 = tf.reshape(this.sigmaOf(this.sParam), [R, 1, 1]);
      const zg = tf.tensor3d(z, [R, n, 1]);
      const x = tf.add(mu3, tf.mul(sigma3, zg));
      const { d, dx } = this.criticOutput(x, mu3, sigma3, true);
      const loss = new BasisLoss({ runs: R, samplesPerGroup: n, scale: [-1 / n], groups: this.runs.map((r) => [generatorCoefficients(r)]) });
      const basis = loss.evaluate(d, { value: true, grad: true });
      const { value, grad } = this.klGeneratorLoss(d, basis.value!, basis.grad!);
      const gx = tf.mul(grad, dx!);
      const res = tf.concat([tf.sum(gx, 1), tf.sum(tf.mul(gx, zg), 1), tf.add(tf.reshape(value, [R, 1]), tf.tensor(loss.constant, [R, 1]))], 1);
      loss.dispose();
      return res;
    });
    const data = await out.data();
    out.dispose();
    const pick = (j: number) => Array.from({ length: R }, (_, r) => data[r * 3 + j]);
    return { dmu: pick(0), dsigma: pick(1), loss: pick(2) };
  }

  private record(step: number): void {
    const value = tf.tidy(() => tf.concat([this.mu, this.sigmaOf(this.sParam)], 1));
    this.records.push({ step, value });
  }

  /** Reads the recorded trajectory points and new stops (one readback per chunk). */
  async flush(): Promise<{ points: TrajectoryPoint[]; stopped: RunStopped[] }> {
    const records = this.records;
    this.records = [];
    const points: TrajectoryPoint[] = [];
    if (records.length > 0) {
      const all = tf.tidy(() => tf.stack(records.map((r) => r.value)));
      const data = await all.data();
      all.dispose();
      for (const r of records) r.value.dispose();
      const { R } = this;
      records.forEach((rec, i) => {
        const mu: number[] = [];
        const sigma: number[] = [];
        for (let r = 0; r < R; r++) {
          mu.push(data[(i * R + r) * 2]);
          sigma.push(data[(i * R + r) * 2 + 1]);
        }
        points.push({ step: rec.step, mu, sigma });
      });
    }
    const stopped = await this.readStops();
    return { points, stopped };
  }

  private async readStops(): Promise<RunStopped[]> {
    const info = await this.stopInfo.data();
    const fresh: RunStopped[] = [];
    for (let r = 0; r < this.R; r++) {
      const step = info[r * STOP_FIELDS];
      if (step > 0 && !this.stoppedRuns.has(r)) {
        const [lossC, lossG, mu, sigma] = Array.from(info.slice(r * STOP_FIELDS + 1, (r + 1) * STOP_FIELDS));
        const stop: RunStopped = { run: r, step, reason: `${this.runs[r].label}: ${stopCause(lossC, lossG, mu, sigma, this.logSigma)} at generator step ${step}` };
        this.stoppedRuns.set(r, stop);
        fresh.push(stop);
      }
    }
    return fresh;
  }

  /** Trains n generator steps, then reads the chunk's results once. */
  async train(n: number): Promise<ChunkResult> {
    for (let i = 0; i < n; i++) this.stepOnce();
    const { points, stopped } = await this.flush();
    return { step: this.stepCount, points, stopped };
  }

  /** Current mu and sigma of every run (async readback). */
  async parameters(): Promise<{ mu: number[]; sigma: number[] }> {
    const t = tf.tidy(() => tf.concat([this.mu, this.sigmaOf(this.sParam)], 1));
    const data = await t.data();
    t.dispose();
    const mu: number[] = [];
    const sigma: number[] = [];
    for (let r = 0; r < this.R; r++) {
      mu.push(data[2 * r]);
      sigma.push(data[2 * r + 1]);
    }
    return { mu, sigma };
  }

  /** Critic outputs, samples and divergence estimates of every run (for the page's views). */
  async snapshot(samples = 512, gridPoints = 161): Promise<Snapshot> {
    const { R } = this;
    const xGrid = snapshotGrid(this.config, gridPoints);
    const rngs = this.runs.map((r) => new Rng(r.seed ^ (this.stepCount * 2654435761), 7));
    const real = new Float32Array(R * samples);
    const z = new Float32Array(R * samples);
    for (let r = 0; r < R; r++) {
      this.sampler.fill(rngs[r], real, r * samples, samples);
      rngs[r].fillNormal(z, r * samples, samples);
    }
    const [grid, dReal, dFake, fake, params] = tf.tidy(() => {
      const sigma = this.sigmaOf(this.sParam);
      const mu3 = tf.reshape(this.mu, [R, 1, 1]);
      const sigma3 = tf.reshape(sigma, [R, 1, 1]);
      const fakeX = tf.add(mu3, tf.mul(sigma3, tf.tensor3d(z, [R, samples, 1])));
      const gridX = tf.tile(tf.tensor3d(xGrid, [1, xGrid.length, 1]), [R, 1, 1]);
      const out = (x: tf.Tensor) => this.criticOutput(x, mu3, sigma3).d;
      return [out(gridX), out(tf.tensor3d(real, [R, samples, 1])), out(fakeX), fakeX, tf.concat([this.mu, sigma], 1)];
    });
    const [g, dr, df, f, p] = await Promise.all([grid.data(), dReal.data(), dFake.data(), fake.data(), params.data()]);
    for (const t of [grid, dReal, dFake, fake, params]) t.dispose();
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
      });
    }
    return { step: this.stepCount, xGrid, runs };
  }

  /** Reads everything needed to continue on another backend. */
  async exportState(): Promise<TrainerState> {
    const read = async (t: tf.Tensor) => Array.from(await t.data());
    return {
      step: this.stepCount,
      mu: await read(this.mu),
      sParam: await read(this.sParam),
      critic: await Promise.all(this.critic.map(async (t) => ({ shape: t.shape.slice(), values: await read(t) }))),
      alive: await read(this.alive),
      stopInfo: await read(this.stopInfo),
      rng: this.rngs.map((r) => r.getState()),
      penaltyRng: this.penaltyRngs.map((r) => r.getState()),
      criticOpt: await this.criticOpt.exportState(),
      generatorOpt: await this.generatorOpt.exportState(),
      stopped: this.stopped,
    };
  }

  /** Continues from an exported state (same config and runs). Recorded but unread points are dropped. */
  importState(state: TrainerState): void {
    const { R } = this;
    for (const t of [this.mu, this.sParam, this.alive, this.stopInfo, ...this.critic]) t.dispose();
    for (const r of this.records) r.value.dispose();
    this.records = [];
    this.mu = tf.keep(tf.tensor(state.mu, [R, 1]));
    this.sParam = tf.keep(tf.tensor(state.sParam, [R, 1]));
    this.critic = state.critic.map((c) => tf.keep(tf.tensor(c.values, c.shape)));
    this.alive = tf.keep(tf.tensor(state.alive, [R, 1]));
    this.stopInfo = tf.keep(tf.tensor(state.stopInfo, [R, STOP_FIELDS]));
    this.rngs = state.rng.map((s) => Rng.fromState(s));
    if (state.penaltyRng) this.penaltyRngs = state.penaltyRng.map((s) => Rng.fromState(s));
    this.criticOpt.importState(state.criticOpt);
    this.generatorOpt.importState(state.generatorOpt);
    this.stoppedRuns.clear();
    for (const s of state.stopped) this.stoppedRuns.set(s.run, s);
    this.stepCount = state.step;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of [this.mu, this.sParam, this.alive, this.stopInfo, ...this.critic, this.isOptimal, ...(this.learnedIdxT ? [this.learnedIdxT, this.criticRowT!] : []), this.targetLogC, this.targetMean, this.targetInvStd, this.targetNegInvStd]) t.dispose();
    for (const r of this.records) r.value.dispose();
    this.records = [];
    for (const t of [this.klCriticGrad, this.klCriticValue, this.klGenerator, this.penaltyGradCoef, this.penaltyValueCoef, this.clipBound, this.negClipBound]) t?.dispose();
    this.criticLoss?.dispose();
    this.generatorLoss.dispose();
    this.criticOpt.dispose();
    this.generatorOpt.dispose();
  }
}

function describe(v: number): string {
  return Number.isNaN(v) ? 'NaN' : 'Infinity';
}

/** The first cause among the values read at the step a run stopped. */
export function stopCause(lossC: number, lossG: number, mu: number, sigma: number, logSigma: boolean): string {
  if (!Number.isFinite(lossC)) return `${describe(lossC)} in the critic loss`;
  if (!Number.isFinite(lossG)) return `${describe(lossG)} in the generator loss`;
  if (!Number.isFinite(mu)) return `${describe(mu)} in mu`;
  if (!Number.isFinite(sigma)) return `${describe(sigma)} in sigma`;
  if (!(sigma > 0)) return logSigma ? `sigma underflowed to ${sigma}` : `sigma reached ${+sigma.toPrecision(4)} (<= 0; direct parametrisation)`;
  return 'an unknown cause';
}

/** E_f(p, q, d) = mean a_f(d on real) - mean b_f(d on fake) for every catalog divergence, float64. */
export function estimateDivergences(onReal: ArrayLike<number>, onFake: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of DIVERGENCE_IDS) {
    const { a, b } = CRITIC_FUNCTIONS[id];
    let sa = 0;
    for (let i = 0; i < onReal.length; i++) sa += evalBasis(a, onReal[i]);
    let sb = 0;
    for (let i = 0; i < onFake.length; i++) sb += evalBasis(b, onFake[i]);
    out[id] = sa / onReal.length - sb / onFake.length;
  }
  return out;
}

