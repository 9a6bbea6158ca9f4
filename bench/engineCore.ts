// Engine measurements shared by the Node benchmark (bench/engine.ts) and the benchmark build's
// page hook (bench/pageHook.ts).
import * as tf from '../src/engine/tf';
import { baseScheme, configSchema, defaultConfig, type Config } from '../src/config/schema';
import { getPreset } from '../src/config/presets';
import { expandRuns } from '../src/config/runs';
import { Trainer, type CriticPath, type TrainerOptions } from '../src/engine/trainer';
import { MixtureSampler, Rng } from '../src/engine/prng';
import { mlpLayout, type MlpLayout } from '../src/engine/mlp';

export interface EngineFigures {
  backend: string;
  /** The paper's single learned-critic run (batch 256, 5 critic steps). */
  single: { stepsPerSecond: number; projected4000s: number; measuredSteps: number };
  /** A straightforward tfjs loop (optimizer.minimize, dataSync every step). */
  baseline: { stepsPerSecond: number; projected4000s: number; measuredSteps: number };
  speedup: number;
  /** The Figure 5 preset, 16 runs in one batch. */
  figure5: { stepsPerSecond: number; projected4000s: number; measuredSteps: number; runs: number };
  kernelsPerStep: { oneRun: number; sixteenRuns: number; ratio: number };
  tensors: { before: number; after: number };
  /** The critic MLP layout of tfjs's kernels path on this backend (src/engine/mlp.ts). */
  layout: MlpLayout;
  /** Which kernels Figure 5's learned critics ran on: fused (src/engine/fused/) or tfjs's own. */
  path: CriticPath;
  /** wasm only: whether the SIMD and the multi-threaded binaries are in use. */
  wasm?: { simd: boolean; threads: boolean };
  /** The same engine with the fused critic kernels off (tfjs's kernels), measured in the same run. */
  kernelsPath?: {
    single: { stepsPerSecond: number; measuredSteps: number };
    figure5: { stepsPerSecond: number; measuredSteps: number };
    kernelsPerStep: { oneRun: number; sixteenRuns: number };
  };
}

export function singleConfig(): Config {
  return configSchema.parse({ ...defaultConfig(), schemes: [baseScheme('ns', 'js')], critics: 'learned', seeds: 1 });
}

/** The Figure 5 preset (a copy: a benchmark never shares the preset's objects). */
export function figure5Config(): Config {
  const preset = getPreset('figure5');
  if (!preset) throw new Error('the figure5 preset is missing');
  return configSchema.parse(preset.config);
}

async function timeTrainer(config: Config, steps: number, options: TrainerOptions = {}): Promise<{ stepsPerSecond: number; runs: number; path: CriticPath }> {
  const { runs } = expandRuns(config);
  const trainer = new Trainer(config, runs, options);
  const path = trainer.criticPath;
  await trainer.train(3); // warm-up
  const start = performance.now();
  let done = 0;
  while (done < steps) {
    const n = Math.min(100, steps - done);
    await trainer.train(n);
    done += n;
  }
  const seconds = (performance.now() - start) / 1000;
  trainer.dispose();
  return { stepsPerSecond: steps / seconds, runs: runs.length, path };
}

export async function kernelsPerStep(config: Config, options: TrainerOptions = {}): Promise<number> {
  const trainer = new Trainer(config, expandRuns(config).runs, options);
  await trainer.train(2);
  const info = await tf.profile(() => { trainer.stepOnce(); });
  await trainer.flush();
  trainer.dispose();
  return info.kernels.length;
}

/** The paper's learned-critic run written the straightforward way: tf.train.sgd().minimize per step, dataSync every step. */
export async function baselineStepsPerSecond(steps: number): Promise<number> {
  const config = singleConfig();
  const B = config.batchSize;
  const sizes = [1, ...config.critic.hidden, 1];
  const rng = new Rng(1, 1);
  const vars: tf.Variable[] = [];
  // tf.variable keeps its initial tensor alive: dispose it, so that the loop leaves no tensors behind
  const variable = (init: tf.Tensor) => { const v = tf.variable(init); init.dispose(); return v; };
  for (let l = 0; l + 1 < sizes.length; l++) {
    const limit = Math.sqrt(6 / (sizes[l] + sizes[l + 1]));
    vars.push(variable(tf.tensor2d(Array.from({ length: sizes[l] * sizes[l + 1] }, () => (2 * rng.uniform() - 1) * limit), [sizes[l], sizes[l + 1]])));
    vars.push(variable(tf.zeros([sizes[l + 1]])));
  }
  const mu = variable(tf.scalar(1.8));
  const sigma = variable(tf.scalar(1.8));
  const criticOpt = tf.train.sgd(2e-2);
  const genOpt = tf.train.sgd(2e-3);
  const sampler = new MixtureSampler(config.target);
  const buf = new Float32Array(B);
  const critic = (x: tf.Tensor) => {
    let h: tf.Tensor = x;
    for (let l = 0; l < vars.length / 2; l++) {
      h = tf.add(tf.matMul(h, vars[2 * l]), vars[2 * l + 1]);
      if (l + 1 < vars.length / 2) h = tf.elu(h);
    }
    return h;
  };
  const step = () => {
    for (let k = 0; k < config.criticSteps; k++) {
      sampler.fill(rng, buf, 0, B);
      const real = tf.tensor2d(buf, [B, 1]);
      const fake = tf.tidy(() => tf.add(mu, tf.mul(sigma, tf.randomNormal([B, 1]))));
      criticOpt.minimize(() => {
        // JS critic loss: E_q[b(d)] - E_p[a(d)] = mean sp(d_fake) + mean sp(-d_real) (x2, up to constants)
        return tf.mul(tf.add(tf.mean(tf.softplus(critic(fake))), tf.mean(tf.softplus(tf.neg(critic(real))))), 2) as tf.Scalar;
      }, false, vars);
      real.dispose();
      fake.dispose();
    }
    genOpt.minimize(() => {
      const x = tf.add(mu, tf.mul(sigma, tf.randomNormal([B, 1])));
      return tf.mul(tf.mean(tf.softplus(tf.neg(critic(x)))), 2) as tf.Scalar; // non-saturating: -a_JS
    }, false, [mu, sigma]);
    mu.dataSync();
    sigma.dataSync();
  };
  for (let i = 0; i < 3; i++) step();
  const start = performance.now();
  for (let i = 0; i < steps; i++) step();
  const seconds = (performance.now() - start) / 1000;
  for (const v of [...vars, mu, sigma]) v.dispose();
  criticOpt.dispose();
  genOpt.dispose();
  return steps / seconds;
}

const ROUNDS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** All figures on the active backend. */
export async function measureEngine(opts: { singleSteps?: number; baselineSteps?: number; figure5Steps?: number; comparePaths?: boolean } = {}): Promise<EngineFigures> {
  await tf.ready();
  const layout = mlpLayout({ activation: 'elu' });
  const before = tf.memory().numTensors;
  const singleSteps = opts.singleSteps ?? 200;
  const baselineSteps = opts.baselineSteps ?? 50;
  // the engine and the plain loop take turns, five rounds, and each keeps its median: a machine
  // whose speed drifts (load, the wasm compiler's tier-up) moves both alike
  const singles: number[] = [];
  const baselines: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    singles.push((await timeTrainer(singleConfig(), Math.ceil(singleSteps / ROUNDS))).stepsPerSecond);
    baselines.push(await baselineStepsPerSecond(Math.ceil(baselineSteps / ROUNDS)));
  }
  const single = { stepsPerSecond: median(singles) };
  const baseline = median(baselines);
  const figure5Steps = opts.figure5Steps ?? 100;
  const fig5 = await timeTrainer(figure5Config(), figure5Steps);
  const oneRun = await kernelsPerStep(singleConfig());
  const sixteenRuns = await kernelsPerStep(figure5Config());
  let kernelsPath: EngineFigures['kernelsPath'];
  // only where the fused kernels serve this backend (webgl keeps tfjs's kernels either way)
  if ((opts.comparePaths ?? true) && fig5.path.update === 'fused') {
    const off = { fused: false };
    const s1 = await timeTrainer(singleConfig(), singleSteps, off);
    const f5 = await timeTrainer(figure5Config(), figure5Steps, off);
    kernelsPath = {
      single: { stepsPerSecond: s1.stepsPerSecond, measuredSteps: singleSteps },
      figure5: { stepsPerSecond: f5.stepsPerSecond, measuredSteps: figure5Steps },
      kernelsPerStep: { oneRun: await kernelsPerStep(singleConfig(), off), sixteenRuns: await kernelsPerStep(figure5Config(), off) },
    };
  }
  const after = tf.memory().numTensors;
  const wasm = tf.getBackend() === 'wasm'
    ? { simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')), threads: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) }
    : undefined;
  return {
    layout,
    path: fig5.path,
    wasm,
    kernelsPath,
    backend: tf.getBackend(),
    single: { stepsPerSecond: single.stepsPerSecond, projected4000s: 4000 / single.stepsPerSecond, measuredSteps: singleSteps },
    baseline: { stepsPerSecond: baseline, projected4000s: 4000 / baseline, measuredSteps: baselineSteps },
    speedup: single.stepsPerSecond / baseline,
    figure5: { stepsPerSecond: fig5.stepsPerSecond, projected4000s: 4000 / fig5.stepsPerSecond, measuredSteps: figure5Steps, runs: fig5.runs },
    kernelsPerStep: { oneRun, sixteenRuns, ratio: sixteenRuns / oneRun },
    tensors: { before, after },
  };
}

export function formatFigures(where: string, f: EngineFigures): string {
  const r = (x: number, d = 1) => x.toFixed(d);
  return [
    `${where} / ${f.backend}:`,
    `  single learned run : ${r(f.single.stepsPerSecond)} steps/s -> 4000 steps in ${r(f.single.projected4000s)} s (projected from ${f.single.measuredSteps} steps)`,
    `  straightforward    : ${r(f.baseline.stepsPerSecond)} steps/s -> 4000 steps in ${r(f.baseline.projected4000s)} s (projected from ${f.baseline.measuredSteps}); engine is ${r(f.speedup, 2)}x`,
    `  Figure 5 (${f.figure5.runs} runs): ${r(f.figure5.stepsPerSecond)} steps/s -> 4000 steps in ${r(f.figure5.projected4000s)} s (projected from ${f.figure5.measuredSteps})`,
    `  kernels per generator step: 1 run ${f.kernelsPerStep.oneRun}, 16 runs ${f.kernelsPerStep.sixteenRuns} (ratio ${r(f.kernelsPerStep.ratio, 2)})`,
    `  tensors alive: before ${f.tensors.before}, after ${f.tensors.after}`,
    (f.wasm ? `  wasm binary: SIMD ${f.wasm.simd ? 'yes' : 'no'}, threads ${f.wasm.threads ? 'yes' : 'no'}\n` : '') +
    `  critic path: update ${f.path.update}, slope ${f.path.slope}` + (f.kernelsPath
      ? `; on tfjs's kernels (${f.layout} layout): single ${r(f.kernelsPath.single.stepsPerSecond)} steps/s (fused ${r(f.single.stepsPerSecond / f.kernelsPath.single.stepsPerSecond, 2)}x), Figure 5 ${r(f.kernelsPath.figure5.stepsPerSecond)} steps/s (fused ${r(f.figure5.stepsPerSecond / f.kernelsPath.figure5.stepsPerSecond, 2)}x), kernels ${f.kernelsPath.kernelsPerStep.oneRun} / ${f.kernelsPath.kernelsPerStep.sixteenRuns}`
      : ''),
  ].join('\n');
}
