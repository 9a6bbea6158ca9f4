// A worker thread of the headless experiment: trains its share of the runs (src/engine/headless.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { expandRuns } from '../config/runs';
import { selectBackend } from './backend';
import * as tf from './tf';
import { trainRuns, type HeadlessWorkerData, type HeadlessWorkerMessage } from './headless';

const data = workerData as HeadlessWorkerData;
const post = (m: HeadlessWorkerMessage) => parentPort!.postMessage(m);
try {
  await selectBackend(data.backend);
  await tf.ready();
  const all = expandRuns(data.config).runs;
  const result = await trainRuns(data.config, data.runs.map((i) => all[i]), { ...data.options, onProgress: (step) => post({ type: 'progress', step }) });
  post({ type: 'done', result });
} catch (e) {
  post({ type: 'error', message: (e as Error).message });
}
