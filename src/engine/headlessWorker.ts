// A worker thread of the headless experiment: trains its share of the runs (src/engine/headless.ts).
// An 'interrupt' message stops it at the end of the current chunk; it says where, and trains on to
// the step the main thread answers (the furthest any thread had reached), then reports.
import { parentPort, workerData } from 'node:worker_threads';
import { expandRuns } from '../config/runs';
import { selectBackend } from './backend';
import * as tf from './tf';
import { trainRuns, type HeadlessWorkerCommand, type HeadlessWorkerData, type HeadlessWorkerMessage } from './headless';

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
  const all = expandRuns(data.config).runs;
  const result = await trainRuns(data.config, data.runs.map((i) => all[i]), { ...data.options, signal: interruption.signal, endAfterInterrupt, onProgress: (step) => post({ type: 'progress', step }) });
  post({ type: 'done', result });
} catch (e) {
  post({ type: 'error', message: (e as Error).message });
}
