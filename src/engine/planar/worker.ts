// The 2-D training worker: trains a PlanarTrainer off the main thread in chunks of about CHUNK_MS,
// posts the recorded points every chunk and a snapshot for the views every SNAPSHOT_MS, and
// answers play, pause, step and landscape requests between chunks. Protocol in ./protocol.ts.
import { expandPlanarRuns, hasDensity, type PlanarConfig } from '../../config/planar';
import type { DivergenceId } from '../../math/criticBasis';
import { selectBackend } from '../backend';
import { WASM_PATHS } from '../wasmPaths.browser';
import type { BackendInfo } from '../protocol';
import type { FromPlanarWorker, PlanarWorkerMessage, ToPlanarWorker } from './protocol';
import { PlanarTrainer } from './trainer';
import { isotropicLandscape, planarSnapshot } from './views';
import { FULL_SPEED_STRIDE, recordStride } from '../recordStride';

const ctx = self as unknown as { postMessage(m: FromPlanarWorker): void; onmessage: ((e: MessageEvent<ToPlanarWorker>) => void) | null };
/** The generation of the experiment being trained (set by 'init'). */
let generation = 0;
const post = (m: PlanarWorkerMessage) => ctx.postMessage({ ...m, generation } as FromPlanarWorker);

const CHUNK_MS = 100;
const SNAPSHOT_MS = 600;

let trainer: PlanarTrainer | null = null;
let config: PlanarConfig | null = null;
let backend: BackendInfo | null = null;
let playing = false;
let looping = false;
let msPerStep = 0;
/** Chunks timed since the experiment started: the first pays for warming up and sets no stride. */
let timedChunks = 0;
let lastSnapshot = 0;
let lock: Promise<unknown> = Promise.resolve();

/** Runs `fn` once every earlier operation on the trainer has finished. */
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = lock.then(fn);
  lock = run.catch(() => undefined);
  return run;
}

const finished = () => !!trainer && !!config && trainer.step >= config.steps;

function state(): void {
  if (trainer) post({ type: 'state', playing, step: trainer.step, finished: finished() });
}

async function snapshot(): Promise<void> {
  if (!trainer || !config) return;
  lastSnapshot = performance.now();
  post({ type: 'snapshot', snapshot: await planarSnapshot(trainer.viewSource(), hasDensity(config.family.kind)) });
}

/** Trains n steps and posts what they recorded. */
async function train(n: number): Promise<void> {
  const t = trainer!;
  const start = performance.now();
  const result = await t.train(n);
  if (n > 0) { msPerStep = (performance.now() - start) / n; timedChunks += 1; }
  if (result.points.length) post({ type: 'points', step: result.step, points: result.points, msPerStep });
  if (result.stopped.length) post({ type: 'stopped', stops: result.stopped });
}

async function loop(): Promise<void> {
  if (looping) return;
  looping = true;
  try {
    while (playing && trainer && config && !finished()) {
      // the first chunk is one step, which measures the step's time; then chunks of about CHUNK_MS
      const n = msPerStep > 0 ? Math.max(1, Math.min(config.steps - trainer.step, Math.round(CHUNK_MS / msPerStep))) : 1;
      trainer.recordEvery = recordStride(trainer.recordEvery, timedChunks > 1 && msPerStep > 0 ? 1000 / msPerStep : null, false);
      await exclusive(() => train(n));
      if (performance.now() - lastSnapshot > SNAPSHOT_MS) await exclusive(snapshot);
      state();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // where training stops (paused or finished) the step is recorded and drawn, so every view
    // shows it; the state goes before the snapshot, so that the page hears at once where it stopped
    if (finished()) playing = false;
    if (trainer) await exclusive(async () => { trainer!.recordCurrent(); await train(0); state(); await snapshot(); });
    else state();
  } catch (e) {
    playing = false;
    post({ type: 'error', message: `Training stopped at step ${trainer?.step ?? 0}: ${(e as Error).message}` });
    state();
  } finally {
    looping = false;
    if (playing && !finished()) void loop(); // play came while the loop was winding down
  }
}

async function init(next: PlanarConfig, requested: BackendInfo['requested']): Promise<void> {
  playing = false;
  trainer?.dispose();
  trainer = null;
  backend ??= await selectBackend(requested, { wasmPaths: WASM_PATHS });
  config = next;
  const { runs, skipped } = expandPlanarRuns(next);
  trainer = new PlanarTrainer(next, runs, { recordEvery: FULL_SPEED_STRIDE });
  msPerStep = 0;
  timedChunks = 0;
  post({ type: 'ready', backend, skipped, runs: runs.map((r) => ({ label: r.label, critic: r.critic, minimises: r.minimises })) });
  await snapshot();
  state();
}

ctx.onmessage = (e) => {
  const msg = e.data;
  const fail = (err: unknown) => post({ type: 'error', message: (err as Error).message ?? String(err) });
  switch (msg.type) {
    case 'init': void exclusive(() => { generation = msg.generation; return init(msg.config, msg.backend); }).catch(fail); break;
    case 'play': playing = true; state(); void loop(); break;
    // a running loop says where it stopped once the chunk in hand is done
    case 'pause': playing = false; if (!looping) state(); break;
    case 'step':
      if (playing || !trainer || finished()) break;
      void exclusive(async () => { trainer!.recordEvery = 1; await train(1); await snapshot(); state(); }).catch(fail);
      break;
    case 'snapshot': void exclusive(snapshot).catch(fail); break;
    case 'landscape':
      void exclusive(async () => {
        if (!trainer || !config) return;
        const moments = await trainer.moments();
        const g = moments[msg.run];
        const scale = Math.sqrt((g.cov[0][0] + g.cov[1][1]) / 2);
        post({ type: 'landscape', landscape: isotropicLandscape(config, msg.id as DivergenceId, msg.run, scale) });
      }).catch(fail);
      break;
  }
};
