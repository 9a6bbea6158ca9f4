// Kernel-time breakdown of one generator step: npx tsx bench/profile.ts [wasm|cpu] [single|figure5] [layout]
// ROWS=n prints n rows (default 30); SEQ=1 also prints the step's kernels in launch order.
import * as tf from '../src/engine/tf';
import { selectBackend } from '../src/engine/backend';
import { expandRuns } from '../src/config/runs';
import { figure5Config, singleConfig } from './engineCore';
import { Trainer } from '../src/engine/trainer';
import type { MlpLayout } from '../src/engine/mlp';

async function main() {
  const backend = (process.argv[2] ?? 'wasm') as 'wasm' | 'cpu';
  await selectBackend(backend);
  const criticLayout = process.argv[4] as MlpLayout | undefined;
  const config = process.argv[3] === 'figure5' ? figure5Config() : singleConfig();
  const trainer = new Trainer(config, expandRuns(config).runs, { criticLayout });
  await trainer.train(5);
  const byName = new Map<string, { n: number; ms: number }>();
  let total = 0;
  let kernels = 0;
  const reps = 10;
  let wall = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const info = await tf.profile(() => { trainer.stepOnce(); });
    wall = Math.min(wall, performance.now() - t0);
    kernels = info.kernels.length;
    for (const k of info.kernels) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      const e = byName.get(key) ?? { n: 0, ms: 0 };
      e.n += 1; e.ms += ms; byName.set(key, e);
      total += ms;
    }
  }
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) trainer.stepOnce();
  await trainer.flush();
  const unprofiled = (performance.now() - t0) / 50;
  console.log(`${backend} ${process.argv[3] ?? 'single'} ${process.argv[4] ?? 'default'}: kernels/step ${kernels}, kernel time ${(total / reps).toFixed(2)} ms/step, profiled wall ${wall.toFixed(2)} ms, unprofiled ${unprofiled.toFixed(2)} ms/step`);
  if (process.env.SEQ) {
    const info = await tf.profile(() => { trainer.stepOnce(); });
    info.kernels.forEach((k, i) => console.log(`${String(i).padStart(4)} ${k.name} ${JSON.stringify(k.inputShapes)}`));
  }
  const rows = [...byName.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.ROWS ?? 30));
  for (const [k, v] of rows) console.log(`${(v.ms / reps).toFixed(3).padStart(8)} ms  x${(v.n / reps).toFixed(0).padStart(3)}  ${k}`);
  trainer.dispose();
}
main();
