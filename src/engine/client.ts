// Main-thread client of the training worker, for the UI.
import type { FromWorker, ToWorker } from './protocol';

export type WorkerListener = (message: FromWorker) => void;

export class EngineClient {
  private readonly worker: Worker;
  private readonly listeners = new Set<WorkerListener>();

  constructor(worker?: Worker) {
    this.worker = worker ?? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => {
      for (const l of this.listeners) l(e.data);
    };
    this.worker.onerror = (e: ErrorEvent) => {
      for (const l of this.listeners) l({ type: 'error', message: `Training worker failed: ${e.message}` });
    };
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  /** Subscribes to worker messages; returns the unsubscribe function. */
  onMessage(listener: WorkerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first message of the given type. */
  next<T extends FromWorker['type']>(type: T): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve) => {
      const off = this.onMessage((m) => {
        if (m.type === type) {
          off();
          resolve(m as Extract<FromWorker, { type: T }>);
        }
      });
    });
  }

  terminate(): void {
    this.listeners.clear();
    this.worker.terminate();
  }
}
