// The Wasserstein family's critic options: the hinge form, KL-WGAN's gradient through
// r = e^D / mean(e^D), and spectral normalisation of any learned critic.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/experiment';
import * as tf from '../../../src/engine/tf';
import { BasisLoss } from '../../../src/engine/basis';
import { criticCoefficients, generatorCoefficientsOf } from '../../../src/engine/objectives';
import { WassersteinTerms } from '../../../src/engine/wassersteinTerms';
import { SpectralNorm } from '../../../src/engine/spectralNorm';
import { toHomogeneousArrays, homogeneousShapes } from '../../../src/engine/mlp';
import { runExperiment } from '../../../src/engine/headless';
import { getPreset } from '../../../src/config/presets';
import { configFromQuery, configToQuery } from '../../../src/config/url';
import type { SchemeConfig } from '../../../src/config/schema';
import type { TrajectoryPoint } from '../../../src/engine/protocol';
import { baseScheme, makeConfig, trainerMaker, trainPoints, useBackend } from './helpers';
import { largestSingularValue } from './singularValues';

const make = trainerMaker();
const trajectory = trainPoints;

function expectSameTrajectory(a: TrajectoryPoint[], b: TrajectoryPoint[], tol = 0): void {
  expect(a.length).toBe(b.length);
  a.forEach((p, i) => {
    expect(Math.abs(p.mu[0] - b[i].mu[0]), `mu at step ${p.step}`).toBeLessThanOrEqual(tol);
    expect(Math.abs(p.sigma[0] - b[i].sigma[0]), `sigma at step ${p.step}`).toBeLessThanOrEqual(tol);
  });
}

// ---- float64 references of the losses ----
const VARIANTS: [string, SchemeConfig][] = [
  ['hinge GAN', { ...baseScheme('wgan'), wassersteinForm: 'hinge' }],
  ['KL-WGAN, r constant', baseScheme('kl-wgan')],
  ['KL-WGAN, through r', { ...baseScheme('kl-wgan'), klRatioGradient: 'differentiated' }],
  ['KL-WGAN hinge, r constant', { ...baseScheme('kl-wgan'), wassersteinForm: 'hinge' }],
  ['KL-WGAN hinge, through r', { ...baseScheme('kl-wgan'), wassersteinForm: 'hinge', klRatioGradient: 'differentiated' }],
];
// a mix of active and inactive hinge samples on both sides, away from the kinks
const D_REAL = [0.3, 1.4, -0.5, 0.9, 2.1, -1.2];
const D_FAKE = [-3, -2.8, -0.9, -0.7, -2.6, -0.2];
const B = D_REAL.length;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const relu = (x: number) => Math.max(0, x);

function ratio(s: SchemeConfig, d: number[]): number[] {
  if (s.objective !== 'kl-wgan') return d.map(() => 1);
  const m = Math.max(...d);
  const e = d.map((x) => Math.exp(x - m));
  const z = mean(e);
  return e.map((x) => x / z);
}

/** The critic loss; `r` fixed when given (the constant-r gradient), else a function of dFake. */
function criticLoss64(s: SchemeConfig, dReal: number[], dFake: number[], r = ratio(s, dFake)): number {
  const rd = dFake.map((d, i) => r[i] * d);
  if (s.wassersteinForm === 'hinge') return mean(dReal.map((d) => relu(1 - d))) + mean(rd.map((x) => relu(1 + x)));
  return -mean(dReal) + mean(rd);
}

function generatorLoss64(s: SchemeConfig, dFake: number[], r = ratio(s, dFake)): number {
  return -mean(dFake.map((d, i) => r[i] * d));
}

/** Central differences of f at x, in float64. */
function numericGradient(f: (x: number[]) => number, x: number[], h = 1e-6): number[] {
  return x.map((_, i) => {
    const up = x.slice(); up[i] += h;
    const down = x.slice(); down[i] -= h;
    return (f(up) - f(down)) / (2 * h);
  });
}

/**
 * A player's loss of every scheme on the critic outputs d (the same for each scheme: real then
 * fake for the critic, fake for the generator), through the basis and the Wasserstein terms as
 * the trainer combines them; the values and gradients read back.
 */
async function lossOnOutputs(schemes: SchemeConfig[], player: 'critic' | 'generator', outputs: number[]): Promise<{ values: Float32Array; grads: Float32Array }> {
  const L = schemes.length;
  const terms = WassersteinTerms.create({ learned: schemes, criticScale: schemes.map(() => 1), all: schemes, generatorScale: schemes.map(() => 1), batchSize: B, temperature: 1 })!;
  const basis = player === 'critic'
    ? new BasisLoss({ runs: L, samplesPerGroup: B, scale: [-1 / B, 1 / B], groups: schemes.map(criticCoefficients) })
    : new BasisLoss({ runs: L, samplesPerGroup: B, scale: [-1 / B], groups: schemes.map((s) => [generatorCoefficientsOf(s)]) });
  const d = tf.tensor3d(schemes.flatMap(() => outputs), [L, outputs.length, 1]);
  const { value, grad } = tf.tidy(() => {
    const e = basis.evaluate(d, { value: true, grad: true });
    const out = player === 'critic' ? terms.critic(d, e.grad!, e.value) : terms.generator(d, e.value!, e.grad!);
    return { value: tf.keep(out.value!), grad: tf.keep(out.grad) };
  });
  const [values, grads] = [await value.data() as Float32Array, await grad.data() as Float32Array];
  tf.dispose([value, grad, d]);
  terms.dispose();
  basis.dispose();
  return { values, grads };
}

describe.each(['cpu', 'wasm'] as const)('hinge and KL-WGAN loss terms (%s)', (backend) => {
  beforeAll(async () => { await useBackend(backend); });

  it('the critic gradient equals finite differences of the loss value (r constant: with r fixed), for every variant in one batch', async () => {
    const schemes = VARIANTS.map(([, s]) => s);
    for (const s of schemes.filter((x) => x.wassersteinForm === 'hinge')) {
      const r = ratio(s, D_FAKE);
      const margins = [...D_REAL.map((d) => 1 - d), ...D_FAKE.map((d, i) => 1 + r[i] * d)];
      expect(Math.min(...margins.map(Math.abs))).toBeGreaterThan(1e-3);
      expect(margins.some((m) => m < 0) && margins.some((m) => m > 0)).toBe(true);
    }
    const { values, grads } = await lossOnOutputs(schemes, 'critic', [...D_REAL, ...D_FAKE]);
    schemes.forEach((s, l) => {
      const name = VARIANTS[l][0];
      const r0 = s.klRatioGradient === 'differentiated' ? undefined : ratio(s, D_FAKE);
      const f = (x: number[]) => criticLoss64(s, x.slice(0, B), x.slice(B), r0);
      expect(values[l], name).toBeCloseTo(f([...D_REAL, ...D_FAKE]), 5);
      const expected = numericGradient(f, [...D_REAL, ...D_FAKE]);
      expected.forEach((g, i) => expect(Math.abs(grads[l * 2 * B + i] - g), `${name}, sample ${i}`).toBeLessThan(1e-5));
    });
  });

  it('the generator gradient of -mean(r d) equals finite differences of its value (r constant: with r fixed)', async () => {
    const schemes = VARIANTS.map(([, s]) => s);
    const { values, grads } = await lossOnOutputs(schemes, 'generator', D_FAKE);
    schemes.forEach((s, l) => {
      const name = VARIANTS[l][0];
      const r0 = s.klRatioGradient === 'differentiated' ? undefined : ratio(s, D_FAKE);
      const f = (x: number[]) => generatorLoss64(s, x, r0);
      expect(values[l], name).toBeCloseTo(f(D_FAKE), 5);
      numericGradient(f, D_FAKE).forEach((g, i) => expect(Math.abs(grads[l * B + i] - g), `${name}, sample ${i}`).toBeLessThan(1e-5));
    });
  });

  it('with r = 1 (temperature 0) KL-WGAN equals WGAN step for step, in both forms and either r gradient', async () => {
    const common = { critics: 'learned' as const, batchSize: 32, seed: 9 };
    // an unclipped Adam critic gives critic values far enough from 0 for r to matter
    const free = { criticOptimizer: baseScheme('wgan-gp').criticOptimizer, clip: 0 };
    for (const form of ['wgan', 'hinge'] as const) {
      const wgan = await trajectory(make(makeConfig([{ ...baseScheme('wgan'), ...free, wassersteinForm: form }], common)), 40);
      for (const klRatioGradient of ['constant', 'differentiated'] as const) {
        const kl = { ...baseScheme('kl-wgan'), ...free, wassersteinForm: form, klRatioGradient };
        const unit = await trajectory(make(makeConfig([kl], common), { klTemperature: 0 }), 40);
        expectSameTrajectory(unit, wgan, 1e-6);
        const weighted = await trajectory(make(makeConfig([kl], common)), 40);
        const end = (p: TrajectoryPoint[]) => [p.at(-1)!.mu[0], p.at(-1)!.sigma[0]];
        expect(Math.hypot(end(weighted)[0] - end(wgan)[0], end(weighted)[1] - end(wgan)[1]), `${form}, ${klRatioGradient}`).toBeGreaterThan(1e-5);
      }
    }
  });
});

// ---- spectral normalisation ----
/** A two-run critic with layers 3 -> 3 -> 2 (as homogeneous tensors), run 0 normalised, run 1 not. */
function smallCritic(): { sizes: number[]; w: number[][][][]; params: tf.Tensor[] } {
  const sizes = [3, 3, 2];
  const w = [
    [[[1.2, -0.4, 0.3], [0.5, 2.0, -1.1], [-0.7, 0.2, 0.9]], [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]],
    [[[0.3, -1.5], [2.2, 0.4], [-0.6, 1.0]], [[1, 0], [0, 1], [1, 1]]],
  ];
  const layers = w.map((perRun, l) => ({ w: perRun.flat(2), b: Array.from({ length: 2 * sizes[l + 1] }, (_, i) => 0.1 * (i + 1)) }));
  const shapes = homogeneousShapes(sizes);
  const params = toHomogeneousArrays(layers, sizes, 2, 'elu').map((values, l) => tf.tensor3d(values, [2, ...shapes[l]]));
  return { sizes, w, params };
}

describe.each(['cpu', 'wasm'] as const)('spectral normalisation (%s)', (backend) => {
  beforeAll(async () => { await useBackend(backend); });

  it('power iteration converges to the largest singular value, and the normalised matrix has spectral norm 1', async () => {
    const { sizes, w, params } = smallCritic();
    const sn = new SpectralNorm(sizes, [true, false], [1, 2]);
    for (let i = 0; i < 60; i++) sn.iterate(params);
    const table = tf.tidy(() => sn.sigmaTable(params));
    const sigmas = await table.data();
    const normalised = tf.tidy(() => sn.normalise(params).weights.map((t) => tf.keep(t)));
    const [raw, used] = [await Promise.all(params.map((t) => t.data())), await Promise.all(normalised.map((t) => t.data()))];
    const shapes = homogeneousShapes(sizes);
    w.forEach((perRun, l) => {
      const exact = largestSingularValue(perRun[0]);
      expect(sigmas[l] / exact - 1, `layer ${l}`).toBeLessThan(1e-5);
      expect(sigmas[l] / exact - 1, `layer ${l}`).toBeGreaterThan(-1e-5);
      const [rows, cols] = shapes[l];
      const block = (data: ArrayLike<number>, run: number) => Array.from({ length: rows - 1 }, (_, i) => Array.from({ length: sizes[l + 1] }, (_, j) => data[run * rows * cols + i * cols + j]));
      expect(largestSingularValue(block(used[l], 0))).toBeCloseTo(1, 5);
      // the bias row is not scaled, and the run without spectral normalisation is untouched
      for (let j = 0; j < cols; j++) expect(used[l][(rows - 1) * cols + j]).toBe(raw[l][(rows - 1) * cols + j]);
      expect(Array.from(used[l].slice(rows * cols))).toEqual(Array.from(raw[l].slice(rows * cols)));
    });
    tf.dispose([table, ...normalised, ...params]);
    sn.dispose();
  });

  it('the gradient through sigma (u held constant) equals finite differences of the normalised layer', async () => {
    const { sizes, params } = smallCritic();
    const sn = new SpectralNorm(sizes, [true, false], [1, 2]);
    sn.iterate(params);
    const us = (await sn.exportState()).vectors;
    const shapes = homogeneousShapes(sizes);
    const coefs = shapes.map(([rows, cols]) => Array.from({ length: 2 * rows * cols }, (_, i) => Math.sin(1.7 * i + 0.3)));
    const grads = tf.tidy(() => {
      const n = sn.normalise(params);
      return sn.backward(coefs.map((c, l) => tf.tensor3d(c, [2, ...shapes[l]])), n).map((g) => tf.keep(g));
    });
    const got = await Promise.all(grads.map((g) => g.data()));
    const raw = await Promise.all(params.map((t) => t.data()));
    // float64: loss(W) = sum C * W / |M u| over the weight rows + sum C * W over the bias row
    shapes.forEach(([rows, cols], l) => {
      const loss = (wv: number[]) => {
        let sigma = 0;
        for (let i = 0; i < rows - 1; i++) { let s = 0; for (let j = 0; j < cols; j++) s += wv[i * cols + j] * us[l].values[j]; sigma += s * s; }
        sigma = Math.sqrt(sigma);
        return wv.reduce((acc, x, k) => acc + coefs[l][k] * x / (k < (rows - 1) * cols ? sigma : 1), 0);
      };
      const w0 = Array.from(raw[l].slice(0, rows * cols));
      numericGradient(loss, w0).forEach((g, k) => expect(Math.abs(got[l][k] - g), `layer ${l}, entry ${k}`).toBeLessThan(2e-5));
      // the run without it gets exactly its plain gradient
      for (let k = rows * cols; k < 2 * rows * cols; k++) expect(got[l][k]).toBe(Math.fround(coefs[l][k]));
    });
    tf.dispose([...grads, ...params]);
    sn.dispose();
  });

  it('a trained critic reports sigma_max of its weights in the snapshot; the state carries the vectors', async () => {
    const scheme: SchemeConfig = { ...baseScheme('wgan-gp'), spectralNorm: true };
    const config = makeConfig([scheme, baseScheme('wgan-gp')], { critics: 'learned', batchSize: 32, seed: 3, criticSteps: 2 });
    const trainer = make(config);
    await trainer.train(40);
    const snapshot = await trainer.snapshot(16, 5);
    const state = await trainer.exportState();
    expect(snapshot.runs[1].spectralNorms).toBeUndefined();
    const reported = snapshot.runs[0].spectralNorms!;
    const sizes = [1, ...config.critic.hidden, 1];
    expect(reported.length).toBe(sizes.length - 1);
    reported.forEach((sigma, l) => {
      const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
      const values = state.critic[2 * l].values;
      const w = Array.from({ length: fanIn }, (_, i) => Array.from({ length: fanOut }, (_, j) => values[i * fanOut + j]));
      expect(Math.abs(sigma / largestSingularValue(w) - 1), `layer ${l}`).toBeLessThan(1e-3);
    });
    // continuing from the exported state trains exactly as going on
    const resumed = make(config);
    resumed.importState(state);
    expectSameTrajectory(await trajectory(resumed, 30), await trajectory(trainer, 30));
  });

  it('leaks no tensors: the same count after 10 and after 110 generator steps, snapshots and state exports', async () => {
    const config = makeConfig([getPreset('kl-wgan')!.config.schemes[0], { ...baseScheme('ns', 'js'), spectralNorm: true }], { critics: 'both', batchSize: 16, seed: 2 });
    const trainer = make(config);
    // measured after an import at both ends: an import drops the last step's kept readings
    await trainer.train(10);
    await trainer.snapshot(16, 5);
    trainer.importState(await trainer.exportState());
    const before = tf.memory().numTensors;
    await trainer.train(100);
    await trainer.snapshot(16, 5);
    trainer.importState(await trainer.exportState());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains a spectrally normalised run alone exactly as inside a mixed batch', async () => {
    const schemes: SchemeConfig[] = [
      { ...baseScheme('ns', 'js'), spectralNorm: true }, baseScheme('ns', 'js'), getPreset('kl-wgan')!.config.schemes[0], { ...baseScheme('wgan-gp'), spectralNorm: true },
    ];
    const big = makeConfig(schemes, { critics: 'learned', batchSize: 32, criticSteps: 2, seed: 3 });
    const all = await trajectory(make(big), 30);
    for (let r = 0; r < schemes.length; r++) {
      const single = await trajectory(make(makeConfig([schemes[r]], { critics: 'learned', batchSize: 32, criticSteps: 2, seed: 3 })), 30);
      single.forEach((p, i) => {
        expect(Math.abs(p.mu[0] - all[i].mu[r])).toBeLessThanOrEqual(2e-5);
        expect(Math.abs(p.sigma[0] - all[i].sigma[r])).toBeLessThanOrEqual(2e-5);
      });
    }
  });
});

describe("the KL-WGAN preset (the authors' code)", () => {
  it('is hinge, through r, spectrally normalised, RMSprop 2e-4 for both players, 5 critic steps; the constant-r variant keeps its own preset', () => {
    const preset = getPreset('kl-wgan')!;
    expect(preset.name).toBe('KL-WGAN (Song & Ermon)');
    expect(preset.config.criticSteps).toBe(5);
    expect(preset.config.schemes[0]).toMatchObject({
      objective: 'kl-wgan', wassersteinForm: 'hinge', klRatioGradient: 'differentiated', spectralNorm: true, clip: 0,
      criticOptimizer: { kind: 'rmsprop', learningRate: 2e-4 }, generatorOptimizer: { kind: 'rmsprop', learningRate: 2e-4 },
    });
    expect(getPreset('kl-wgan-dv')!.config.schemes[0]).toEqual(baseScheme('kl-wgan'));
    expect(getPreset('hinge-gan')!.config.schemes[0]).toMatchObject({ objective: 'wgan', wassersteinForm: 'hinge', spectralNorm: true });
  });

  it('round-trips through a link: s=kl-wgan;form=hinge;r=differentiated;sn=1;...', () => {
    const query = configToQuery(getPreset('kl-wgan')!.config);
    expect(query).toContain('form=hinge');
    expect(query).toContain('r=differentiated');
    expect(query).toContain('sn=1');
    const { config, issues } = configFromQuery(query);
    expect(issues).toEqual([]);
    expect(config).toEqual(getPreset('kl-wgan')!.config);
    expect(configFromQuery('?s=wgan;form=hinge;sn=1').config.schemes[0]).toMatchObject({ objective: 'wgan', wassersteinForm: 'hinge', spectralNorm: true });
    expect(configFromQuery('?s=kl-wgan;form=square').issues[0].message).toMatch(/form=square.*one of wgan, hinge/);
  });

  it('the experiment command takes the options from a link: --config "?s=kl-wgan;form=hinge;r=differentiated;sn=1"', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'fgan-')), 'r.json');
    const quiet = [vi.spyOn(process.stderr, 'write').mockImplementation(() => true), vi.spyOn(process.stdout, 'write').mockImplementation(() => true)];
    let code: number;
    try {
      code = await main(['--config', '?s=kl-wgan;form=hinge;r=differentiated;sn=1;clip=0&critic=learned', '--steps', '20', '--backend', 'cpu', '--workers', '1', '--out', out, '--quiet']);
    } finally {
      for (const spy of quiet) spy.mockRestore();
    }
    expect(code).toBe(0);
    const run = JSON.parse(readFileSync(out, 'utf8')).runs[0];
    expect(run.scheme).toMatchObject({ objective: 'kl-wgan', wassersteinForm: 'hinge', klRatioGradient: 'differentiated', spectralNorm: true, label: 'KL-WGAN (hinge, through r) + SN' });
    expect(run.trajectory.at(-1)[0]).toBe(20);
  });

  it.each(['wasm', 'cpu'] as const)("trains Figure 5's target to the end without stopping (%s)", async (backend) => {
    const config = getPreset('kl-wgan')!.config;
    expect(config.target).toEqual(getPreset('figure5')!.config.target);
    const result = await runExperiment(config, { backend, cores: 1 });
    const run = result.runs[0];
    expect(run.stopped).toBeUndefined();
    expect(result.interrupted).toBe(false);
    expect(run.trajectory.at(-1)![0]).toBe(config.steps);
    console.log(`KL-WGAN preset on ${backend}: ${config.steps} steps in ${result.seconds.toFixed(1)} s, ends at mu ${run.final.mu.toFixed(3)}, sigma ${run.final.sigma.toFixed(3)}`);
    expect(Number.isFinite(run.final.mu) && run.final.sigma > 0).toBe(true);
  }, 600_000);
});
