// Entry of the test build (tests/support/vite.config.ts): the playground page with
// window.__fganTest, which the browser tests use:
//   trajectory(req)     trains on the main thread on one backend and returns every step (./trajectory.ts)
//   loseWebglContext()  makes the training workers lose their WebGL context, as a GPU reset would
// The engine code behind trajectory() loads only when a test calls it.
import { configureEngine } from '../../src/ui/store';
import { mountApp } from '../../src/ui/mountApp';
import { LOSE_WEBGL_CONTEXT } from './messages';
import type { TrajectoryRequest, TrajectoryResult } from './trajectory';

declare global {
  interface Window {
    __fganTest?: {
      trajectory(req: TrajectoryRequest): Promise<TrajectoryResult>;
      loseWebglContext(): void;
    };
  }
}

/** Every training worker the page made (a terminated one ignores what it is sent). */
const trainingWorkers: Worker[] = [];

configureEngine({
  createWorker() {
    const worker = new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module' });
    trainingWorkers.push(worker);
    return worker;
  },
});

window.__fganTest = {
  trajectory: async (req) => (await import('./trajectory')).trainTrajectory(req),
  loseWebglContext() {
    for (const worker of trainingWorkers) worker.postMessage({ type: LOSE_WEBGL_CONTEXT });
  },
};

mountApp();
