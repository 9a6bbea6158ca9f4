// The training engine of the 2-D problems: R runs (schemes x critic kinds x seeds) of one problem
// trained as one batch, like the 1-D engine, with the generator family as a part
// (families.ts). The losses are differentiated by tfjs's tape; every parameter has a leading run
// dimension and the optimizers carry per-run settings. Noise is drawn in JavaScript from one
// seeded stream per run, so that a run does not depend on its batch mates.
import * as tf from '../tf';
import { hasDensity, type PlanarConfig } from '../../config/planar';
import type { BatchTrainer, ChunkResult, OptimizerResets, RecordedPoints } from '../batchTrainer';
import type { OptimizerSnapshot } from '../optimizers';
import type { RngState } from '../prng';
import type { RunSpec } from '../../config/runs';
import { planarMoments, PlanarMixtureSampler } from '../../math/planar/mixture2';
import type { Gaussian2 } from '../../math/planar/gaussian2';
import { RunOptimizer } from '../optimizers';
import { Rng } from '../prng';
import { TensorRegistry } from '../registry';
import { StepReadingsKeeper } from '../stepReadings';
import { PlanarCritic, tensorValues, type TensorValues } from './critic';
import { PointRecorder } from '../pointRecorder';
import { finiteStopRule, StopTracker, type StopState } from '../stopTracker';
import { PlanarPoints } from './points';
import { makeFamily, type FinalParameters, type PlanarFamily } from './families';
import { PlanarObjective, stopGradient } from './losses';
import { PlanarTarget } from './target';
import type { PlanarPoint, PlanarSnapshot, PlanarStop } from './protocol';
import { planarSnapshot, type PlanarViewSource } from './views';


/** Samples per run behind the MLP family's estimated moments. */
const MOMENT_SAMPLES = 2048;

/** Everything needed to continue training on another backend or with other settings. */
export interface PlanarTrainerState extends StopState {
  step: number;
  generator: TensorValues[];
  critic: TensorValues[];
  spectral: { vectors: TensorValues[]; lefts: TensorValues[] };
  generatorOpt: OptimizerSnapshot;
  criticOpt: OptimizerSnapshot;
  rngs: RngState[];
  penaltyRngs: RngState[];
}

export class PlanarTrainer implements BatchTrainer<PlanarPoint, PlanarSnapshot, PlanarTrainerState> {
  readonly R: number;
  readonly L: number;
  readonly K: number;
  readonly family: PlanarFamily;
  recordEvery: number;
  private readonly B: number;
  private readonly learnedIdx: number[];
  private readonly constants = new TensorRegistry();
  private readonly learnedIdxT: tf.Tensor | null;
  private readonly criticRowT: tf.Tensor | null;
  private readonly isOptimal: tf.Tensor | null;
  private readonly target: PlanarTarget;
  private readonly sampler: PlanarMixtureSampler;
  private readonly objective: PlanarObjective;
  private readonly critic: PlanarCritic;
  private readonly criticOpt: RunOptimizer;
  private readonly generatorOpt: RunOptimizer;
  private readonly rngs: Rng[];
  private readonly penalty: { kind: RunSpec['scheme']['penalty']; weight: number; scale: number; rng: Rng }[];
  /** The learned runs' penalty weights lambda [L, 1, 1]; null when no run has a penalty. */
  private readonly penaltyWeights: tf.Tensor | null;
  private readonly momentNoise: tf.Tensor;
  private criticParams: tf.Tensor[];
  private genParams: tf.Tensor[];
  /** Per run: still training (1) or stopped (0), and the step it stopped at. */
  /** Which runs still train, and why the others stopped. */
  private readonly stops: StopTracker;
  /** The points recorded on the device, read at the chunk's end. */
  private readonly recorder: PointRecorder<PlanarPoint>;
  /** What a point holds: the parameters, and q's samples where the moments are estimated. */
  private readonly points: PlanarPoints;
  /** The last step's losses and gradients, for the points that record it. */
  private readonly readings: StepReadingsKeeper;
  private stepCount = 0;
  private phaseCount = 0;

  constructor(readonly config: PlanarConfig, readonly runs: RunSpec[], options: { recordEvery?: number } = {}) {
    if (runs.length === 0) throw new Error('The experiment has no runs to train.');
    this.R = runs.length;
    this.B = config.batchSize;
    this.K = config.criticSteps;
    this.recordEvery = options.recordEvery ?? 10;
    this.family = makeFamily(config);
    const optimal = runs.map((r) => r.critic === 'optimal');
    if (optimal.some((o) => o) && !hasDensity(config.family.kind)) throw new Error(`The ${this.family.kind} generator has no closed-form density: train it with a learned critic.`);
    this.learnedIdx = runs.map((_, i) => i).filter((i) => !optimal[i]);
    this.L = this.learnedIdx.length;
    const mixed = this.L > 0 && this.L < this.R;
    const keep = <T extends tf.Tensor>(t: T) => this.constants.keep(t);
    this.learnedIdxT = mixed ? keep(tf.tensor1d(this.learnedIdx, 'int32')) : null;
    let row = 0;
    this.criticRowT = mixed ? keep(tf.tensor1d(optimal.map((o) => (o ? 0 : row++)), 'int32')) : null;
    this.isOptimal = this.L < this.R ? keep(tf.tensor(optimal, [this.R, 1, 1], 'bool')) : null;
    this.target = new PlanarTarget(config.target);
    this.sampler = new PlanarMixtureSampler(config.target);
    const learned = this.learnedIdx.map((i) => runs[i]);
    this.objective = new PlanarObjective(runs.map((r) => r.scheme), learned.map((r) => r.scheme));
    this.critic = new PlanarCritic(config.critic.hidden, config.critic.activation, learned.map((r) => r.scheme), learned.map((r) => r.seed));
    this.criticParams = this.critic.initial(learned.map((r) => r.seed)).map((t) => tf.keep(t));
    this.genParams = this.family.initial(this.R, runs.map((r) => r.seed)).map((t) => tf.keep(t));
    this.criticOpt = new RunOptimizer(learned.map((r) => r.scheme.criticOptimizer), learned.map(() => true), this.criticParams.map((t) => t.shape));
    this.generatorOpt = new RunOptimizer(runs.map((r) => r.scheme.generatorOptimizer), runs.map(() => true), this.genParams.map((t) => t.shape));
    this.rngs = runs.map((r) => new Rng(r.seed, 21));
    const { cov } = planarMoments(config.target);
    const spread = Math.sqrt((cov[0][0] + cov[1][1]) / 2);
    this.penalty = learned.map((r) => ({ kind: r.scheme.penalty, weight: r.scheme.penalty === 'none' ? 0 : r.scheme.penaltyWeight, scale: r.scheme.draganScale * spread, rng: new Rng(r.seed, 22) }));
    this.penaltyWeights = this.penalty.some((p) => p.weight > 0) ? keep(tf.tensor(this.penalty.map((p) => p.weight), [this.L, 1, 1])) : null;
    const noise = new Float32Array(this.R * MOMENT_SAMPLES * this.family.noiseDim);
    const momentRng = new Rng(config.seed, 23);
    momentRng.fillNormal(noise, 0, noise.length);
    this.momentNoise = keep(tf.tensor3d(noise, [this.R, MOMENT_SAMPLES, this.family.noiseDim]));
    this.stops = new StopTracker(runs.map((r) => r.label), finiteStopRule(['the generator loss', "the generator's parameters"]));
    this.readings = new StepReadingsKeeper({ R: this.R, learnedIdx: this.learnedIdx, generatorScale: this.generatorOpt.gradScale, criticScale: this.criticOpt.gradScale });
    this.points = new PlanarPoints(this.family, this.R, () => this.genParams, hasDensity(config.family.kind) ? null : this.momentNoise);
    this.recorder = new PointRecorder(this.points, this.readings);
    this.recorder.record(0);
  }

  get step(): number {
    return this.stepCount;
  }

  /** Critic updates done in the current generator step (0 between steps). */
  get phase(): number {
    return this.phaseCount;
  }

  get stopped(): PlanarStop[] {
    return this.stops.stopped;
  }

  get activeRuns(): number {
    return this.R - this.stops.stoppedCount;
  }

  /** Standard normals [rows, n, dim] from the given runs' streams. */
  private normals(rngs: readonly Rng[], n: number, dim: number): tf.Tensor {
    const out = new Float32Array(rngs.length * n * dim);
    rngs.forEach((rng, r) => rng.fillNormal(out, r * n * dim, n * dim));
    return tf.tensor3d(out, [rngs.length, n, dim]);
  }

  /** Real samples [L, B, 2] from the learned runs' streams. */
  private realBatch(): tf.Tensor {
    const out = new Float32Array(this.L * this.B * 2);
    this.learnedIdx.forEach((i, l) => this.sampler.fill(() => this.rngs[i].uniform(), () => this.rngs[i].normal(), out, l * this.B, this.B));
    return tf.tensor3d(out, [this.L, this.B, 2]);
  }

  private learnedRows(t: tf.Tensor): tf.Tensor {
    return this.learnedIdxT ? tf.gather(t, this.learnedIdxT, 0) : t;
  }

  /** Penalty points [L, B, 2]: real + alpha (fake - real) with alpha ~ U[0, 1) per sample (GP),
   * or real + delta with delta ~ N(0, (c std)^2 I) (DRAGAN). */
  private penaltyPoints(real: tf.Tensor, fake: tf.Tensor): tf.Tensor {
    const alpha = new Float32Array(this.L * this.B);
    const delta = new Float32Array(this.L * this.B * 2);
    this.penalty.forEach((p, l) => {
      for (let n = 0; n < this.B; n++) {
        if (p.kind === 'gp') alpha[l * this.B + n] = p.rng.uniform();
        else if (p.kind === 'dragan') for (let c = 0; c < 2; c++) delta[(l * this.B + n) * 2 + c] = p.scale * p.rng.normal();
      }
    });
    return tf.tidy(() => tf.add(tf.add(real, tf.mul(tf.tensor3d(alpha, [this.L, this.B, 1]), tf.sub(fake, real))), tf.tensor3d(delta, [this.L, this.B, 2])));
  }

  /** The next critic update of the current generator step alone (slow motion); the last of a
   * step keeps its loss and gradients for the readings. */
  criticUpdate(): void {
    if (this.phaseCount >= this.K) throw new Error('every critic update of this generator step is done: the generator is next');
    const last = this.phaseCount === this.K - 1;
    this.phaseCount += 1;
    if (this.L === 0) return;
    const { L, B } = this;
    const real = this.realBatch();
    const rngs = this.learnedIdx.map((i) => this.rngs[i]);
    const fake = tf.tidy(() => this.family.sample(this.genParams.map((p) => this.learnedRows(p)), this.normals(rngs, B, this.family.noiseDim)));
    const points = this.penaltyWeights ? this.penaltyPoints(real, fake) : null;
    this.critic.iterate(this.criticParams);
    const scale = tf.tensor(this.criticOpt.gradScale, [L, 1, 1]);
    let perRun: tf.Tensor | null = null;
    const { value, grads } = tf.valueAndGrads((...params: tf.Tensor[]) => {
      let loss = this.objective.critic(this.critic.evaluate(params, real).d, this.critic.evaluate(params, fake).d);
      if (points) {
        const g = this.critic.evaluate(params, points, true).dx!;
        const norm = tf.sqrt(tf.add(tf.sum(tf.square(g), 2, true), 1e-12));
        loss = tf.add(loss, tf.mul(this.penaltyWeights!, tf.mean(tf.square(tf.sub(norm, 1)), 1, true)));
      }
      if (last) perRun = tf.keep(tf.clone(loss));
      return tf.sum(tf.mul(loss, scale));
    })(this.criticParams);
    const next = tf.tidy(() => this.critic.clipped(this.criticOpt.apply(this.criticParams, grads)));
    if (perRun) this.readings.keepCritic(perRun, grads);
    for (const t of [...this.criticParams, ...(perRun ? [] : grads), value, real, fake, scale, ...(points ? [points] : [])]) t.dispose();
    this.criticParams = next.map((t) => tf.keep(t));
  }

  /** The critic value each run uses on its samples x [R, N, 2]: the learned MLP, or d* = log p - log q with q held constant. */
  private criticOn(x: tf.Tensor, params: tf.Tensor[]): tf.Tensor {
    const learned = this.L > 0 ? this.critic.evaluate(this.criticParams, x, false, this.criticRowT).d : null;
    if (!this.isOptimal) return learned!;
    const optimal = tf.sub(this.target.logDensity(x), this.family.logDensity(params.map((p) => stopGradient(p)), x)!);
    if (!learned) return optimal;
    return tf.where(this.isOptimal, optimal, learned);
  }

  /** The generator loss of every run [R, 1, 1] at params on noise z, and its gradients (scaled per run). */
  private generatorGradients(z: tf.Tensor, scale: readonly number[]): { perRun: tf.Tensor; grads: tf.Tensor[] } {
    let perRun: tf.Tensor | null = null;
    const s = tf.tensor(scale, [this.R, 1, 1]);
    const { value, grads } = tf.valueAndGrads((...params: tf.Tensor[]) => {
      const loss = this.objective.generatorLoss(this.criticOn(this.family.sample(params, z), params));
      perRun = tf.keep(tf.clone(loss));
      return tf.sum(tf.mul(loss, s));
    })(this.genParams);
    s.dispose();
    value.dispose();
    return { perRun: perRun!, grads };
  }

  /** The generator update that ends the current step, once its critic updates are done. */
  generatorUpdate(): void {
    if (this.phaseCount < this.K) throw new Error(`the critic has ${this.K - this.phaseCount} update(s) left in this generator step`);
    this.phaseCount = 0;
    const step = this.stepCount + 1;
    const z = this.normals(this.rngs, this.B, this.family.noiseDim);
    const { perRun, grads } = this.generatorGradients(z, this.generatorOpt.gradScale);
    tf.tidy(() => {
      const next = this.generatorOpt.apply(this.genParams, grads);
      // a run whose loss or new parameters are not finite stops where it was: (loss, 0 or NaN)
      const finite = (t: tf.Tensor) => tf.all(tf.isFinite(tf.reshape(t, [this.R, -1])), 1);
      const paramsOk = next.reduce((acc, t) => tf.logicalAnd(acc, finite(t)), tf.ones([this.R], 'bool'));
      const paramsColumn = tf.reshape(tf.where(paramsOk, tf.zeros([this.R]), tf.fill([this.R], NaN)), [this.R, 1, 1]);
      const alive = tf.reshape(this.stops.check(tf.concat([tf.reshape(perRun, [this.R, 1, 1]), paramsColumn], 2), step, 1), [this.R]);
      const kept = next.map((t, i) => tf.where(tf.reshape(alive, [this.R, ...new Array<number>(t.rank - 1).fill(1)]), t, this.genParams[i]));
      for (const t of this.genParams) t.dispose();
      this.genParams = kept.map((t) => tf.keep(t));
    });
    this.readings.keepGenerator(perRun, grads);
    z.dispose();
    this.stepCount = step;
    if (step % this.recordEvery === 0) this.recorder.record(step);
  }

  /** One generator step: K critic updates (when any run learns its critic), then the generator. */
  stepOnce(): void {
    while (this.phaseCount < this.K) this.criticUpdate();
    this.generatorUpdate();
  }

  /** Records the current step unless it is recorded already (read or not). */
  recordCurrent(): void {
    this.recorder.recordOnce(this.stepCount);
  }

  /** Trains n generator steps and reads the recorded points and new stops. */
  async train(n: number): Promise<ChunkResult<PlanarPoint>> {
    for (let i = 0; i < n; i++) this.stepOnce();
    return { step: this.stepCount, ...(await this.flush()) };
  }

  /** Reads the recorded points and new stops (one readback). */
  async flush(): Promise<RecordedPoints<PlanarPoint>> {
    const points = await this.recorder.read();
    return { points, stopped: await this.stops.read() };
  }



  /** What the views draw at the current step (views.ts). */
  snapshot(): Promise<PlanarSnapshot> {
    return planarSnapshot(this.viewSource(), hasDensity(this.config.family.kind));
  }

  async exportState(): Promise<PlanarTrainerState> {
    return {
      step: this.stepCount,
      generator: await Promise.all(this.genParams.map(tensorValues)),
      critic: await Promise.all(this.criticParams.map(tensorValues)),
      spectral: await this.critic.exportState(),
      generatorOpt: await this.generatorOpt.exportState(),
      criticOpt: await this.criticOpt.exportState(),
      rngs: this.rngs.map((r) => r.getState()),
      penaltyRngs: this.penalty.map((p) => p.rng.getState()),
      ...(await this.stops.exportState()),
    };
  }

  /** Continues from an exported state (same runs; settings of how training proceeds may differ).
   * Recorded but unread points are dropped. */
  importState(state: PlanarTrainerState, reset: OptimizerResets = {}): void {
    this.recorder.clear();
    this.readings.clear();
    const load = (list: TensorValues[]) => list.map((v) => tf.keep(tf.tensor(v.values, v.shape)));
    for (const t of [...this.genParams, ...this.criticParams]) t.dispose();
    this.genParams = load(state.generator);
    this.criticParams = load(state.critic);
    this.critic.importState(state.spectral);
    this.generatorOpt.importState(state.generatorOpt, reset.generator ?? []);
    this.criticOpt.importState(state.criticOpt, (reset.critic ?? []).map((r) => this.learnedIdx.indexOf(r)).filter((l) => l >= 0));
    this.rngs.forEach((_, r) => { this.rngs[r] = Rng.fromState(state.rngs[r]); });
    this.penalty.forEach((p, l) => { p.rng = Rng.fromState(state.penaltyRngs[l]); });
    this.stops.importState(state);
    this.stepCount = state.step;
    this.phaseCount = 0;
  }

  /** The point at the current step, read as a recorded one is (planar/points.ts). */
  private async currentPoint(): Promise<PlanarPoint> {
    const recorded = this.points.recordPoint();
    const values = await recorded.data();
    recorded.dispose();
    return this.points.trajectoryPoint(this.stepCount, values);
  }

  /** q's mean and covariance per run now. */
  async moments(): Promise<Gaussian2[]> {
    return (await this.currentPoint()).runs;
  }

  /** Each run's generator parameters, named as the headless results write them. */
  async finalParameters(): Promise<FinalParameters[]> {
    return (await this.currentPoint()).params;
  }

  /** Each run's generator gradient (unscaled), per parameter tensor [R, ...] flattened, on a batch
   * of `n` samples from a fixed stream: where and how strongly the generator is pushed. */
  async generatorGradient(n = 1024): Promise<{ grads: Float32Array[]; loss: Float32Array }> {
    const z = this.normals(this.runs.map((r) => new Rng(r.seed, 24)), n, this.family.noiseDim);
    const { perRun, grads } = this.generatorGradients(z, this.runs.map(() => 1));
    const values = (await Promise.all(grads.map((g) => g.data()))) as Float32Array[];
    const loss = (await perRun.data()) as Float32Array;
    for (const t of [z, perRun, ...grads]) t.dispose();
    return { grads: values, loss };
  }

  /** What the views read (views.ts). */
  viewSource(): PlanarViewSource {
    return {
      config: this.config, runs: this.runs, step: this.stepCount, noiseDim: this.family.noiseDim,
      learnedOn: (x) => (this.L > 0 ? this.critic.evaluate(this.criticParams, x, false, this.criticRowT).d : null),
      optimalOn: (x) => {
        const logQ = this.family.logDensity(this.genParams, x);
        return logQ ? tf.sub(this.target.logDensity(x), logQ) : null;
      },
      usedOn: (x) => this.criticOn(x, this.genParams),
      push: (x) => tf.neg(tf.grad((at: tf.Tensor) => tf.sum(this.objective.generatorLoss(this.criticOn(at, this.genParams))))(x)),
      samples: (z) => this.family.sample(this.genParams, z),
      moments: () => this.moments(),
      finals: () => this.finalParameters(),
    };
  }

  dispose(): void {
    this.recorder.clear();
    this.readings.dispose();
    for (const t of [...this.criticParams, ...this.genParams]) t.dispose();
    for (const part of [this.constants, this.target, this.objective, this.critic, this.criticOpt, this.generatorOpt, this.stops]) part.dispose();
  }
}
