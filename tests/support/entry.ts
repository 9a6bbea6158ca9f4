// Entry of the test build (tests/support/vite.config.ts): the playground page with
// window.__fganTest, which the browser tests use:
//   trajectory(req)     trains on the main thread on one backend and returns every step (./trajectory.ts)
//   loseWebglContext()  makes the training workers lose their WebGL context, as a GPU reset would
//   engineLog()         the last messages between the page and its training workers (for a failing test to print)
// The engine code behind trajectory() loads only when a test calls it.
import { configureEngine } from '../../src/ui/store';
import { configurePlanarEngine } from '../../src/ui/planar/planarStore';
import { mountApp } from '../../src/ui/mountApp';
import { LOSE_WEBGL_CONTEXT } from './messages';
import type { TrajectoryRequest, TrajectoryResult } from './trajectory';

declare global {
  interface Window {
    __fganTest?: {
      trajectory(req: TrajectoryRequest): Promise<TrajectoryResult>;
      loseWebglContext(): void;
      engineLog(): string[];
    };
  }
}

/** Every training worker the page made (a terminated one ignores what it is sent). */
const trainingWorkers: Worker[] = [];
/** The last messages to and from the training workers, in short form. */
const engineLog: string[] = [];

function logMessage(direction: string, worker: number, msg: { type?: string; step?: number; playing?: boolean }): void {
  if (msg.type === 'trajectory' || msg.type === 'snapshot') return;
  const t = (performance.now() / 1000).toFixed(2);
  engineLog.push(`${t} ${direction}${worker} ${msg.type}${msg.step !== undefined ? ` step ${msg.step}` : ''}${msg.playing !== undefined ? ` playing ${msg.playing}` : ''}`);
  if (engineLog.length > 200) engineLog.shift();
}

/** A training worker whose messages are logged and which takes LOSE_WEBGL_CONTEXT. */
function logged(worker: Worker): Worker {
  const index = trainingWorkers.push(worker) - 1;
  const send = worker.postMessage.bind(worker) as (msg: unknown) => void;
  worker.postMessage = ((msg: { type?: string }) => { logMessage('>', index, msg); send(msg); }) as Worker['postMessage'];
  worker.addEventListener('message', (e: MessageEvent) => logMessage('<', index, e.data));
  return worker;
}

configureEngine({ createWorker: () => logged(new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module' })) });
configurePlanarEngine({ createWorker: () => logged(new Worker(new URL('./planarTrainingWorker.ts', import.meta.url), { type: 'module' })) });

window.__fganTest = {
  trajectory: async (req) => (await import('./trajectory')).trainTrajectory(req),
  loseWebglContext() {
    for (const worker of trainingWorkers) worker.postMessage({ type: LOSE_WEBGL_CONTEXT });
  },
  engineLog: () => [...engineLog],
};

mountApp();
