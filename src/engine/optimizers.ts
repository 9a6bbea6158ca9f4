// Manual parameter updates with per-run hyperparameters: SGD, Adam and RMSProp (Keras forms).
// Every parameter has a leading run dimension; one optimizer object updates the whole batch with
// the kernels of a single run. Runs with different optimizer kinds share the batch by masks.
//
// The optimizer owns its learning rates. When every run uses SGD it folds them into the loss:
// gradScale is the factor the loss's derivative carries per run (the rate), and the update is
// p - g. That saves one product per parameter and update (measured: 1.5 % of a Figure 5 step and
// 5 % of a single run's on wasm, AMD EPYC); otherwise gradScale is 1.
import * as tf from './tf';
import { TensorRegistry } from './registry';
import type { OptimizerConfig, OptimizerKind } from '../config/schema';
import type { OptimizerHyper } from './fused/criticPass';

/** A per-run value broadcastable against a parameter of the given rank: shape [R, 1, ...]. */
export function perRun(values: ArrayLike<number>, rank: number): tf.Tensor {
  const shape = [values.length, ...new Array<number>(Math.max(0, rank - 1)).fill(1)];
  return tf.tensor(Float32Array.from(values), shape, 'float32');
}

interface KindConstants {
  /** learning rate x active mask x (kind == this kind), per parameter rank */
  lr: Map<number, tf.Tensor>;
  lrValues: number[];
}

export interface OptimizerSnapshot {
  /** Updates applied, per run. */
  t: number[];
  slots: Record<string, { shape: number[]; values: number[] }[]>;
}

export class RunOptimizer {
  readonly kinds: OptimizerKind[];
  /** Every run's rate is folded into its loss gradient (all SGD): the update is p - g. */
  readonly prescaled: boolean;
  /** Per run, the factor its loss gradient must carry: the learning rate when prescaled, else 1. */
  readonly gradScale: number[];
  private readonly constants = new Map<OptimizerKind, KindConstants>();
  private readonly rankConst = new Map<string, tf.Tensor>();
  private readonly tensors = new TensorRegistry();
  /** Updates applied, per run (Adam's bias correction counts from a run's own start). */
  private t: number[];
  /** Adam: m, v; RMSProp: ms; one tensor per parameter. */
  private slots: Record<string, tf.Tensor[]> = {};

  constructor(
    private readonly configs: OptimizerConfig[],
    active: boolean[],
    shapes: number[][],
  ) {
    this.t = configs.map(() => 0);
    const present = new Set<OptimizerKind>();
    configs.forEach((c, r) => { if (active[r]) present.add(c.kind); });
    if (present.size === 0) present.add('sgd');
    this.kinds = [...present];
    this.prescaled = this.kinds.length === 1 && this.kinds[0] === 'sgd';
    this.gradScale = configs.map((c) => (this.prescaled ? c.learningRate : 1));
    const ranks = [...new Set(shapes.map((s) => s.length))];
    for (const kind of this.kinds) {
      const lrValues = configs.map((c, r) => (active[r] && c.kind === kind ? c.learningRate : 0));
      const lr = new Map<number, tf.Tensor>();
      for (const rank of ranks) lr.set(rank, this.tensors.keep(perRun(lrValues, rank)));
      this.constants.set(kind, { lr, lrValues });
    }
    const constant = (name: string, values: number[]) => {
      for (const rank of ranks) this.rankConst.set(`${name}:${rank}`, this.tensors.keep(perRun(values, rank)));
    };
    if (present.has('adam')) {
      constant('b1', configs.map((c) => c.beta1));
      constant('1-b1', configs.map((c) => 1 - c.beta1));
      constant('b2', configs.map((c) => c.beta2));
      constant('1-b2', configs.map((c) => 1 - c.beta2));
      constant('epsA', configs.map((c) => c.epsilon));
      this.slots.m = shapes.map((s) => tf.keep(tf.zeros(s)));
      this.slots.v = shapes.map((s) => tf.keep(tf.zeros(s)));
    }
    if (present.has('rmsprop')) {
      constant('rho', configs.map((c) => c.rho));
      constant('1-rho', configs.map((c) => 1 - c.rho));
      constant('epsR', configs.map((c) => c.epsilon));
      this.slots.ms = shapes.map((s) => tf.keep(tf.zeros(s)));
    }
  }

  private c(name: string, rank: number): tf.Tensor {
    const t = this.rankConst.get(`${name}:${rank}`);
    if (!t) throw new Error(`optimizer constant ${name} of rank ${rank} missing`);
    return t;
  }

  /** New parameter values (call inside tf.tidy; the optimizer keeps its own slots). Gradients
   * carry gradScale (the rate itself when prescaled). */
  apply(params: tf.Tensor[], grads: tf.Tensor[]): tf.Tensor[] {
    this.t = this.t.map((t) => t + 1);
    if (this.prescaled) return params.map((p, i) => tf.sub(p, grads[i]));
    const t = this.t;
    const newSlots: Record<string, tf.Tensor[]> = {};
    let adamLr: Map<number, tf.Tensor> | null = null;
    if (this.slots.m) {
      const { lrValues } = this.constants.get('adam')!;
      const corrected = lrValues.map((lr, r) => {
        const c = this.configs[r];
        return lr * Math.sqrt(1 - c.beta2 ** t[r]) / (1 - c.beta1 ** t[r]);
      });
      adamLr = new Map();
      for (const rank of new Set(params.map((p) => p.rank))) adamLr.set(rank, perRun(corrected, rank));
      newSlots.m = [];
      newSlots.v = [];
    }
    if (this.slots.ms) newSlots.ms = [];
    const out = params.map((p, i) => {
      const g = grads[i];
      const rank = p.rank;
      let step: tf.Tensor | null = null;
      const addStep = (s: tf.Tensor) => { step = step ? tf.add(step, s) : s; };
      for (const kind of this.kinds) {
        if (kind === 'sgd') addStep(tf.mul(this.constants.get('sgd')!.lr.get(rank)!, g));
        else if (kind === 'adam') {
          const m = tf.add(tf.mul(this.c('b1', rank), this.slots.m[i]), tf.mul(this.c('1-b1', rank), g));
          const v = tf.add(tf.mul(this.c('b2', rank), this.slots.v[i]), tf.mul(this.c('1-b2', rank), tf.square(g)));
          newSlots.m.push(m);
          newSlots.v.push(v);
          addStep(tf.mul(adamLr!.get(rank)!, tf.div(m, tf.add(tf.sqrt(v), this.c('epsA', rank)))));
        } else {
          const ms = tf.add(tf.mul(this.c('rho', rank), this.slots.ms[i]), tf.mul(this.c('1-rho', rank), tf.square(g)));
          newSlots.ms.push(ms);
          addStep(tf.mul(this.constants.get('rmsprop')!.lr.get(rank)!, tf.div(g, tf.add(tf.sqrt(ms), this.c('epsR', rank)))));
        }
      }
      return tf.sub(p, step!);
    });
    for (const key of Object.keys(newSlots)) {
      for (const old of this.slots[key]) old.dispose();
      this.slots[key] = newSlots[key].map((s) => tf.keep(s));
    }
    return out;
  }

  /** The slots a fused kernel updates: Adam's m and v, RMSProp's ms (null where absent). */
  slotTensors(): { m: tf.Tensor[] | null; v: tf.Tensor[] | null; ms: tf.Tensor[] | null } {
    return { m: this.slots.m ?? null, v: this.slots.v ?? null, ms: this.slots.ms ?? null };
  }

  /** Takes a fused kernel's new slots (kept; the old ones are disposed). */
  acceptSlots(next: { m: tf.Tensor[] | null; v: tf.Tensor[] | null; ms: tf.Tensor[] | null }): void {
    for (const key of ['m', 'v', 'ms'] as const) {
      const list = next[key];
      if (!list) continue;
      for (const old of this.slots[key]) old.dispose();
      this.slots[key] = list.map((t) => tf.keep(t));
    }
  }

  /** One update's per-run constants for a fused kernel; counts the update, as apply() does. */
  fusedHyper(): OptimizerHyper {
    this.t = this.t.map((t) => t + 1);
    const rates = (kind: OptimizerKind) => {
      const c = this.constants.get(kind);
      return c ? Float64Array.from(c.lrValues) : null;
    };
    const per = (present: boolean, f: (c: OptimizerConfig, r: number) => number) => (present ? Float64Array.from(this.configs, f) : null);
    const adam = this.constants.has('adam');
    const rms = this.constants.has('rmsprop');
    const adamRates = rates('adam');
    return {
      prescaled: this.prescaled,
      sgdLr: this.prescaled ? null : rates('sgd'),
      adamLr: adamRates ? adamRates.map((lr, r) => lr * Math.sqrt(1 - this.configs[r].beta2 ** this.t[r]) / (1 - this.configs[r].beta1 ** this.t[r])) : null,
      beta1: per(adam, (c) => c.beta1), beta2: per(adam, (c) => c.beta2), adamEps: per(adam, (c) => c.epsilon),
      rmsLr: rates('rmsprop'), rho: per(rms, (c) => c.rho), rmsEps: per(rms, (c) => c.epsilon),
    };
  }

  /** New learning rates per run (a schedule's change); the optimizer's state carries on. */
  setLearningRates(rates: readonly number[]): void {
    rates.forEach((rate, r) => {
      this.configs[r] = { ...this.configs[r], learningRate: rate };
      if (this.prescaled) this.gradScale[r] = rate;
    });
    for (const [kind, c] of this.constants) {
      c.lrValues = this.configs.map((cfg, r) => (c.lrValues[r] !== 0 && cfg.kind === kind ? cfg.learningRate : 0));
      for (const [rank, old] of c.lr) c.lr.set(rank, this.tensors.replace(old, perRun(c.lrValues, rank)));
    }
  }

  async exportState(): Promise<OptimizerSnapshot> {
    const slots: OptimizerSnapshot['slots'] = {};
    for (const [key, list] of Object.entries(this.slots)) {
      slots[key] = await Promise.all(list.map(async (s) => ({ shape: s.shape.slice(), values: Array.from(await s.data()) })));
    }
    return { t: this.t.slice(), slots };
  }

  /** Continues from a saved state; the runs in `reset` (their optimizer kind changed) start afresh. */
  importState(state: OptimizerSnapshot, reset: readonly number[] = []): void {
    const R = this.configs.length;
    this.t = state.t.slice();
    for (const r of reset) this.t[r] = 0;
    for (const [key, list] of Object.entries(state.slots)) {
      if (!this.slots[key]) continue;
      for (const old of this.slots[key]) old.dispose();
      this.slots[key] = list.map((s) => {
        const values = Float32Array.from(s.values);
        const perRow = values.length / R;
        for (const r of reset) values.fill(0, r * perRow, (r + 1) * perRow);
        return tf.keep(tf.tensor(values, s.shape, 'float32'));
      });
    }
  }

  dispose(): void {
    this.tensors.dispose();
    for (const list of Object.values(this.slots)) for (const t of list) t.dispose();
    this.slots = {};
  }
}
