// A/B of the MLP layouts in one process, interleaved chunk by chunk so that a noisy machine hits
// both alike: npx tsx bench/ab.ts [wasm|cpu] [single|figure5] [chunks] [steps per chunk]
import { selectBackend } from '../src/engine/backend';
import { expandRuns } from '../src/config/runs';
import { figure5Config, singleConfig } from './engineCore';
import { Trainer } from '../src/engine/trainer';
import type { MlpLayout } from '../src/engine/mlp';

async function main() {
  const backend = (process.argv[2] ?? 'wasm') as 'wasm' | 'cpu';
  await selectBackend(backend);
  const which = process.argv[3] ?? 'single';
  const chunks = Number(process.argv[4] ?? 15);
  const per = Number(process.argv[5] ?? 10);
  const config = which === 'figure5' ? figure5Config() : singleConfig();
  const layouts: MlpLayout[] = ['batched', 'perRun'];
  const trainers = layouts.map((criticLayout) => new Trainer(config, expandRuns(config).runs, { criticLayout }));
  const times: number[][] = layouts.map(() => []);
  for (const trainer of trainers) await trainer.train(3);
  for (let c = 0; c < chunks; c++) {
    for (let i = 0; i < layouts.length; i++) {
      const t0 = performance.now();
      await trainers[i].train(per);
      times[i].push((performance.now() - t0) / per);
    }
  }
  const params = await Promise.all(trainers.map((t) => t.parameters()));
  const stat = (a: number[]) => { const s = [...a].sort((x, y) => x - y); return { min: s[0], med: s[Math.floor(s.length / 2)] }; };
  layouts.forEach((l, i) => {
    const { min, med } = stat(times[i]);
    console.log(`${backend} ${which} ${l.padEnd(8)}: ms/step min ${min.toFixed(2)} median ${med.toFixed(2)} -> ${(1000 / med).toFixed(1)} steps/s; mu[0] ${params[i].mu[0].toFixed(5)} sigma[0] ${params[i].sigma[0].toFixed(5)}`);
  });
  trainers.forEach((t) => t.dispose());
}
main();
