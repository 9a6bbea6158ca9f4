// The training worker: runs the Trainer off the main thread. Protocol in ./protocol.ts.
// Chunks are short (about 50 ms) so that pause, step and snapshot requests are answered quickly.
import * as tf from './tf';
import { expandRuns } from '../config/runs';
import type { Config } from '../config/schema';
import { selectBackend } from './backend';
import { Trainer, type TrainerState } from './trainer';
import { WASM_PATHS } from './wasmPaths.browser';
import type { BackendInfo, FromWorker, ToWorker } from './protocol';

const ctx = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const post = (m: FromWorker) => ctx.postMessage(m);

let trainer: Trainer | null = null;
let config: Config | null = null;
/** The runs of the experiment this worker trains (all when null). */
let runIndices: number[] | null = null;
let backend: BackendInfo | null = null;
let playing = false;
let loopRunning = false;
/** Generator steps per chunk; 0 = adaptive (about 50 ms per chunk). */
let stepsPerChunk = 0;
let adaptiveChunk = 20;
let lastGood: TrainerState | null = null;
let queue: Promise<void> = Promise.resolve();
let loopDone: Promise<void> = Promise.resolve();

function state(): void {
  if (!trainer || !config) return;
  post({ type: 'state', playing, step: trainer.step, finished: trainer.step >= config.steps || trainer.activeRuns === 0 });
}

/**
 * Starts training newConfig's runs (all, or those at `indices`) on a fresh Trainer. With `resume`,
 * the Trainer continues from a saved state on another backend instead: the page keeps its
 * trajectories and hears only of the new backend.
 */
async function start(newConfig: Config, indices: number[] | null, opts: { excludeWebgl?: boolean; resume?: TrainerState | null } = {}): Promise<void> {
  trainer?.dispose();
  trainer = null;
  config = newConfig;
  runIndices = indices;
  backend = await selectBackend(newConfig.backend, { wasmPaths: WASM_PATHS, excludeWebgl: opts.excludeWebgl });
  await tf.ready();
  const expanded = expandRuns(newConfig);
  const runs = indices ? indices.map((i) => expanded.runs[i]) : expanded.runs;
  trainer = new Trainer(newConfig, runs);
  lastGood = null;
  if (opts.resume !== undefined) {
    if (opts.resume) trainer.importState(opts.resume);
    else await trainer.flush(); // from the start: the page has the step-0 point already
    post({ type: 'backend', backend });
    state();
    return;
  }
  for (const s of expanded.skipped) post({ type: 'notice', message: s });
  if (backend.fallbackReason) post({ type: 'notice', message: backend.fallbackReason });
  post({ type: 'ready', backend, runCount: runs.length });
  const first = await trainer.flush();
  if (first.points.length) post({ type: 'trajectory', points: first.points, stepsPerSecond: 0 });
  state();
}

async function chunk(n: number): Promise<void> {
  if (!trainer || !config) return;
  const t = trainer;
  const steps = Math.min(n, config.steps - t.step);
  if (steps <= 0) return;
  const start = performance.now();
  try {
    assertContext();
    const res = await whileContext(t.train(steps));
    // a lost context computes nothing and reads back garbage: drop the chunk, keep lastGood
    assertContext();
    const ms = performance.now() - start;
    if (stepsPerChunk === 0) adaptiveChunk = Math.max(1, Math.min(500, Math.round(adaptiveChunk * Math.min(2, Math.max(0.5, 50 / Math.max(ms, 1))))));
    if (res.points.length) post({ type: 'trajectory', points: res.points, stepsPerSecond: (steps * 1000) / Math.max(ms, 1e-3) });
    for (const s of res.stopped) post({ type: 'run-stopped', stopped: s });
    if (backend?.name === 'webgl') {
      const saved = await whileContext(t.exportState());
      assertContext();
      lastGood = saved;
    }
  } catch (e) {
    await recover(e as Error);
  }
}

/** The WebGL context tfjs draws with, when the engine runs on WebGL. */
function webglContext(): WebGLRenderingContext | WebGL2RenderingContext | null {
  if (backend?.name !== 'webgl') return null;
  return (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext } }).gpgpu?.gl ?? null;
}

/** Throws when the WebGL context is gone (the GPU was reset, or the browser took it back). */
function assertContext(): void {
  if (webglContext()?.isContextLost()) throw new Error('the WebGL context was lost');
}

/**
 * `work`, or a rejection once the WebGL context is lost: a readback from a lost context never
 * completes, so the loss is polled for (tfjs handles the context-lost event itself).
 */
function whileContext<T>(work: Promise<T>): Promise<T> {
  const gl = webglContext();
  if (!gl) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setInterval(() => {
      if (!gl.isContextLost()) return;
      clearInterval(timer);
      reject(new Error('the WebGL context was lost'));
    }, 200);
    work.then((v) => { clearInterval(timer); resolve(v); }, (e: unknown) => { clearInterval(timer); reject(e); });
  });
}

/** A lost WebGL context (or another backend failure): continue on wasm from the last good state. */
async function recover(error: Error): Promise<void> {
  if (!config || backend?.name !== 'webgl') {
    playing = false;
    post({ type: 'error', message: `Training failed: ${error.message}` });
    return;
  }
  const saved = lastGood;
  post({ type: 'notice', message: `The WebGL backend failed (${error.message}); training continues on wasm from generator step ${saved?.step ?? 0}.` });
  await start({ ...config, backend: 'auto' }, runIndices, { excludeWebgl: true, resume: saved });
}

// A message to ourselves lets queued messages (pause, snapshot) in between two chunks without
// setTimeout's clamp: nested timeouts wait at least 4 ms, 5-10% of a 50 ms chunk.
const wakeUp = new MessageChannel();
let wake: (() => void) | null = null;
wakeUp.port1.onmessage = () => { const w = wake; wake = null; w?.(); };
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => { wake = resolve; wakeUp.port2.postMessage(null); });
}

async function loop(): Promise<void> {
  if (loopRunning) return;
  loopRunning = true;
  let done = () => {};
  loopDone = new Promise((r) => { done = r; });
  try {
    while (playing && trainer && config && trainer.step < config.steps && trainer.activeRuns > 0) {
      await chunk(stepsPerChunk || adaptiveChunk);
      state();
      await yieldToMessages();
    }
    if (playing) {
      playing = false;
      state();
    }
  } finally {
    loopRunning = false;
    done();
  }
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init':
    case 'reset':
      playing = false;
      await loopDone; // the last chunk of a loop that this stopped
      await start(msg.config, msg.runs ?? null);
      break;
    case 'play':
      playing = true;
      state();
      void loop();
      break;
    case 'pause':
      playing = false;
      state();
      break;
    case 'step':
      await loopDone; // a pause lets the running chunk finish first
      await chunk(msg.generatorSteps);
      state();
      break;
    case 'speed':
      stepsPerChunk = Math.max(0, Math.floor(msg.stepsPerChunk));
      break;
    case 'snapshot':
      if (!trainer) break;
      try {
        post({ type: 'snapshot', snapshot: await whileContext(trainer.snapshot()) });
      } catch (e) {
        // a lost context: the next chunk recovers, and the page asks again
        if (!webglContext()?.isContextLost()) post({ type: 'notice', message: `The views could not be updated: ${(e as Error).message}` });
      }
      break;
    case 'lose-webgl-context':
      webglContext()?.getExtension('WEBGL_lose_context')?.loseContext();
      break;
  }
}

ctx.onmessage = (e) => {
  const msg = e.data;
  // pause is answered at once; everything else in order
  if (msg.type === 'pause') { void handle(msg); return; }
  queue = queue.then(() => handle(msg)).catch((err: Error) => post({ type: 'error', message: err.message }));
};
