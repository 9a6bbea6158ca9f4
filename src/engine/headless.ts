// Runs a whole experiment with the engine outside the browser (headless command, tests, bench).
import * as tf from './tf';
import type { Config, SchemeConfig } from '../config/schema';
import { expandRuns } from '../config/runs';
import type { LandscapeId } from '../config/schema';
import { selectBackend } from './backend';
import { Trainer, type TrainerOptions } from './trainer';
import type { BackendInfo } from './protocol';

export interface ExperimentRunResult {
  scheme: SchemeConfig & { label: string };
  minimises: LandscapeId | null;
  critic: 'learned' | 'optimal';
  seed: number;
  /** [step, mu, sigma] every recordEvery generator steps, from step 0. */
  trajectory: [number, number, number][];
  final: { mu: number; sigma: number };
  stopped?: string;
}

export interface ExperimentResult {
  config: Config;
  backend: BackendInfo['name'];
  runs: ExperimentRunResult[];
  skipped: string[];
  seconds: number;
}

export interface ExperimentOptions extends TrainerOptions {
  /** Activate this backend first; 'current' keeps the active one. */
  backend?: 'wasm' | 'cpu' | 'current';
  /** Generator steps between two readbacks. */
  chunk?: number;
  onProgress?: (step: number, total: number) => void;
}

export async function runExperiment(config: Config, options: ExperimentOptions = {}): Promise<ExperimentResult> {
  const backendChoice = options.backend ?? 'wasm';
  if (backendChoice !== 'current') await selectBackend(backendChoice);
  await tf.ready();
  const { runs, skipped } = expandRuns(config);
  const start = performance.now();
  const trainer = new Trainer(config, runs, options);
  const trajectories: [number, number, number][][] = runs.map(() => []);
  const chunk = options.chunk ?? 200;
  try {
    while (trainer.step < config.steps) {
      const n = Math.min(chunk, config.steps - trainer.step);
      const { points } = await trainer.train(n);
      for (const p of points) p.mu.forEach((mu, r) => trajectories[r].push([p.step, mu, p.sigma[r]]));
      options.onProgress?.(trainer.step, config.steps);
      if (trainer.activeRuns === 0) break;
    }
    const final = await trainer.parameters();
    const stopped = new Map(trainer.stopped.map((s) => [s.run, s.reason]));
    return {
      config,
      backend: tf.getBackend() as BackendInfo['name'],
      skipped,
      seconds: (performance.now() - start) / 1000,
      runs: runs.map((run, r) => ({
        scheme: { label: run.label.split(' · ')[0], ...run.scheme },
        minimises: run.minimises,
        critic: run.critic,
        seed: run.seed,
        trajectory: trajectories[r],
        final: { mu: final.mu[r], sigma: final.sigma[r] },
        ...(stopped.has(r) ? { stopped: stopped.get(r) } : {}),
      })),
    };
  } finally {
    trainer.dispose();
  }
}
