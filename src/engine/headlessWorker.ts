// A worker thread of the headless driver (shardedRun.ts): trains its share of the runs with the
// dimension it is given. An 'interrupt' message stops it at the end of the current chunk; it says
// where, and trains on to the step the main thread answers (the furthest any thread had
// reached), then reports.
import { parentPort, workerData } from 'node:worker_threads';
import { selectBackend } from './backend';
import * as tf from './tf';
import { trainRuns, type HeadlessDimension, type HeadlessWorkerCommand, type HeadlessWorkerData, type HeadlessWorkerMessage } from './shardedRun';
import { lineHeadless } from './headless';
import { planarHeadless } from './planar/headless';
import type { ShellConfig, ShellPoint } from './batchTrainer';

const data = workerData as HeadlessWorkerData;
const post = (m: HeadlessWorkerMessage) => parentPort!.postMessage(m);
const interruption = new AbortController();
let endAt: ((step: number) => void) | null = null;
parentPort!.on('message', (m: HeadlessWorkerCommand) => {
  if (m.type === 'interrupt') interruption.abort();
  else endAt?.(m.step);
});
const endAfterInterrupt = (step: number) => new Promise<number>((resolve) => {
  endAt = resolve;
  post({ type: 'interrupted-at', step });
});
try {
  await selectBackend(data.backend);
  await tf.ready();
  const dimension = (data.dimension === 1 ? lineHeadless : planarHeadless) as unknown as HeadlessDimension<ShellConfig, ShellPoint, unknown>;
  const all = dimension.core.expandRuns(data.config).runs;
  const result = await trainRuns(dimension, data.config, data.runs.map((i) => all[i]), { ...data.options, signal: interruption.signal, endAfterInterrupt, onProgress: (step) => post({ type: 'progress', step }) });
  post({ type: 'done', result });
} catch (e) {
  post({ type: 'error', message: (e as Error).message });
}
