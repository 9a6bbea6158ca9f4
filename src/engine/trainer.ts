// The training engine: R independent runs (schemes x critic kinds x seeds) trained as ONE batch.
// Every parameter has a leading run dimension; losses of different divergences are coefficient
// tensors over the critic basis (src/math/criticBasis.ts), learned and optimal critics are
// selected per run by a mask, and optimizers carry per-run hyperparameters. The loop never reads
// back synchronously: trajectory points and stop causes accumulate on the device and are read
// once per chunk. Its parts: the generator family (gaussianGenerator.ts), the learned critics
// (learnedCritic.ts), the optimal critic (optimalCritic.ts), the objective terms (basis.ts,
// wassersteinTerms.ts, objectives.ts), the batch sampler and the stop tracker.
import * as tf from './tf';
import type { Config } from '../config/schema';
import type { RunSpec } from '../config/runs';
import { homogeneousInput, mlpForward, mlpInputGrad, mlpLayout, mlpParamGrads, type MlpLayout } from './mlp';
import { ObjectiveTerms } from './objectiveTerms';
import { criticInputsOf, type CriticInputs, type CriticPath } from './criticInputs';
import { BatchSampler, type SamplerState } from './batchSampler';
import { gaussianStopRule, StopTracker, type StopState } from './stopTracker';
import { takeSnapshot } from './snapshot';
import { RunOptimizer, type OptimizerSnapshot } from './optimizers';
import { GaussianGenerator, type GaussianGeneratorState } from './gaussianGenerator';
import { LearnedCritic, type LearnedCriticState } from './learnedCritic';
import { OptimalCritic } from './optimalCritic';
import { TensorRegistry } from './registry';
import { PointRecorder } from './pointRecorder';
import { StepReadingsKeeper } from './stepReadings';
import type { RunStopped, Snapshot, TrajectoryPoint } from './protocol';
import type { BatchTrainer, ChunkResult } from './batchTrainer';

export type { CriticPath };

/** Trajectory points are recorded on the device every this many generator steps (and at step 0). */
export const DEFAULT_RECORD_EVERY = 10;

export interface TrainerOptions {
  /** Record a trajectory point every this many generator steps (default 10). */
  recordEvery?: number;
  /** KL-WGAN's fake-sample weights are r = B softmax(klTemperature * d) over the batch (internal;
   * default 1, Song & Ermon; 0 forces r = 1, i.e. WGAN, through the same kernels). */
  klTemperature?: number;
  /** The learned critics' MLP layout (default: the backend's, src/engine/mlp.ts; bench/ab.ts compares them). */
  criticLayout?: MlpLayout;
  /** Use the fused critic kernels where they cover the configuration (default true; false keeps
   * every update on tfjs's own kernels: tests compare the two). */
  fused?: boolean;
}

/** Everything needed to rebuild a Trainer on another backend (WebGL context loss) or with other
 * settings (live changes): every part's state. */
export interface TrainerState extends SamplerState, StopState, GaussianGeneratorState, LearnedCriticState {
  step: number;
  generatorOpt: OptimizerSnapshot;
}

/** Throws a clear error for runs the engine cannot train: only f-GAN schemes have an optimal critic. */
function assertSupported(runs: RunSpec[]): void {
  for (const run of runs) {
    const s = run.scheme;
    if (s.objective !== 'f-gan' && run.critic === 'optimal') throw new Error(`The '${s.objective}' objective has no analytically optimal critic (${run.label}); train it with a learned critic.`);
  }
}

/** A critic output d on x, and its x-derivative when asked. */
interface CriticValue {
  d: tf.Tensor;
  dx: tf.Tensor | null;
}

export class Trainer implements BatchTrainer<TrajectoryPoint, Snapshot, TrainerState> {
  readonly runs: RunSpec[];
  readonly config: Config;
  readonly R: number;
  readonly B: number;
  readonly K: number;
  /** Learned-critic runs: the critic batch holds only these (L of R). */
  readonly L: number;
  /** Trajectory points are recorded every this many generator steps (1 in slow motion). */
  recordEvery: number;
  private readonly anyLearned: boolean;
  private readonly anyOptimal: boolean;
  /** Run indices of the learned-critic runs, in critic-batch order. */
  private readonly learnedIdx: number[];
  private readonly learnedIdxT: tf.Tensor | null;
  /** For each run, its row in the critic batch (0 for optimal runs). */
  private readonly criticRowT: tf.Tensor | null;

  private readonly generator: GaussianGenerator;
  private readonly generatorOpt: RunOptimizer;
  private readonly critic: LearnedCritic;
  private readonly optimal: OptimalCritic | null;
  /** Which runs still train, and why the others stopped. */
  private readonly stops: StopTracker;
  /** The step's noise and samples, drawn in JavaScript. */
  private readonly batch: BatchSampler;
  /** The trajectory points recorded on the device, read at the chunk's end. */
  private readonly recorder: PointRecorder<TrajectoryPoint>;
  /** The last step's losses and gradients, for the points that record it. */
  private readonly readings: StepReadingsKeeper;

  /** What every critic and generator minimises. */
  private readonly objective: ObjectiveTerms;
  /** The critic loss's coefficients when the fused critic update serves this batch, else null. */
  private readonly fusedCoefficients: Float32Array | null;
  private readonly fusedSlope: boolean;

  // constants
  private readonly constants = new TensorRegistry();
  private readonly isOptimal: tf.Tensor;
  /** isOptimal broadcast to the generator batch, bool [R, B, 1] (the Select kernel takes same-shape
   * conditions: wasm's rank-1 row selection is broken in tfjs 4.22). */
  private readonly isOptimalBatch: tf.Tensor;
  private readonly zeroLoss: tf.Tensor;

  private stepCount = 0;
  private phaseCount = 0;
  /** The critic loss of the current step's last critic update, kept until its generator update. */
  private pendingCriticLoss: tf.Tensor | null = null;
  private disposed = false;

  constructor(config: Config, runs: RunSpec[], options: TrainerOptions = {}) {
    if (runs.length === 0) throw new Error('The experiment has no runs to train.');
    assertSupported(runs);
    this.config = config;
    this.runs = runs;
    const R = (this.R = runs.length);
    const B = (this.B = config.batchSize);
    this.K = config.criticSteps;
    this.recordEvery = options.recordEvery ?? DEFAULT_RECORD_EVERY;
    const learned = runs.map((r) => r.critic === 'learned');
    this.anyLearned = learned.some((l) => l);
    this.anyOptimal = learned.some((l) => !l);
    this.learnedIdx = runs.map((_, i) => i).filter((i) => learned[i]);
    this.L = this.learnedIdx.length;
    const keep = <T extends tf.Tensor>(t: T) => this.constants.keep(t);
    const mixed = this.anyLearned && this.anyOptimal;
    this.learnedIdxT = mixed ? keep(tf.tensor1d(this.learnedIdx, 'int32')) : null;
    let row = 0;
    this.criticRowT = mixed ? keep(tf.tensor1d(learned.map((l) => (l ? row++ : 0)), 'int32')) : null;
    this.isOptimal = keep(tf.tensor(learned.map((l) => !l), [R, 1, 1], 'bool'));
    this.isOptimalBatch = keep(tf.tensor3d(learned.flatMap((l) => new Array<boolean>(B).fill(!l)), [R, B, 1], 'bool'));
    this.zeroLoss = keep(tf.zeros([R, 1, 1]));

    const learnedRuns = this.learnedIdx.map((i) => runs[i]);
    const logSigma = config.sigmaParametrization === 'log';
    this.generator = new GaussianGenerator(R, config.mu0, config.sigma0, logSigma);
    this.generatorOpt = new RunOptimizer(runs.map((r) => r.scheme.generatorOptimizer), runs.map(() => true), [[R, 1, 2]]);
    this.critic = new LearnedCritic([1, ...config.critic.hidden, 1], config.critic.activation, learnedRuns.map((r) => r.scheme), learnedRuns.map((r) => r.seed), options.criticLayout);
    this.optimal = this.anyOptimal ? new OptimalCritic(config.target) : null;
    this.stops = new StopTracker(runs.map((r) => r.label), gaussianStopRule(logSigma));

    this.objective = new ObjectiveTerms({
      runs, learnedIdx: this.learnedIdx, batchSize: B, klTemperature: options.klTemperature ?? 1,
      criticScale: this.critic.optimizer.gradScale, generatorScale: this.generatorOpt.gradScale,
    });
    const fused = options.fused !== false && this.anyLearned && this.critic.fusable;
    this.fusedCoefficients = fused ? this.objective.fusedCriticCoefficients : null;
    this.fusedSlope = options.fused !== false && this.anyLearned && this.critic.slopeAvailable;
    this.batch = new BatchSampler(config, runs, this.learnedIdx, this.objective.anyPenalty);
    this.readings = new StepReadingsKeeper({
      R, learnedIdx: this.learnedIdx, generatorScale: this.generatorOpt.gradScale, criticScale: this.critic.optimizer.gradScale,
      generatorConstant: this.objective.generatorConstant, criticConstant: this.objective.criticConstant,
    });
    this.recorder = new PointRecorder(this.generator, this.readings);
    this.recorder.record(0);
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

  /** Critic updates done in the current generator step (0 between steps; K once all are done). */
  get phase(): number {
    return this.phaseCount;
  }

  /** Which kernels the learned critics run on (the bench prints it). */
  get criticPath(): CriticPath {
    return { update: this.fusedCoefficients ? 'fused' : 'kernels', slope: this.fusedSlope ? 'fused' : 'kernels' };
  }

  /** The critic output used by each run on x [R, N, 1]: d* for optimal runs, the MLP for learned ones. */
  private criticOutput(x: tf.Tensor, withGrad = false): CriticValue {
    let learned: CriticValue | null = null;
    if (this.anyLearned) {
      const xL = this.learnedIdxT ? tf.gather(x, this.learnedIdxT, 0) : x;
      const critic = this.critic.used();
      const fwd = mlpForward(homogeneousInput(xL), critic, this.critic.options);
      learned = { d: fwd.out, dx: withGrad ? mlpInputGrad(fwd, critic, this.critic.options) : null };
      if (!this.anyOptimal) return learned;
    }
    const optimal = this.optimal!.evaluate(x, this.generator, withGrad);
    if (!learned) return optimal;
    // back from the critic batch (L rows) to all R runs
    const rows = this.criticRowT!;
    learned = { d: tf.gather(learned.d, rows, 0), dx: learned.dx ? tf.gather(learned.dx, rows, 0) : null };
    return {
      d: tf.where(this.isOptimal, optimal.d, learned.d),
      dx: withGrad ? tf.where(this.isOptimal, optimal.dx!, learned.dx!) : null,
    };
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
      const A = this.generator.sampleMatrix();
      let criticLoss: tf.Tensor = this.zeroLoss;
      const inputs = this.criticInputs(A);
      if (inputs) for (let k = 0; k < this.K; k++) criticLoss = this.criticPhase(inputs, k) ?? criticLoss;
      this.generatorPhase(A, criticLoss, step);
    });
    this.finishStep(step);
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
        const value = this.criticPhase(this.criticInputs(this.generator.sampleMatrix())!, k);
        if (value) loss = tf.keep(tf.clone(value)); // its own tensor: the readings keep the value itself
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
    tf.tidy(() => this.generatorPhase(this.generator.sampleMatrix(), this.pendingCriticLoss ?? this.zeroLoss, step));
    this.pendingCriticLoss?.dispose();
    this.pendingCriticLoss = null;
    this.phaseCount = 0;
    this.finishStep(step);
  }

  private finishStep(step: number): void {
    this.stepCount = step;
    if (step % this.recordEvery === 0) this.recorder.record(step);
  }

  /** The critic's inputs of every critic step of this generator step (null without learned runs). */
  private criticInputs(A: tf.Tensor): CriticInputs | null {
    if (!this.anyLearned) return null;
    const AL = this.learnedIdxT ? tf.gather(A, this.learnedIdxT, 0) : A;
    return criticInputsOf(this.batch, AL, { L: this.L, K: this.K, B: this.B, fused: this.fusedCoefficients !== null, layout: mlpLayout(this.critic.options) });
  }

  /** Critic update k of the current step; on the last one, the critic loss of every run [R, 1, 1]. */
  private criticPhase(inputs: CriticInputs, k: number): tf.Tensor | null {
    if (inputs.fused) return this.fusedCriticPhase(inputs.fused, k);
    const { xs, penaltyXs } = inputs;
    const opts = this.critic.options;
    const { weights, normalised } = this.critic.forUpdate();
    const fwd = mlpForward(xs[k], weights, opts);
    const last = k === this.K - 1;
    let { value, grad } = this.objective.critic(fwd.out, last);
    let grads = mlpParamGrads(fwd, weights, grad, opts);
    if (penaltyXs) {
      const pen = this.objective.penalty(penaltyXs[k], weights, opts, last);
      grads = grads.map((g, i) => tf.add(g, pen.grads[i]));
      if (last) value = tf.add(value!, pen.value!);
    }
    const applied = this.critic.update(grads, normalised);
    if (!last) return null;
    this.readings.keepCritic(value!, applied);
    return this.criticLossOfRuns(value!);
  }

  /** Critic update k by the fused kernel; on the last one, the critic loss of every run. */
  private fusedCriticPhase({ V, A }: { V: tf.Tensor; A: tf.Tensor }, k: number): tf.Tensor | null {
    const last = k === this.K - 1;
    const { value, grads } = this.critic.fusedUpdate(V, A, k, this.B, this.fusedCoefficients!, last);
    if (!last) return null;
    this.readings.keepCritic(value!, grads!);
    return this.criticLossOfRuns(value!);
  }

  /** The critic batch's loss [L, 1, 1] as every run's [R, 1, 1] (0 for optimal runs). */
  private criticLossOfRuns(value: tf.Tensor): tf.Tensor {
    return this.criticRowT ? tf.selectSameShape(this.isOptimal, this.zeroLoss, tf.gather(value, this.criticRowT, 0)) : value;
  }

  /** The generator update of step `step`, with the critic loss of its last critic update (stop check). */
  private generatorPhase(A: tf.Tensor, criticLoss: tf.Tensor, step: number): void {
    const { R, B } = this;
    // generator: x' = [mu + sigma z, 1], d and dLoss/dd, then dLoss/dx through the critic
    const Xg = tf.matMul(tf.tensor3d(this.batch.generatorV, [R, B, 4]), A); // [R, B, 2]
    const noiseRows = tf.tensor3d(this.batch.generatorGradV, [R, B, 2]); // [1, z]
    const learned = this.anyLearned ? this.critic.onGenerator(this.fusedSlope, this.learnedIdxT ? tf.gather(Xg, this.learnedIdxT, 0) : Xg) : null;
    const optimal = this.anyOptimal ? this.optimal!.evaluate(tf.matMul(noiseRows, this.generator.point, false, true), this.generator, true) : null;
    const d = !optimal ? learned!.d : !learned ? optimal.d : tf.selectSameShape(this.isOptimalBatch, optimal.d, tf.gather(learned.d, this.criticRowT!, 0));
    const { value: genLoss, grad: gd } = this.objective.generator(d);
    // dLoss/dx [R, B, 1]: the learned critic's backward pass takes the upstream gradient itself
    let gx: tf.Tensor;
    if (!optimal) gx = learned!.inputGrad(gd);
    else if (!learned) gx = tf.mul(gd, optimal.dx!);
    else {
      const gxL = learned.inputGrad(tf.gather(gd, this.learnedIdxT!, 0));
      gx = tf.selectSameShape(this.isOptimalBatch, tf.mul(gd, optimal.dx!), tf.gather(gxL, this.criticRowT!, 0));
    }
    const G = this.generator.paramGradient(gx, noiseRows);
    this.readings.keepGenerator(genLoss, [G]);
    const theta = this.generatorOpt.apply([this.generator.params], [G])[0];
    const point = this.generator.pointOf(theta);
    // a run whose losses, mu or sigma went wrong stops where it was
    const keep = this.stops.check(tf.concat([criticLoss, genLoss, point], 2), step, 2);
    this.generator.accept(keep, theta, point);
  }

  /**
   * The generator gradient (d loss / d mu, d loss / d sigma) of every run at the current
   * parameters for the given standard-normal draws z [R * n] (tests: gradient matching).
   */
  async generatorGradient(z: Float32Array, n: number): Promise<{ dmu: number[]; dsigma: number[]; loss: number[] }> {
    const { R } = this;
    const out = tf.tidy(() => {
      const zg = tf.tensor3d(z, [R, n, 1]);
      const { d, dx } = this.criticOutput(this.generator.samples(zg), true);
      const { value, grad } = this.objective.generatorOn(d, n);
      const gx = tf.mul(grad, dx!);
      return tf.concat([tf.sum(gx, 1), tf.sum(tf.mul(gx, zg), 1), tf.reshape(value, [R, 1])], 1);
    });
    const data = await out.data();
    out.dispose();
    const pick = (j: number) => Array.from({ length: R }, (_, r) => data[r * 3 + j]);
    return { dmu: pick(0), dsigma: pick(1), loss: pick(2) };
  }

  /** Records the current step unless it is recorded already (the last step, or where training paused). */
  recordCurrent(): void {
    this.recorder.recordOnce(this.stepCount);
  }

  /** Reads the recorded trajectory points and new stops (one readback per chunk). */
  async flush(): Promise<{ points: TrajectoryPoint[]; stopped: RunStopped[] }> {
    const points = await this.recorder.read();
    return { points, stopped: await this.stops.read() };
  }

  /** Trains n generator steps, then reads the chunk's results once. */
  async train(n: number): Promise<ChunkResult<TrajectoryPoint>> {
    for (let i = 0; i < n; i++) this.stepOnce();
    const { points, stopped } = await this.flush();
    return { step: this.stepCount, points, stopped };
  }

  /** Current mu and sigma of every run (async readback). */
  async parameters(): Promise<{ mu: number[]; sigma: number[] }> {
    const { mu, sigma } = this.generator.trajectoryPoint(this.stepCount, await this.generator.point.data());
    return { mu, sigma };
  }

  /** Critic outputs, samples and divergence estimates of every run (for the page's views). */
  snapshot(samples = 512, gridPoints = 161): Promise<Snapshot> {
    return takeSnapshot({
      config: this.config, runs: this.runs, step: this.stepCount, generator: this.generator, target: this.batch.target,
      criticOutput: (x) => this.criticOutput(x).d,
      spectralNorms: () => this.critic.spectralNormsByRun(this.runs, this.learnedIdx),
    }, samples, gridPoints);
  }

  /** Reads every part's state, to continue on another backend or with other settings. */
  async exportState(): Promise<TrainerState> {
    return {
      step: this.stepCount,
      ...(await this.generator.exportState()),
      ...(await this.critic.exportState()),
      ...(await this.stops.exportState()),
      ...this.batch.exportState(),
      generatorOpt: await this.generatorOpt.exportState(),
    };
  }

  /**
   * Continues from an exported state (same runs; settings of how training proceeds may differ).
   * `reset` names runs whose critic or generator optimizer starts afresh (its kind changed).
   * Recorded but unread points are dropped.
   */
  importState(state: TrainerState, reset: { critic?: number[]; generator?: number[] } = {}): void {
    this.recorder.clear();
    this.readings.clear();
    this.generator.importState(state);
    this.critic.importState(state, (reset.critic ?? []).map((r) => this.learnedIdx.indexOf(r)).filter((l) => l >= 0));
    this.stops.importState(state);
    this.batch.importState(state);
    this.generatorOpt.importState(state.generatorOpt, reset.generator ?? []);
    this.stepCount = state.step;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.recorder.clear();
    this.pendingCriticLoss?.dispose();
    for (const part of [this.constants, this.generator, this.critic, this.optimal, this.stops, this.objective, this.generatorOpt, this.readings]) part?.dispose();
  }
}
