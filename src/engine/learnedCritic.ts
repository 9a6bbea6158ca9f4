// The learned critics of a batch: L MLPs d(x) (one per learned-critic run) as homogeneous layers
// W'_l [L, in + 1, out (+ 1)] (src/engine/mlp.ts), with how they are updated: their optimizer,
// weight clipping and spectral normalisation. What the critic minimises is the trainer's.
import * as tf from './tf';
import type { Activation, SchemeConfig } from '../config/schema';
import type { RunSpec } from '../config/runs';
import { CONST_UNIT, constUnitMasks, fromHomogeneousArrays, mlpForward, mlpInputGrad, homogeneousShapes, toHomogeneousArrays, type MlpLayout, type MlpOptions } from './mlp';
import { clipBoundTensors, clipParams } from './objectives';
import { RunOptimizer, type OptimizerSnapshot } from './optimizers';
import { Rng } from './prng';
import { TensorRegistry } from './registry';
import { SpectralNorm, type NormalisedCritic, type SpectralNormState } from './spectralNorm';
import { CRITIC_SLOPE, CRITIC_UPDATE, fusedBackend, registerFusedKernels, type CriticUpdateAttrs } from './fused/kernels';
import type { CriticGeometry } from './fused/criticPass';

/** One layer's weights W [L, in, out] or biases b [L, 1, out], flattened. */
export interface LayerValues {
  shape: number[];
  values: number[];
}

export interface LearnedCriticState {
  critic: LayerValues[];
  criticOpt: OptimizerSnapshot;
  /** The power-iteration vectors of the spectrally normalised critics (when any). */
  spectralNorm?: SpectralNormState;
}

/** Glorot-uniform weights and zero biases, from each run's seeded stream. */
function initialLayers(layerSizes: number[], seeds: number[]): { w: Float32Array; b: Float32Array }[] {
  const L = seeds.length;
  const rngs = seeds.map((seed) => new Rng(seed, 1));
  const layers: { w: Float32Array; b: Float32Array }[] = [];
  for (let l = 0; l + 1 < layerSizes.length; l++) {
    const fanIn = layerSizes[l];
    const fanOut = layerSizes[l + 1];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(L * fanIn * fanOut);
    for (let r = 0; r < L; r++) {
      for (let i = 0; i < fanIn * fanOut; i++) w[r * fanIn * fanOut + i] = (2 * rngs[r].uniform() - 1) * limit;
    }
    layers.push({ w, b: new Float32Array(L * fanOut) });
  }
  return layers;
}

export class LearnedCritic {
  readonly L: number;
  /** The parameters W'_l [L, in + 1, out (+ 1)]. */
  params: tf.Tensor[];
  readonly options: MlpOptions;
  /** Spectral normalisation of the critics that ask for it. */
  readonly spectralNorm: SpectralNorm | null;
  readonly optimizer: RunOptimizer;
  private readonly constants = new TensorRegistry();
  /** Per-parameter clip bounds and their negatives (huge at the constant units); null without clipping. */
  private readonly clip: { upper: tf.Tensor[]; lower: tf.Tensor[] } | null;
  /** The same bounds per run for the fused kernels (0: none). */
  private readonly clipValues: Float64Array | null;
  readonly geometry: CriticGeometry;

  /** `layerSizes`: widths [in, H_1, ..., 1]; `schemes` and `seeds`: per learned run; `layout`: the backend's default when absent. */
  constructor(private readonly layerSizes: number[], private readonly activation: Activation, schemes: SchemeConfig[], seeds: number[], layout?: MlpLayout) {
    this.L = schemes.length;
    const masks = constUnitMasks(layerSizes, activation).map((m) => this.constants.keepIf(m));
    this.options = { activation, masks, layout };
    this.params = this.fromLayers(initialLayers(layerSizes, seeds));
    this.optimizer = new RunOptimizer(schemes.map((s) => s.criticOptimizer), schemes.map(() => true), this.params.map((t) => t.shape));
    this.spectralNorm = schemes.some((s) => s.spectralNorm) ? new SpectralNorm(layerSizes, schemes.map((s) => s.spectralNorm), seeds) : null;
    const clip = schemes.some((s) => s.clip > 0) ? clipBoundTensors(schemes, homogeneousShapes(layerSizes)) : null;
    this.clipValues = clip ? Float64Array.from(schemes, (s) => s.clip) : null;
    this.geometry = { sizes: layerSizes.slice(), activation, maskConstUnit: !CONST_UNIT[activation].frozen };
    registerFusedKernels();
    this.clip = clip ? { upper: clip.upper.map((t) => this.constants.keep(t)), lower: clip.lower.map((t) => this.constants.keep(t)) } : null;
  }

  /** The layers as used in a forward pass: normalised for the runs that ask for it. */
  used(): tf.Tensor[] {
    return this.spectralNorm ? this.spectralNorm.normalise(this.params).weights : this.params;
  }

  /** The layers for an update (one power-iteration step first), and the normalisation to undo. */
  forUpdate(): { weights: tf.Tensor[]; normalised: NormalisedCritic | null } {
    this.spectralNorm?.iterate(this.params);
    const normalised = this.spectralNorm?.normalise(this.params) ?? null;
    return { weights: normalised ? normalised.weights : this.params, normalised };
  }

  /** Applies dLoss/d(used layers) of a pass on forUpdate()'s weights (call inside a tidy); returns
   * the gradient applied to the parameters. */
  update(grads: tf.Tensor[], normalised: NormalisedCritic | null): tf.Tensor[] {
    const g = normalised ? this.spectralNorm!.backward(grads, normalised) : grads;
    let next = this.optimizer.apply(this.params, g);
    if (this.clip) next = clipParams(next, this.clip.upper, this.clip.lower);
    const old = this.params;
    this.params = next.map((t) => tf.keep(t));
    for (const p of old) p.dispose();
    return g;
  }

  /** Whether fusedUpdate() serves these critics: the backend has the kernels, and no run is
   * spectrally normalised (that stays on the kernels path). */
  get fusable(): boolean {
    return !this.spectralNorm && fusedBackend();
  }

  /**
   * One update of every critic by the fused kernel (call inside a tidy): samples x = V A from
   * V [L, K 2B, 4] (update k's rows) and A [L, 4, 2]; the loss's coefficients from
   * BasisLoss.table. Returns the loss [L, 1, 1] and the gradients applied, when asked.
   */
  fusedUpdate(V: tf.Tensor, A: tf.Tensor, update: number, groupSize: number, coefficients: Float32Array, withReadings: boolean): { value: tf.Tensor | null; grads: tf.Tensor[] | null } {
    const slots = this.optimizer.slotTensors();
    const inputs: Record<string, tf.Tensor> = { V, A };
    this.params.forEach((w, l) => { inputs[`w${l}`] = w; });
    for (const key of ['m', 'v', 'ms'] as const) slots[key]?.forEach((t, l) => { inputs[`${key}${l}`] = t; });
    const attrs: CriticUpdateAttrs = {
      geometry: this.geometry, groupSize, update, coefficients, hyper: this.optimizer.fusedHyper(), clip: this.clipValues,
      withValue: withReadings, withGrads: withReadings,
    };
    const out = tf.engine().runKernel(CRITIC_UPDATE, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    const layers = this.params.length;
    const take = (present: boolean) => (present ? out.splice(0, layers) : null);
    const next = take(true)!;
    const old = this.params;
    this.params = next.map((t) => tf.keep(t));
    for (const p of old) p.dispose();
    this.optimizer.acceptSlots({ m: take(!!slots.m), v: take(!!slots.v), ms: take(!!slots.ms) });
    const value = withReadings ? out.shift()! : null;
    return { value, grads: withReadings ? out : null };
  }

  /** The critics on the generator's homogeneous samples x' [L, B, 2]: d, and dLoss/dx for an
   * upstream dLoss/dd; by the fused slope kernel when `fused`, else by tfjs's kernels. */
  onGenerator(fused: boolean, x: tf.Tensor): { d: tf.Tensor; inputGrad: (upstream: tf.Tensor) => tf.Tensor } {
    const slope = fused ? this.slopeOn(x) : null;
    if (slope) return { d: slope.d, inputGrad: (g) => tf.mul(g, slope.slope) };
    const critic = this.used();
    const fwd = mlpForward(x, critic, this.options);
    return { d: fwd.out, inputGrad: (g) => mlpInputGrad(fwd, critic, this.options, g) };
  }

  /** Whether slopeOn() has a fused kernel on this backend. */
  get slopeAvailable(): boolean {
    return fusedBackend();
  }

  /** The critics' outputs d [L, N, 1] and slopes dd/dx [L, N, dim] on homogeneous x' [L, N, dim + 1]
   * by the fused kernel (null where the backend has none). */
  slopeOn(x: tf.Tensor): { d: tf.Tensor; slope: tf.Tensor } | null {
    if (!fusedBackend()) return null;
    const inputs: Record<string, tf.Tensor> = { x };
    this.used().forEach((w, l) => { inputs[`w${l}`] = w; });
    const [d, slope] = tf.engine().runKernel(CRITIC_SLOPE, inputs as unknown as tf.NamedTensorMap, { geometry: this.geometry } as unknown as tf.NamedAttrMap) as tf.Tensor[];
    return { d, slope };
  }

  private fromLayers(layers: { w: ArrayLike<number>; b: ArrayLike<number> }[]): tf.Tensor[] {
    const shapes = homogeneousShapes(this.layerSizes);
    return toHomogeneousArrays(layers, this.layerSizes, this.L, this.activation)
      .map((values, l) => tf.keep(tf.tensor3d(values, [this.L, ...shapes[l]])));
  }

  /** Per run of the batch, sigma_max of each weight matrix of its critic when it is spectrally
   * normalised (null for the others; null overall without normalisation). */
  async spectralNormsByRun(runs: readonly RunSpec[], learnedIdx: readonly number[]): Promise<(number[] | null)[] | null> {
    if (!this.spectralNorm) return null;
    const table = tf.tidy(() => this.spectralNorm!.sigmaTable(this.params));
    const values = await table.data();
    table.dispose();
    const layers = this.params.length;
    return runs.map((run, r) => {
      const l = learnedIdx.indexOf(r);
      return l >= 0 && run.scheme.spectralNorm ? Array.from(values.subarray(l * layers, (l + 1) * layers)) : null;
    });
  }

  /** The critic as W [L, in, out], b [L, 1, out] per layer, with its optimizer and normalisation state. */
  async exportState(): Promise<LearnedCriticState> {
    const homogeneous = await Promise.all(this.params.map((t) => t.data()));
    const layers = fromHomogeneousArrays(homogeneous, this.layerSizes, this.L, this.activation);
    const critic = layers.flatMap(({ w, b }, l) => [
      { shape: [this.L, this.layerSizes[l], this.layerSizes[l + 1]], values: Array.from(w) },
      { shape: [this.L, 1, this.layerSizes[l + 1]], values: Array.from(b) },
    ]);
    return {
      critic,
      criticOpt: await this.optimizer.exportState(),
      ...(this.spectralNorm ? { spectralNorm: await this.spectralNorm.exportState() } : {}),
    };
  }

  /** Continues from a saved state; the critic batch rows in `resetOptimizer` start their optimizer afresh. */
  importState(state: LearnedCriticState, resetOptimizer: number[]): void {
    for (const t of this.params) t.dispose();
    const layers = Array.from({ length: state.critic.length / 2 }, (_, l) => ({ w: state.critic[2 * l].values, b: state.critic[2 * l + 1].values }));
    this.params = this.fromLayers(layers);
    this.optimizer.importState(state.criticOpt, resetOptimizer);
    if (state.spectralNorm) this.spectralNorm?.importState(state.spectralNorm);
  }

  dispose(): void {
    for (const t of this.params) t.dispose();
    this.constants.dispose();
    this.spectralNorm?.dispose();
    this.optimizer.dispose();
  }
}
