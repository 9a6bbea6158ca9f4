// The objectives of issue #5: WGAN (clipping), gradient penalties (GP, DRAGAN) with hand-written
// double backprop, KL-WGAN, and their presets.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/engine/tf';
import { Trainer } from '../../../src/engine/trainer';
import { klWeightDelta, mixtureStd, penaltyParamGrads } from '../../../src/engine/objectives';
import { homogeneousInput, homogeneousParams, standardGrads, type MlpLayout } from '../../../src/engine/mlp';
import { runExperiment } from '../../../src/engine/headless';
import { findMinima, divergenceValue, PAPER_WINDOW } from '../../../src/math/landscape';
import { getPreset } from '../../../src/config/presets';
import { PAPER_TARGET, type Activation, type SchemeConfig } from '../../../src/config/schema';
import type { TrajectoryPoint } from '../../../src/engine/protocol';
import { baseScheme, makeConfig, runsOf, trainerMaker, trainPoints, useBackend } from './helpers';

const make = trainerMaker();
const trajectory = trainPoints;

function expectSameTrajectory(a: TrajectoryPoint[], b: TrajectoryPoint[], runA = 0, runB = 0, tol = 0): void {
  expect(a.length).toBe(b.length);
  a.forEach((p, i) => {
    expect(p.step).toBe(b[i].step);
    expect(Math.abs(p.mu[runA] - b[i].mu[runB]), `mu at step ${p.step}`).toBeLessThanOrEqual(tol);
    expect(Math.abs(p.sigma[runA] - b[i].sigma[runB]), `sigma at step ${p.step}`).toBeLessThanOrEqual(tol);
  });
}

// ---- float64 reference of the penalty for one run: P = c sum_n (|dd/dx(x_n)| - 1)^2 ----
type Layer = { w: number[][]; b: number[] };
function act(a: number, f: Activation): [number, number] {
  switch (f) {
    case 'elu': return a > 0 ? [a, 1] : [Math.expm1(a), Math.exp(a)];
    case 'relu': return a > 0 ? [a, 1] : [0, 0];
    case 'leaky-relu': return a > 0 ? [a, 1] : [0.2 * a, 0.2];
    case 'tanh': { const t = Math.tanh(a); return [t, 1 - t * t]; }
    case 'softplus': return [Math.log1p(Math.exp(a)), 1 / (1 + Math.exp(-a))];
  }
}
function penalty64(layers: Layer[], xs: number[], c: number, f: Activation): number {
  let total = 0;
  for (const x of xs) {
    let h = [x];
    let hd = [1];
    layers.forEach((layer, l) => {
      const out = layer.b.length;
      const a = layer.b.slice();
      const ad = new Array(out).fill(0);
      for (let j = 0; j < out; j++) for (let i = 0; i < h.length; i++) { a[j] += h[i] * layer.w[i][j]; ad[j] += hd[i] * layer.w[i][j]; }
      if (l + 1 < layers.length) {
        const pairs = a.map((v) => act(v, f));
        h = pairs.map((p) => p[0]);
        hd = pairs.map((p, j) => p[1] * ad[j]);
      } else { h = a; hd = ad; }
    });
    total += c * (Math.abs(hd[0]) - 1) ** 2;
  }
  return total;
}

function randomLayers(sizes: number[], seed: number): Layer[] {
  let s = seed;
  const rand = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const layers: Layer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const scale = 1.6 / Math.sqrt(sizes[l]);
    layers.push({
      w: Array.from({ length: sizes[l] }, () => Array.from({ length: sizes[l + 1] }, () => (2 * rand() - 1) * scale)),
      b: Array.from({ length: sizes[l + 1] }, () => (2 * rand() - 1) * 0.5),
    });
  }
  return layers;
}

/** Analytic (engine) vs central finite-difference (float64) gradient of the penalty, two runs. */
async function checkPenaltyGradient(activation: Activation, layout: MlpLayout = 'batched'): Promise<void> {
  const sizes = [1, 6, 5, 1];
  const runs = [randomLayers(sizes, 11), randomLayers(sizes, 23)];
  const xs = [[-1.3, -0.4, 0.1, 0.7, 1.9, 2.6], [-2.2, -0.9, 0.3, 0.5, 1.2, 3.1]];
  const coefs = [0.7, 0.25];
  const params: tf.Tensor[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    params.push(tf.tensor3d(runs.flatMap((r) => r[l].w.flat()), [2, sizes[l], sizes[l + 1]]));
    params.push(tf.tensor3d(runs.flatMap((r) => r[l].b), [2, 1, sizes[l + 1]]));
  }
  const coef = tf.tensor3d(coefs, [2, 1, 1]);
  const x = tf.tensor3d(xs.flat(), [2, 6, 1]);
  // the engine's homogeneous layers (src/engine/mlp.ts), gradients mapped back to (W, b)
  const hparams = homogeneousParams(params, activation);
  const xh = homogeneousInput(x);
  const out = penaltyParamGrads(xh, hparams, { activation, layout }, coef, coef);
  const std = standardGrads(out.grads, activation);
  const grads = await Promise.all(std.map((g) => g.array() as Promise<number[][][]>));
  const values = await out.value!.data();
  // the constant units' columns get no gradient
  for (const g of out.grads.slice(0, -1)) {
    const [, rows, cols] = g.shape as number[];
    const v = await g.data();
    for (let r = 0; r < 2; r++) for (let i = 0; i < rows; i++) expect(v[(r * rows + i) * cols + cols - 1] === 0).toBe(true);
  }
  tf.dispose([...params, ...hparams, xh, coef, x, ...out.grads, ...std, out.value!, out.inputGrad]);
  const eps = 1e-6;
  let maxAbs = 0;
  for (const g of grads) for (const v of g.flat(2)) maxAbs = Math.max(maxAbs, Math.abs(v));
  expect(maxAbs).toBeGreaterThan(0.01);
  for (let r = 0; r < 2; r++) {
    const P = (layers: Layer[]) => penalty64(layers, xs[r], coefs[r], activation);
    expect(values[r]).toBeCloseTo(P(runs[r]), 4);
    for (let l = 0; l + 1 < sizes.length; l++) {
      const check = (analytic: number, perturb: (layers: Layer[], e: number) => void, what: string) => {
        const plus = structuredClone(runs[r]); perturb(plus, eps);
        const minus = structuredClone(runs[r]); perturb(minus, -eps);
        const fd = (P(plus) - P(minus)) / (2 * eps);
        expect(Math.abs(analytic - fd), `${activation} run ${r} ${what}: ${analytic} vs ${fd}`).toBeLessThanOrEqual(1e-2 * Math.abs(fd) + 1e-4 * maxAbs);
      };
      for (let i = 0; i < sizes[l]; i++) for (let j = 0; j < sizes[l + 1]; j++) check(grads[2 * l][r][i][j], (ls, e) => { ls[l].w[i][j] += e; }, `W${l + 1}[${i}][${j}]`);
      for (let j = 0; j < sizes[l + 1]; j++) check(grads[2 * l + 1][r][0][j], (ls, e) => { ls[l].b[j] += e; }, `b${l + 1}[${j}]`);
    }
  }
}

const CLIPPED_WGAN: SchemeConfig = { ...baseScheme('wgan'), clip: 0.05 };

describe('gradient penalty: double backprop (cpu)', () => {
  beforeAll(async () => { await useBackend('cpu'); });
  for (const activation of ['elu', 'tanh', 'softplus', 'leaky-relu'] as const) {
    for (const layout of ['batched', 'perRun'] as const) {
      it(`the penalty's parameter gradient equals a finite-difference gradient (${activation}, ${layout})`, async () => {
        await checkPenaltyGradient(activation, layout);
      });
    }
  }
});

describe('objectives (wasm)', () => {
  beforeAll(async () => { await useBackend('wasm'); });

  for (const layout of ['batched', 'perRun'] as const) {
    it(`the penalty's parameter gradient equals a finite-difference gradient (elu, wasm, ${layout})`, async () => {
      await checkPenaltyGradient('elu', layout);
    });
  }

  it('GAN-GP and DRAGAN-NS with penalty weight 0 equal the non-saturating GAN step for step', async () => {
    const common = { critics: 'learned' as const, batchSize: 32, seed: 5 };
    const ns = await trajectory(make(makeConfig([baseScheme('ns', 'js')], common)), 60);
    const gp = await trajectory(make(makeConfig([{ ...baseScheme('gan-gp'), penaltyWeight: 0 }], common)), 60);
    const dragan = await trajectory(make(makeConfig([{ ...baseScheme('dragan'), penaltyWeight: 0 }], common)), 60);
    expectSameTrajectory(gp, ns);
    expectSameTrajectory(dragan, ns);
    // and a nonzero penalty does change the trajectory
    const gp1 = await trajectory(make(makeConfig([{ ...baseScheme('gan-gp'), penaltyWeight: 1 }], common)), 60);
    expect(Math.abs(gp1.at(-1)!.mu[0] - ns.at(-1)!.mu[0]) + Math.abs(gp1.at(-1)!.sigma[0] - ns.at(-1)!.sigma[0])).toBeGreaterThan(1e-5);
  });

  it('KL-WGAN with r = 1 equals WGAN step for step; with r = e^D / mean e^D it differs', async () => {
    const common = { critics: 'learned' as const, batchSize: 32, seed: 9 };
    // an unclipped Adam critic gives critic values far enough from 0 for r to matter
    const free = { criticOptimizer: baseScheme('wgan-gp').criticOptimizer, clip: 0 };
    for (const extra of [{}, free]) {
      const wgan = await trajectory(make(makeConfig([{ ...baseScheme('wgan'), ...extra }], common)), 60);
      const klUnit = await trajectory(make(makeConfig([{ ...baseScheme('kl-wgan'), ...extra }], common), { klTemperature: 0 }), 60);
      expectSameTrajectory(klUnit, wgan, 0, 0, 1e-6);
      if (extra === free) {
        const kl = await trajectory(make(makeConfig([{ ...baseScheme('kl-wgan'), ...extra }], common)), 60);
        expect(Math.abs(kl.at(-1)!.mu[0] - wgan.at(-1)!.mu[0]) + Math.abs(kl.at(-1)!.sigma[0] - wgan.at(-1)!.sigma[0])).toBeGreaterThan(1e-4);
      }
    }
  });

  it('KL-WGAN weights are a stable softmax: finite for huge critic values, mean r = 1', async () => {
    const d = tf.tensor3d([0, 1, 2, 3, 500, 800, -900, 1], [2, 4, 1]);
    const delta = klWeightDelta(d, 1);
    const w = Array.from(await delta.data()).map((v) => v + 0.25);
    tf.dispose([d, delta]);
    expect(w.every(Number.isFinite)).toBe(true);
    expect(w.slice(0, 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(w[5]).toBeCloseTo(1, 6);
    expect(w[3] / w[2]).toBeCloseTo(Math.E, 4);
  });

  it('weight clipping keeps every critic parameter in [-c, c]; an unclipped run in the same batch is not clipped', async () => {
    const config = makeConfig([CLIPPED_WGAN, { ...baseScheme('wgan-gp') }], { critics: 'learned', batchSize: 32, criticSteps: 2, seed: 4 });
    const trainer = make(config);
    await trainer.train(30);
    const state = await trainer.exportState();
    let clippedMax = 0;
    let otherMax = 0;
    for (const p of state.critic) {
      const perRun = p.values.length / 2;
      for (let i = 0; i < perRun; i++) clippedMax = Math.max(clippedMax, Math.abs(p.values[i]));
      for (let i = perRun; i < 2 * perRun; i++) otherMax = Math.max(otherMax, Math.abs(p.values[i]));
    }
    expect(clippedMax).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(clippedMax).toBeGreaterThan(0.049); // the bound is active
    expect(otherMax).toBeGreaterThan(0.1);
  });

  it('trains each objective alone exactly as inside a mixed batch (vectorisation)', async () => {
    const schemes: SchemeConfig[] = [
      baseScheme('ns', 'js'), CLIPPED_WGAN, baseScheme('wgan-gp'), { ...baseScheme('kl-wgan'), clip: 0.1 },
      baseScheme('gan-gp'), baseScheme('dragan'), { ...baseScheme('sat', 'js'), penalty: 'gp', penaltyWeight: 1 },
    ];
    const big = makeConfig(schemes, { critics: 'both', batchSize: 32, criticSteps: 2, seed: 3 });
    const bigRuns = runsOf(big);
    // optimal critics only for the f-GAN schemes: 4 of them, plus 7 learned
    expect(bigRuns.length).toBe(11);
    const all = await trajectory(make(big), 30);
    for (let r = 0; r < bigRuns.length; r++) {
      const spec = bigRuns[r];
      if (spec.critic === 'optimal' && spec.scheme.penalty === 'none') continue;
      const alone = makeConfig([spec.scheme], { critics: spec.critic, batchSize: 32, criticSteps: 2, seed: spec.seed });
      const single = await trajectory(make(alone), 30);
      expectSameTrajectory(single, all, 0, r, 2e-5);
    }
  });

  it('rejects an optimal critic for the Wasserstein objectives with a clear message', () => {
    const config = makeConfig([baseScheme('wgan')], { critics: 'learned' });
    const runs = runsOf(config).map((r) => ({ ...r, critic: 'optimal' as const }));
    expect(() => new Trainer(config, runs)).toThrow(/no analytically optimal critic/);
  });

  it('a shortened WGAN-GP run on the paper target moves toward the W1 minimum', async () => {
    const minima = findMinima('w1', PAPER_TARGET, { ...PAPER_WINDOW, nMu: 41, nSigma: 41 });
    const min = minima.find((m) => m.global)!;
    expect(min.mu).toBeCloseTo(1.011, 2);
    expect(min.sigma).toBeCloseTo(1.352, 2);
    const config = makeConfig([baseScheme('wgan-gp')], { critics: 'learned', steps: 600, batchSize: 64 });
    const result = await runExperiment(config, { backend: 'wasm' });
    const run = result.runs[0];
    expect(run.minimises).toBe('w1');
    expect(run.stopped).toBeUndefined();
    const start = Math.hypot(1.8 - min.mu, 1.8 - min.sigma);
    const end = Math.hypot(run.final.mu - min.mu, run.final.sigma - min.sigma);
    expect(end).toBeLessThan(0.35 * start);
    const W = (m: number, s: number) => divergenceValue('w1', PAPER_TARGET, m, s);
    expect(W(run.final.mu, run.final.sigma)).toBeLessThan(0.5 * W(1.8, 1.8));
  });
});

describe('presets of the other objectives', () => {
  it('wgan, wgan-gp, gan-gp, dragan-ns and kl-wgan exist, use learned critics and train their objective', () => {
    const expected: Record<string, Partial<SchemeConfig>> = {
      'wgan': { objective: 'wgan', penalty: 'none' },
      'wgan-gp': { objective: 'wgan', penalty: 'gp' },
      'gan-gp': { objective: 'f-gan', generatorForm: 'non-saturating', penalty: 'gp' },
      'dragan-ns': { objective: 'f-gan', generatorForm: 'non-saturating', penalty: 'dragan' },
      'kl-wgan': { objective: 'kl-wgan' },
    };
    for (const [id, scheme] of Object.entries(expected)) {
      const preset = getPreset(id);
      expect(preset, id).toBeDefined();
      expect(preset!.description.length).toBeGreaterThan(20);
      expect(preset!.config.critics).toBe('learned');
      expect(preset!.config.schemes[0]).toMatchObject(scheme);
    }
    expect(getPreset('wgan')!.config.schemes[0].clip).toBeGreaterThan(0);
  });

  it('the DRAGAN perturbation unit is the target mixture standard deviation', () => {
    // paper target: mean 1, E[x^2] = 0.5 (0.09) + 0.5 (1 + 4) = 2.545
    expect(mixtureStd(PAPER_TARGET)).toBeCloseTo(Math.sqrt(1.545), 12);
  });
});
