// The training engine: R independent runs (schemes x critic kinds x seeds) trained as ONE batch.
// Every parameter has a leading run dimension (generator (mu, s) [R,1,2], homogeneous critic layers
// [L, in+1, out(+1)] with the biases as rows, src/engine/mlp.ts); losses of different divergences are coefficient tensors over the critic
// basis (src/math/criticBasis.ts), learned and optimal critics are selected per run by a mask,
// and optimizers carry per-run hyperparameters. The loop never reads back synchronously:
// trajectory points and stop causes accumulate on the device and are read once per chunk.
import * as tf from './tf';
import type { Config } from '../config/schema';
import type { RunSpec } from '../config/runs';
import type { BasisCoefficients } from '../math/criticBasis';
import { BasisLoss } from './basis';
import { constUnitMasks, fromHomogeneousArrays, homogeneousInput, homogeneousShapes, mlpForward, mlpLayout, mlpInputGrad, mlpParamGrads, toHomogeneousArrays, type MlpForward, type MlpOptions } from './mlp';
import { clipBoundTensors, clipParams, criticCoefficients, generatorCoefficientsOf, objectiveFlags, penaltyParamGrads, targetTensors } from './objectives';
import { SpectralNorm, type SpectralNormState } from './spectralNorm';
import { BatchSampler, type SamplerState } from './batchSampler';
import { StopTracker, type StopState } from './stopTracker';
import { WassersteinTerms } from './wassersteinTerms';
import { estimateDivergences, stopCause } from './readouts';

export { estimateDivergences, stopCause };
import { RunOptimizer, type OptimizerSnapshot } from './optimizers';
import { Rng } from './prng';
import type { RunSnapshot, RunStopped, Snapshot, TrajectoryPoint } from './protocol';

/** Trajectory points are recorded on the device every this many generator steps (and at step 0). */
export const DEFAULT_RECORD_EVERY = 10;

export interface TrainerOptions {
  /** Record a trajectory point every this many generator steps (default 10). */
  recordEvery?: number;
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

/** Everything needed to rebuild a Trainer on another backend (WebGL context loss) or with other
 * settings (live changes): with the noise streams of the sampler. */
export interface TrainerState extends SamplerState, StopState {
  step: number;
  mu: number[];
  sParam: number[];
  critic: { shape: number[]; values: number[] }[];
  criticOpt: OptimizerSnapshot;
  generatorOpt: OptimizerSnapshot;
  /** The power-iteration vectors of the spectrally normalised critics (when any). */
  spectralNorm?: SpectralNormState;
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

/** The critic's inputs of every critic step of one generator step: [L, rows, 2] or its L run pieces. */
interface CriticInputs {
  xs: (tf.Tensor | tf.Tensor[])[];
  penaltyXs: (tf.Tensor | tf.Tensor[])[] | null;
}


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

/** Rows of the uploaded sample matrices V [.., 4] times A = [[1, 0], [mu, 0], [sigma, 0], [0, 1]]
 * give homogeneous critic inputs [x, 1]: a real sample r is [r, 0, 0, 1], a fake one mu + sigma z is
 * [0, 1, z, 1], a penalty point real + m (fake - real) + s is [(1 - m) real + s, m, m z, 1]. */
const A_SELECT = [0, 0, 1, 0, 0, 0, 0, 0, /* sigma -> */ 0, 0, 0, 0, 1, 0, 0, 0];
const A_CONSTANT = [1, 0, 0, 0, 0, 0, 0, 1];

/**
 * The f-GAN losses over the shared basis: the critic's over the learned runs (real then fake
 * samples), the generator's over all runs. With SGD the learning rate is folded into the loss
 * gradient (gradScale), so that the update is p - g.
 */
function basisLosses(runs: RunSpec[], learnedIdx: number[], B: number, criticPrescaled: boolean, generatorPrescaled: boolean): { critic: BasisLoss | null; generator: BasisLoss; generatorScale: number[] } {
  const critic = learnedIdx.length > 0
    ? new BasisLoss({
      runs: learnedIdx.length, samplesPerGroup: B, scale: [-1 / B, 1 / B],
      gradScale: criticPrescaled ? learnedIdx.map((i) => runs[i].scheme.criticOptimizer.learningRate) : undefined,
      groups: learnedIdx.map((i) => criticCoefficients(runs[i].scheme)),
    })
    : null;
  const generatorScale = runs.map((r) => (generatorPrescaled ? r.scheme.generatorOptimizer.learningRate : 1));
  const generator = new BasisLoss({
    runs: runs.length, samplesPerGroup: B, scale: [-1 / B], groups: runs.map((r) => [generatorCoefficients(r)]),
    gradScale: generatorPrescaled ? generatorScale : undefined,
  });
  return { critic, generator, generatorScale };
}

export class Trainer {
  readonly runs: RunSpec[];
  readonly config: Config;
  readonly R: number;
  readonly B: number;
  readonly K: number;
  /** Trajectory points are recorded every this many generator steps (1 in slow motion). */
  recordEvery: number;
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
  /** The generator's parameters (mu, s) [R, 1, 2], s = sigma or log sigma. */
  private theta: tf.Tensor;
  /** (mu, sigma) [R, 1, 2]; the same tensor as theta for the direct parametrisation. */
  private P: tf.Tensor;
  /** Homogeneous critic parameters W'_l [L, in + 1, out (+ 1)] (src/engine/mlp.ts). */
  private critic: tf.Tensor[];
  /** Which runs still train, and why the others stopped (src/engine/stopTracker.ts). */
  private readonly stops: StopTracker;
  private records: { step: number; value: tf.Tensor }[] = [];

  // constants
  private readonly isOptimal: tf.Tensor;
  /** isOptimal broadcast to the generator batch, bool [R, B, 1] (the Select kernel takes same-shape
   * conditions: wasm's rank-1 row selection is broken in tfjs 4.22). */
  private readonly isOptimalBatch: tf.Tensor;
  private readonly zeroLoss: tf.Tensor;
  private readonly criticLoss: BasisLoss | null;
  private readonly generatorLoss: BasisLoss;
  /** The target's constants for log p (objectives.ts targetTensors). */
  private readonly target: ReturnType<typeof targetTensors>;
  /** A = [[1, 0], [mu, 0], [sigma, 0], [0, 1]] as P [R, 1, 2] x select [1, 2, 8] + constant [8]. */
  private readonly aSelect: tf.Tensor;
  private readonly aConstant: tf.Tensor;
  /** Log parametrisation: which of (mu, s) is log sigma [1, 1, 2] as (0, 1) and (1, 0), and as bool [R, 1, 2]. */
  private readonly sigmaSlot: tf.Tensor | null;
  private readonly muSlot: tf.Tensor | null;
  private readonly sigmaSlotBool: tf.Tensor | null;
  /** Gradient masks of the constant units (relu-family activations; src/engine/mlp.ts). */
  private readonly masks: (tf.Tensor | null)[];
  /** SGD-only critics: the learning rate is folded into dLoss/dd and the update is p - g. */
  private readonly criticPrescaled: boolean;
  /** SGD-only generators: likewise. */
  private readonly generatorPrescaled: boolean;
  private readonly criticOpt: RunOptimizer;
  private readonly generatorOpt: RunOptimizer;
  // objectives beyond f-GAN (src/engine/objectives.ts); null when no run needs them
  /** KL-WGAN's reweighting and the hinge form (src/engine/wassersteinTerms.ts). */
  private readonly wasserstein: WassersteinTerms | null;
  /** Spectral normalisation of the learned critics that ask for it (src/engine/spectralNorm.ts). */
  private readonly spectralNorm: SpectralNorm | null;
  /** Learned runs: penalty coefficients lambda/B (x SGD rate when prescaled) and lambda/B [L,1,1]. */
  private readonly penaltyGradCoef: tf.Tensor | null;
  private readonly penaltyValueCoef: tf.Tensor | null;
  /** Learned runs: per-parameter clip bounds and their negatives (huge at the constant units). */
  private readonly clipBounds: tf.Tensor[] | null;
  private readonly negClipBounds: tf.Tensor[] | null;

  /** The step's noise and samples, drawn in JavaScript (src/engine/batchSampler.ts). */
  private readonly batch: BatchSampler;
  private stepCount = 0;
  private phaseCount = 0;
  private lastRecordedStep = -1;
  /** The critic loss of the current step's last critic update, kept until its generator update. */
  private pendingCriticLoss: tf.Tensor | null = null;
  private disposed = false;
  /** The tensors that live as long as the trainer (constants, masks, coefficients): dispose walks
   * this list, so that a new one cannot be forgotten there. */
  private readonly constants: tf.Tensor[] = [];

  /** Keeps a tensor for the trainer's lifetime (see constants). */
  private keep<T extends tf.Tensor>(t: T): T {
    this.constants.push(tf.keep(t));
    return t;
  }

  constructor(config: Config, runs: RunSpec[], options: TrainerOptions = {}) {
    if (runs.length === 0) throw new Error('The experiment has no runs to train.');
    assertSupported(runs);
    this.config = config;
    this.runs = runs;
    this.R = runs.length;
    this.B = config.batchSize;
    this.K = config.criticSteps;
    this.recordEvery = options.recordEvery ?? DEFAULT_RECORD_EVERY;
    this.logSigma = config.sigmaParametrization === 'log';
    this.layerSizes = [1, ...config.critic.hidden, 1];
    this.learned = runs.map((r) => r.critic === 'learned');
    this.anyLearned = this.learned.some((l) => l);
    this.anyOptimal = this.learned.some((l) => !l);
    this.learnedIdx = runs.map((_, i) => i).filter((i) => this.learned[i]);
    this.L = this.learnedIdx.length;
    const mixed = this.anyLearned && this.anyOptimal;
    this.learnedIdxT = mixed ? this.keep(tf.tensor1d(this.learnedIdx, 'int32')) : null;
    let row = 0;
    this.criticRowT = mixed ? this.keep(tf.tensor1d(runs.map((_, i) => (this.learned[i] ? row++ : 0)), 'int32')) : null;
    const { R, B } = this;

    const s0 = this.logSigma ? Math.log(config.sigma0) : config.sigma0;
    this.theta = tf.keep(tf.tensor3d(Array.from({ length: R }, () => [config.mu0, s0]).flat(), [R, 1, 2]));
    this.sigmaSlot = this.logSigma ? this.keep(tf.tensor3d([0, 1], [1, 1, 2])) : null;
    this.muSlot = this.logSigma ? this.keep(tf.tensor3d([1, 0], [1, 1, 2])) : null;
    this.sigmaSlotBool = this.logSigma ? this.keep(tf.tensor3d(Array.from({ length: R }, () => [false, true]).flat(), [R, 1, 2], 'bool')) : null;
    this.P = this.logSigma ? tf.keep(tf.tidy(() => this.sigmaOf(this.theta))) : this.theta;
    this.masks = constUnitMasks(this.layerSizes, config.critic.activation).map((m) => (m ? this.keep(m) : null));
    this.critic = this.initCritic();
    this.stops = new StopTracker(runs.map((r) => r.label), this.logSigma);
    this.zeroLoss = this.keep(tf.zeros([R, 1, 1]));
    this.aSelect = this.keep(tf.tensor3d(A_SELECT, [1, 2, 8]));
    this.aConstant = this.keep(tf.tensor1d(A_CONSTANT));

    this.isOptimal = this.keep(tf.tensor(runs.map((r) => r.critic === 'optimal'), [R, 1, 1], 'bool'));
    this.isOptimalBatch = this.keep(tf.tensor3d(runs.flatMap((r) => new Array<boolean>(B).fill(r.critic === 'optimal')), [R, B, 1], 'bool'));
    this.criticPrescaled = runs.every((r, i) => !this.learned[i] || r.scheme.criticOptimizer.kind === 'sgd');
    this.generatorPrescaled = runs.every((r) => r.scheme.generatorOptimizer.kind === 'sgd');
    const losses = basisLosses(runs, this.learnedIdx, B, this.criticPrescaled, this.generatorPrescaled);
    this.criticLoss = losses.critic;
    this.generatorLoss = losses.generator;
    const generatorScale = losses.generatorScale;
    const target = targetTensors(config.target);
    for (const t of Object.values(target)) this.keep(t);
    this.target = target;

    this.criticOpt = new RunOptimizer(this.learnedIdx.map((i) => runs[i].scheme.criticOptimizer), this.learnedIdx.map(() => true), this.critic.map((t) => t.shape));
    this.generatorOpt = new RunOptimizer(runs.map((r) => r.scheme.generatorOptimizer), runs.map(() => true), [[R, 1, 2]]);

    // objectives beyond f-GAN: per-run masks and coefficients; the learned runs form the critic batch
    const learnedSchemes = this.learnedIdx.map((i) => runs[i].scheme);
    const flags = objectiveFlags(this.learnedIdx.map((i) => runs[i]));
    const criticScale = this.learnedIdx.map((i) => (this.criticPrescaled ? runs[i].scheme.criticOptimizer.learningRate : 1));
    const column = (values: number[]) => this.keep(tf.tensor(values, [values.length, 1, 1]));
    this.wasserstein = WassersteinTerms.create({
      learned: learnedSchemes, criticScale, all: runs.map((r) => r.scheme), generatorScale, batchSize: B, temperature: options.klTemperature ?? 1,
    });
    this.spectralNorm = learnedSchemes.some((s) => s.spectralNorm)
      ? new SpectralNorm(this.layerSizes, learnedSchemes.map((s) => s.spectralNorm), this.learnedIdx.map((i) => runs[i].seed))
      : null;
    const lambda = learnedSchemes.map((s) => (s.penalty === 'none' ? 0 : s.penaltyWeight / B));
    this.penaltyGradCoef = flags.anyPenalty ? column(lambda.map((v, l) => v * criticScale[l])) : null;
    this.penaltyValueCoef = flags.anyPenalty ? column(lambda) : null;
    const clip = flags.anyClip ? clipBoundTensors(learnedSchemes, homogeneousShapes(this.layerSizes)) : null;
    this.clipBounds = clip ? clip.upper.map((t) => this.keep(t)) : null;
    this.negClipBounds = clip ? clip.lower.map((t) => this.keep(t)) : null;
    this.batch = new BatchSampler(config, runs, this.learnedIdx, flags.anyPenalty);
    this.record(0);
  }

  get step(): number {
    return this.stepCount;
  }

  /** Runs still training. */
  get activeRuns(): number {
    return this.R - this.stops.stoppedCount;
  }

  get stopped(): RunStopped[] {
    return this.stops.stopped;
  }

  private initCritic(): tf.Tensor[] {
    const R = this.L;
    const layers: { w: Float32Array; b: Float32Array }[] = [];
    const rngs = this.learnedIdx.map((i) => new Rng(this.runs[i].seed, 1));
    for (let l = 0; l + 1 < this.layerSizes.length; l++) {
      const fanIn = this.layerSizes[l];
      const fanOut = this.layerSizes[l + 1];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const w = new Float32Array(R * fanIn * fanOut);
      for (let r = 0; r < R; r++) {
        for (let i = 0; i < fanIn * fanOut; i++) w[r * fanIn * fanOut + i] = (2 * rngs[r].uniform() - 1) * limit;
      }
      layers.push({ w, b: new Float32Array(R * fanOut) });
    }
    return this.homogeneousCritic(layers);
  }

  private homogeneousCritic(layers: { w: ArrayLike<number>; b: ArrayLike<number> }[]): tf.Tensor[] {
    const shapes = homogeneousShapes(this.layerSizes);
    return toHomogeneousArrays(layers, this.layerSizes, this.L, this.config.critic.activation)
      .map((values, l) => tf.keep(tf.tensor3d(values, [this.L, ...shapes[l]])));
  }

  private sigmaOf(theta: tf.Tensor): tf.Tensor {
    if (!this.logSigma) return theta;
    return tf.engine().runKernel('Select', { condition: this.sigmaSlotBool!, t: tf.exp(theta), e: theta }) as tf.Tensor;
  }

  /** mu and sigma [R, 1, 1] each. */
  private muSigma(): [tf.Tensor, tf.Tensor] {
    const [mu, sigma] = tf.split(this.P, 2, 2);
    return [mu, sigma];
  }

  private get mlpOptions(): MlpOptions {
    return { activation: this.config.critic.activation, masks: this.masks };
  }

  /** The learned critic on x of shape [R, N, 1] (per-run homogeneous weights), shape [R, N, 1]. */
  /**
   * d*(x) = log p(x) - log q(x) on x of shape [R, N, 1], and its x-derivative when asked; mu and sigma
   * (shape [R, 1, 1]) are constants: the gradient flows only through x.
   */
  optimalCritic(x: tf.Tensor, mu: tf.Tensor, sigma: tf.Tensor, withGrad = false): { d: tf.Tensor; dx: tf.Tensor | null } {
    const z = tf.mul(tf.sub(x, this.target.mean), this.target.invStd); // [R, N, C]
    const terms = tf.sub(this.target.logC, tf.mul(tf.square(z), 0.5));
    const single = this.config.target.length === 1;
    const logp = single ? terms : tf.logSumExp(terms, 2, true);
    const zq = tf.div(tf.sub(x, mu), sigma);
    // log p - log q; both sides omit log sqrt(2 pi)
    const d = tf.add(logp, tf.add(tf.mul(tf.square(zq), 0.5), tf.log(sigma)));
    if (!withGrad) return { d, dx: null };
    // d/dx log p = sum_c softmax_c(terms) * (-z_c / s_c); d/dx (-log q) = (x - mu) / sigma^2
    const scoreTerms = tf.mul(z, this.target.negInvStd);
    const score = single ? scoreTerms : tf.sum(tf.mul(tf.softmax(terms), scoreTerms), 2, true);
    return { d, dx: tf.add(score, tf.div(zq, sigma)) };
  }

  /** t where cond, else e: the Select kernel itself (cond has t's shape; tf.where adds broadcast clones). */
  private select(cond: tf.Tensor, t: tf.Tensor, e: tf.Tensor): tf.Tensor {
    return tf.engine().runKernel('Select', { condition: cond, t, e }) as tf.Tensor;
  }

  /** The critic output used by each run on x [R, N, 1]: d* for optimal runs, the MLP for learned ones. */
  criticOutput(x: tf.Tensor, mu: tf.Tensor, sigma: tf.Tensor, withGrad = false): { d: tf.Tensor; dx: tf.Tensor | null } {
    let learned: { d: tf.Tensor; dx: tf.Tensor | null } | null = null;
    if (this.anyLearned) {
      const xL = this.learnedIdxT ? tf.gather(x, this.learnedIdxT, 0) : x;
      const critic = this.usedCritic();
      const fwd = mlpForward(homogeneousInput(xL), critic, this.mlpOptions);
      learned = { d: fwd.out, dx: withGrad ? mlpInputGrad(fwd, critic, this.mlpOptions) : null };
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

  /** KL-WGAN's generator loss -mean(r d): corrects the WGAN value and gradient of the KL runs. */
  private klGeneratorLoss(d: tf.Tensor, value: tf.Tensor, grad: tf.Tensor, unscaled = false): { value: tf.Tensor; grad: tf.Tensor } {
    return this.wasserstein ? this.wasserstein.generator(d, value, grad, unscaled) : { value, grad };
  }

  /** The critic's layers as used: normalised by their spectral norm for the runs that ask for it. */
  private usedCritic(): tf.Tensor[] {
    return this.spectralNorm ? this.spectralNorm.normalise(this.critic).weights : this.critic;
  }

  /** One generator step (K critic steps, then the generator): no readback. */
  stepOnce(): void {
    if (this.disposed) throw new Error('Trainer disposed');
    if (this.phase > 0) {
      while (this.phase < this.K) this.criticUpdate();
      this.generatorUpdate();
      return;
    }
    this.batch.sample();
    const step = this.stepCount + 1;
    tf.tidy(() => {
      const A = this.sampleMatrix();
      let criticLoss: tf.Tensor = this.zeroLoss;
      const inputs = this.criticInputs(A);
      if (inputs) for (let k = 0; k < this.K; k++) criticLoss = this.criticPhase(inputs, k) ?? criticLoss;
      this.generatorPhase(A, criticLoss, step);
    });
    this.finishStep(step);
  }

  /** Critic updates done in the current generator step (0 between steps; K once all are done). */
  get phase(): number {
    return this.phaseCount;
  }

  /** The next critic update of the current generator step alone (slow motion); K of them make a step. */
  criticUpdate(): void {
    if (this.disposed) throw new Error('Trainer disposed');
    if (this.phase >= this.K) throw new Error('every critic update of this generator step is done: the generator is next');
    if (this.phase === 0) this.batch.sample();
    const k = this.phaseCount;
    if (this.anyLearned) {
      let loss: tf.Tensor | null = null;
      tf.tidy(() => {
        const value = this.criticPhase(this.criticInputs(this.sampleMatrix())!, k);
        if (value) loss = tf.keep(value);
      });
      if (loss) { this.pendingCriticLoss?.dispose(); this.pendingCriticLoss = loss; }
    }
    this.phaseCount = k + 1;
  }

  /** The generator update that ends the current step, once its K critic updates are done. */
  generatorUpdate(): void {
    if (this.disposed) throw new Error('Trainer disposed');
    if (this.phase < this.K) throw new Error(`the critic has ${this.K - this.phase} update(s) left in this generator step`);
    const step = this.stepCount + 1;
    tf.tidy(() => this.generatorPhase(this.sampleMatrix(), this.pendingCriticLoss ?? this.zeroLoss, step));
    this.pendingCriticLoss?.dispose();
    this.pendingCriticLoss = null;
    this.phaseCount = 0;
    this.finishStep(step);
  }

  private finishStep(step: number): void {
    this.stepCount = step;
    if (step % this.recordEvery === 0) this.record(step);
  }

  /** A = [[1, 0], [mu, 0], [sigma, 0], [0, 1]] per run [R, 4, 2]: sample rows times A are critic inputs [x, 1]. */
  private sampleMatrix(): tf.Tensor {
    const aRow = tf.engine().runKernel('_FusedMatMul', { a: this.P, b: this.aSelect, bias: this.aConstant }, { transposeA: false, transposeB: false, activation: 'linear', leakyreluAlpha: 0 }) as tf.Tensor;
    return tf.reshape(aRow, [this.R, 4, 2]);
  }

  /** The critic's inputs of every critic step of this generator step (null without learned runs). */
  private criticInputs(A: tf.Tensor): CriticInputs | null {
    if (!this.anyLearned || !this.criticLoss) return null;
    const AL = this.learnedIdxT ? tf.gather(A, this.learnedIdxT, 0) : A;
    return { xs: this.sampleRows(this.batch.criticV, AL, 2 * this.B), penaltyXs: this.batch.penaltyV ? this.sampleRows(this.batch.penaltyV, AL, this.B) : null };
  }

  /** Critic update k of the current step; on the last one, the critic loss of every run [R, 1, 1]. */
  private criticPhase({ xs, penaltyXs }: CriticInputs, k: number): tf.Tensor | null {
    const { K } = this;
    const opts = this.mlpOptions;
    const params = this.critic;
    this.spectralNorm?.iterate(params);
    const normalised = this.spectralNorm?.normalise(params) ?? null;
    const used = normalised ? normalised.weights : params;
    const fwd = mlpForward(xs[k], used, opts);
    const last = k === K - 1;
    let { value, grad } = this.criticLoss!.evaluate(fwd.out, { value: last, grad: true });
    if (this.wasserstein) ({ grad, value } = this.wasserstein.critic(fwd.out, grad!, value));
    let grads = mlpParamGrads(fwd, used, grad!, opts);
    if (penaltyXs) {
      const pen = penaltyParamGrads(penaltyXs[k], used, opts, this.penaltyGradCoef!, last ? this.penaltyValueCoef : null);
      grads = grads.map((g, i) => tf.add(g, pen.grads[i]));
      if (last) value = tf.add(value!, pen.value!);
    }
    if (normalised) grads = this.spectralNorm!.backward(grads, normalised);
    let next = this.criticPrescaled ? params.map((p, i) => tf.sub(p, grads[i])) : this.criticOpt.apply(params, grads);
    if (this.clipBounds) next = clipParams(next, this.clipBounds, this.negClipBounds!);
    this.critic = next.map((t) => tf.keep(t));
    for (const p of params) p.dispose();
    if (!last) return null;
    return this.criticRowT ? this.select(this.isOptimal, this.zeroLoss, tf.gather(value!, this.criticRowT, 0)) : value!;
  }

  /** The generator update of step `step`, with the critic loss of its last critic update (stop check). */
  private generatorPhase(A: tf.Tensor, criticLoss: tf.Tensor, step: number): void {
    const { R, B } = this;
    const opts = this.mlpOptions;
    // generator: x' = [mu + sigma z, 1], d and dLoss/dd, then dLoss/dx through the critic
    const Xg = tf.matMul(tf.tensor3d(this.batch.generatorV, [R, B, 4]), A); // [R, B, 2]
    let fwd: MlpForward | null = null;
    let dL: tf.Tensor | null = null;
    const critic = this.usedCritic();
    if (this.anyLearned) {
      fwd = mlpForward(this.learnedIdxT ? tf.gather(Xg, this.learnedIdxT, 0) : Xg, critic, opts);
      dL = fwd.out;
    }
    let optimal: { d: tf.Tensor; dx: tf.Tensor | null } | null = null;
    if (this.anyOptimal) {
      const [mu3, sigma3] = this.muSigma();
      const gradV = tf.tensor3d(this.batch.generatorGradV, [R, B, 2]);
      optimal = this.optimalCritic(tf.matMul(gradV, this.P, false, true), mu3, sigma3, true); // [1, z] (mu, sigma)^T
    }
    const d = !optimal ? dL! : !dL ? optimal.d : this.select(this.isOptimalBatch, optimal.d, tf.gather(dL, this.criticRowT!, 0));
    const basis = this.generatorLoss.evaluate(d, { value: true, grad: true });
    const { value: genLoss, grad: gd } = this.klGeneratorLoss(d, basis.value!, basis.grad!);
    // dLoss/dx [R, B, 1]: the learned critic's backward pass takes the upstream gradient itself
    let gx: tf.Tensor;
    if (!optimal) gx = mlpInputGrad(fwd!, critic, opts, gd);
    else if (!fwd) gx = tf.mul(gd, optimal.dx!);
    else {
      const gxL = mlpInputGrad(fwd, critic, opts, tf.gather(gd, this.learnedIdxT!, 0));
      gx = this.select(this.isOptimalBatch, tf.mul(gd, optimal.dx!), tf.gather(gxL, this.criticRowT!, 0));
    }
    // (dLoss/dmu, dLoss/dsigma) = sum_n gx_n [1, z_n]: one product
    let G = tf.matMul(gx, tf.tensor3d(this.batch.generatorGradV, [R, B, 2]), true, false); // [R, 1, 2]
    if (this.logSigma) G = tf.mul(G, tf.add(tf.mul(this.P, this.sigmaSlot!), this.muSlot!)); // d/ds = sigma d/dsigma
    const newTheta = this.generatorPrescaled ? tf.sub(this.theta, G) : this.generatorOpt.apply([this.theta], [G])[0];
    const newP = this.sigmaOf(newTheta);
    // a run whose losses, mu or sigma went wrong stops where it was
    const keep = this.stops.check(tf.concat([criticLoss, genLoss!, newP], 2), step);
    const theta = this.select(keep, newTheta, this.theta);
    const P = this.logSigma ? this.select(keep, newP, this.P) : theta;
    this.replaceGenerator(theta, P);
  }

  /**
   * Critic inputs [x, 1] for every critic step from the upload matrix V [L, K rows, 4] (rows per
   * run and step) and A [L, 4, 2]: per step k, [L, rows, 2] (batched layout) or its L run pieces
   * [1, rows, 2] (perRun layout: per-run products reach XNNPACK, and every split is contiguous;
   * wasm's batched product and its strided slices cost milliseconds here).
   */
  private sampleRows(V: Float32Array, A: tf.Tensor, rows: number): (tf.Tensor | tf.Tensor[])[] {
    const { K, L } = this;
    const splitK = (t: tf.Tensor) => (K > 1 ? tf.split(t, K, 1) : [t]);
    if (mlpLayout(this.mlpOptions) === 'batched') return splitK(tf.matMul(tf.tensor3d(V, [L, K * rows, 4]), A));
    const As = L > 1 ? tf.split(A, L, 0) : [A];
    const perRun = As.map((a, l) => splitK(tf.matMul(tf.tensor3d(V.subarray(l * K * rows * 4, (l + 1) * K * rows * 4), [1, K * rows, 4]), a)));
    return Array.from({ length: K }, (_, k) => perRun.map((steps) => steps[k]));
  }

  /** Swaps in new generator tensors; old ones are kept while a trajectory record holds them. */
  private replaceGenerator(theta: tf.Tensor, P: tf.Tensor): void {
    const old = new Set([this.theta, this.P]);
    this.theta = tf.keep(theta);
    this.P = tf.keep(P);
    for (const t of old) if (!this.isHeld(t)) t.dispose();
  }

  private isHeld(t: tf.Tensor): boolean {
    return t === this.theta || t === this.P || this.records.some((r) => r.value === t);
  }

  /**
   * The generator gradient (d loss / d mu, d loss / d sigma) of every run at the current
   * parameters for the given standard-normal draws z [R * n] (tests: gradient matching).
   */
  async generatorGradient(z: Float32Array, n: number): Promise<{ dmu: number[]; dsigma: number[]; loss: number[] }> {
    const { R } = this;
    const out = tf.tidy(() => {
      const [mu3, sigma3] = this.muSigma();
      const zg = tf.tensor3d(z, [R, n, 1]);
      const x = tf.add(mu3, tf.mul(sigma3, zg));
      const { d, dx } = this.criticOutput(x, mu3, sigma3, true);
      const loss = new BasisLoss({ runs: R, samplesPerGroup: n, scale: [-1 / n], groups: this.runs.map((r) => [generatorCoefficients(r)]) });
      const basis = loss.evaluate(d, { value: true, grad: true });
      const { value, grad } = this.klGeneratorLoss(d, basis.value!, basis.grad!, true);
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

  /** A trajectory point: the current (mu, sigma) tensor itself, no kernel. */
  private record(step: number): void {
    this.lastRecordedStep = step;
    this.records.push({ step, value: this.P });
  }

  /** Records the current step unless it is recorded already (the last step, or where training paused). */
  recordCurrent(): void {
    const last = this.records[this.records.length - 1];
    if (last?.step !== this.stepCount && this.lastRecordedStep !== this.stepCount) this.record(this.stepCount);
  }

  /** Reads the recorded trajectory points and new stops (one readback per chunk). */
  async flush(): Promise<{ points: TrajectoryPoint[]; stopped: RunStopped[] }> {
    const records = this.records;
    this.records = [];
    const points: TrajectoryPoint[] = [];
    if (records.length > 0) {
      const all = records.length === 1 ? records[0].value : tf.tidy(() => tf.concat(records.map((r) => r.value), 0));
      const data = await all.data();
      if (records.length > 1) all.dispose();
      for (const r of new Set(records.map((rec) => rec.value))) if (!this.isHeld(r)) r.dispose();
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
    const stopped = await this.stops.read();
    return { points, stopped };
  }

  /** Trains n generator steps, then reads the chunk's results once. */
  async train(n: number): Promise<ChunkResult> {
    for (let i = 0; i < n; i++) this.stepOnce();
    const { points, stopped } = await this.flush();
    return { step: this.stepCount, points, stopped };
  }

  /** Current mu and sigma of every run (async readback). */
  async parameters(): Promise<{ mu: number[]; sigma: number[] }> {
    const data = await this.P.data();
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
      this.batch.target.fill(rngs[r], real, r * samples, samples);
      rngs[r].fillNormal(z, r * samples, samples);
    }
    const [grid, dReal, dFake, fake, params] = tf.tidy(() => {
      const [mu3, sigma3] = this.muSigma();
      const fakeX = tf.add(mu3, tf.mul(sigma3, tf.tensor3d(z, [R, samples, 1])));
      const gridX = tf.tile(tf.tensor3d(xGrid, [1, xGrid.length, 1]), [R, 1, 1]);
      const out = (x: tf.Tensor) => this.criticOutput(x, mu3, sigma3).d;
      return [out(gridX), out(tf.tensor3d(real, [R, samples, 1])), out(fakeX), fakeX, tf.clone(this.P)];
    });
    const [g, dr, df, f, p] = await Promise.all([grid.data(), dReal.data(), dFake.data(), fake.data(), params.data()]);
    for (const t of [grid, dReal, dFake, fake, params]) t.dispose();
    const sigmas = await this.spectralNormTable();
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
    return { step: this.stepCount, xGrid, runs };
  }

  /** Per run, sigma_max estimates of its critic's weight matrices when it is spectrally normalised. */
  private async spectralNormTable(): Promise<(number[] | null)[] | null> {
    if (!this.spectralNorm) return null;
    const table = tf.tidy(() => this.spectralNorm!.sigmaTable(this.critic));
    const values = await table.data();
    table.dispose();
    const layers = this.critic.length;
    return this.runs.map((run, r) => {
      const l = this.learnedIdx.indexOf(r);
      return l >= 0 && run.scheme.spectralNorm ? Array.from(values.subarray(l * layers, (l + 1) * layers)) : null;
    });
  }

  /** Reads everything needed to continue on another backend (critic as W [L, in, out], b [L, 1, out]). */
  async exportState(): Promise<TrainerState> {
    const read = async (t: tf.Tensor) => Array.from(await t.data());
    const theta = await read(this.theta);
    const homogeneous = await Promise.all(this.critic.map((t) => t.data()));
    const layers = fromHomogeneousArrays(homogeneous, this.layerSizes, this.L, this.config.critic.activation);
    const critic = layers.flatMap(({ w, b }, l) => [
      { shape: [this.L, this.layerSizes[l], this.layerSizes[l + 1]], values: Array.from(w) },
      { shape: [this.L, 1, this.layerSizes[l + 1]], values: Array.from(b) },
    ]);
    return {
      step: this.stepCount,
      mu: theta.filter((_, i) => i % 2 === 0),
      sParam: theta.filter((_, i) => i % 2 === 1),
      critic,
      ...(await this.stops.exportState()),
      ...this.batch.exportState(),
      criticOpt: await this.criticOpt.exportState(),
      generatorOpt: await this.generatorOpt.exportState(),
      ...(this.spectralNorm ? { spectralNorm: await this.spectralNorm.exportState() } : {}),
    };
  }

  /**
   * Continues from an exported state (same runs; settings of how training proceeds may differ).
   * `reset` names runs whose critic or generator optimizer starts afresh (its kind changed).
   * Recorded but unread points are dropped.
   */
  importState(state: TrainerState, reset: { critic?: number[]; generator?: number[] } = {}): void {
    const { R } = this;
    const generator = new Set([this.theta, this.P, ...this.records.map((r) => r.value)]);
    for (const t of [...this.critic, ...generator]) t.dispose();
    this.records = [];
    const theta = new Float32Array(2 * R);
    for (let r = 0; r < R; r++) { theta[2 * r] = state.mu[r]; theta[2 * r + 1] = state.sParam[r]; }
    this.theta = tf.keep(tf.tensor3d(theta, [R, 1, 2]));
    this.P = this.logSigma ? tf.keep(tf.tidy(() => this.sigmaOf(this.theta))) : this.theta;
    const layers = Array.from({ length: state.critic.length / 2 }, (_, l) => ({ w: state.critic[2 * l].values, b: state.critic[2 * l + 1].values }));
    this.critic = this.homogeneousCritic(layers);
    this.stops.importState(state);
    this.batch.importState(state);
    this.criticOpt.importState(state.criticOpt, (reset.critic ?? []).map((r) => this.learnedIdx.indexOf(r)).filter((l) => l >= 0));
    this.generatorOpt.importState(state.generatorOpt, reset.generator ?? []);
    if (state.spectralNorm) this.spectralNorm?.importState(state.spectralNorm);
    this.stepCount = state.step;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // the state that training replaces (theta and P are one tensor in the direct parametrisation)
    const state = new Set([this.theta, this.P, ...this.critic, ...this.records.map((r) => r.value)]);
    for (const t of [...state, ...this.constants]) t.dispose();
    this.records = [];
    this.pendingCriticLoss?.dispose();
    for (const part of [this.stops, this.wasserstein, this.spectralNorm, this.criticLoss, this.generatorLoss, this.criticOpt, this.generatorOpt]) part?.dispose();
  }
}
