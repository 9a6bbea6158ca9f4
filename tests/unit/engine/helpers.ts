// Shared helpers for the engine tests.
import { configSchema, defaultConfig, baseScheme, type Config, type SchemeConfig } from '../../../src/config/schema';
import { expandRuns, type RunSpec } from '../../../src/config/runs';
import { selectBackend } from '../../../src/engine/backend';
import * as tf from '../../../src/engine/tf';
import { afterEach } from 'vitest';
import { Trainer, type TrainerOptions } from '../../../src/engine/trainer';
import type { TrajectoryPoint } from '../../../src/engine/protocol';

export async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  await selectBackend(name);
  await tf.ready();
}

export function makeConfig(schemes: SchemeConfig[], overrides: Partial<Config> = {}): Config {
  return configSchema.parse({ ...defaultConfig(), schemes, ...overrides });
}

export function runsOf(config: Config): RunSpec[] {
  return expandRuns(config).runs;
}

export { baseScheme };

/** Acklam's inverse normal CDF (relative error ~1e-9): stratified, quadrature-like normal draws. */
export function inverseNormalCdf(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pl) return -inverseNormalCdf(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

export function stratifiedNormals(n: number, runs: number): Float32Array {
  const z = new Float32Array(n * runs);
  for (let r = 0; r < runs; r++) for (let i = 0; i < n; i++) z[r * n + i] = inverseNormalCdf((i + 0.5) / n);
  return z;
}

/** A maker of trainers for the configuration's runs; the trainers a test made are disposed after it. */
export function trainerMaker(): (config: Config, options?: TrainerOptions) => Trainer {
  const trainers: Trainer[] = [];
  afterEach(() => { for (const t of trainers.splice(0)) t.dispose(); });
  return (config, options = {}) => {
    const t = new Trainer(config, runsOf(config), options);
    trainers.push(t);
    return t;
  };
}

/** The points a trainer records over `steps` generator steps, trained in chunks of 10. */
export async function trainPoints(trainer: Trainer, steps: number): Promise<TrajectoryPoint[]> {
  const points: TrajectoryPoint[] = [];
  for (let done = 0; done < steps; done += 10) points.push(...(await trainer.train(Math.min(10, steps - done))).points);
  return points;
}
