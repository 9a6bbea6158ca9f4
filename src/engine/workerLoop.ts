// The training worker's loop, for either dimension: runs a TrainingSession of the core it is
// given (batchTrainer.ts) off the main thread. Protocol in ./protocol.ts.
// Work is cut by measured time, not by a number of steps: chunks of about CHUNK_MS, and a step
// slower than PHASE_MS is taken one critic update at a time, so that pause, step and live
// changes are answered quickly whatever the configuration. All access to the session goes
// through `exclusive`, one operation after the other.
import { fusedBackend, NO_SIMD_NOTICE } from './fused/kernels';
import * as tf from './tf';
import type { BackendChoice } from '../config/schema';
import { selectBackend } from './backend';
import { TrainingSession, type SessionResult } from './session';
import { WASM_PATHS } from './wasmPaths.browser';
import { outOfMemoryMessage } from './workload';
import { FULL_SPEED_STRIDE, recordStride } from './recordStride';
import type { EngineCore, ShellConfig, ShellPoint, ShellSnapshot } from './batchTrainer';
import type { BackendInfo, FromWorker, ToWorker } from './protocol';

type Core = EngineCore<ShellConfig, ShellPoint, ShellSnapshot, { step: number }>;
type Message = FromWorker<ShellPoint, ShellSnapshot, ShellConfig>;
type Command = ToWorker<ShellConfig>;

const ctx = self as unknown as { postMessage(m: Message): void; onmessage: ((e: MessageEvent<Command>) => void) | null };
/** The experiment being trained (from its init or reset): every report carries it. */
let generation = 0;
const post = (m: Message) => ctx.postMessage({ ...m, generation });

/** Time a chunk of whole generator steps aims at. */
const CHUNK_MS = 100;
/** Steps slower than this are taken one critic update at a time. */
const PHASE_MS = 250;

let core: Core | null = null;
let session: TrainingSession<ShellConfig, ShellPoint, ShellSnapshot, { step: number }> | null = null;
/** The runs of the experiment this worker trains (all when null). */
let runIndices: number[] | null = null;
let backend: BackendInfo | null = null;
let playing = false;
let loopRunning = false;
/** Generator steps per second while playing; 0 = full speed. */
let rate = 0;
/** Measured time of one generator step (0 until measured). */
let msPerStep = 0;
/** Whole steps for the next chunk: the first is one step, then each chunk is sized from the time
 * the last one took (readbacks included), by at most 4x up or 2x down, towards CHUNK_MS. */
let nextChunk = 1;
/** While playing, the generator step not to pass (set by the client to keep its workers together). */
let limit: number | null = null;
/** Generator steps between two recorded points (recordStride.ts). */
let stride = FULL_SPEED_STRIDE;
/** Chunks timed since the session started: the first pays for warming up and sets no stride. */
let timedChunks = 0;
/** Time spent on the critic updates of a step taken one update at a time. */
let phaseMs = 0;
let lastGood: { step: number } | null = null;
let lock: Promise<unknown> = Promise.resolve();
let wakePacer: (() => void) | null = null;

/** Runs `fn` once every earlier session operation has finished. */
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = lock.then(fn);
  lock = run.catch(() => undefined);
  return run;
}

function state(): void {
  if (!session) return;
  post({ type: 'state', playing, step: session.step, finished: session.finished, phase: session.phase });
}

function postResult(res: SessionResult<ShellPoint>, stepsPerSecond = 0): void {
  if (res.points.length) post({ type: 'trajectory', points: res.points, stepsPerSecond, msPerStep });
  for (const s of res.stopped) post({ type: 'run-stopped', stopped: s });
  for (const n of res.notices) post({ type: 'notice', message: n });
}

/**
 * Starts training `config`'s runs (all, or those at `indices`) on a new session. With `resume`,
 * it continues from a saved state on another backend instead: the page keeps its trajectories
 * and hears only of the new backend.
 */
async function start(config: ShellConfig, indices: number[] | null, opts: { backend?: BackendChoice; resume?: { step: number } | null } = {}): Promise<void> {
  session?.dispose();
  session = null;
  runIndices = indices;
  const excludeWebgl = opts.backend !== undefined;
  backend = await selectBackend(opts.backend ?? core!.placement(config).backend, { wasmPaths: WASM_PATHS, excludeWebgl });
  await tf.ready();
  session = new TrainingSession(core!, config, indices);
  lastGood = null;
  msPerStep = 0;
  nextChunk = 1;
  limit = null;
  timedChunks = 0;
  stride = FULL_SPEED_STRIDE;
  session.recordEvery = recordEvery();
  if (opts.resume !== undefined) {
    if (opts.resume) session.importState(opts.resume);
    else await session.report(); // from the start: the page has the step-0 point already
    post({ type: 'backend', backend });
    state();
    return;
  }
  for (const s of core!.expandRuns(config).skipped) post({ type: 'notice', message: s });
  if (backend.fallbackReason) post({ type: 'notice', message: backend.fallbackReason });
  const slowPath = fusedKernelsNotice(backend.name);
  if (slowPath) post({ type: 'notice', message: slowPath });
  post({ type: 'ready', backend, runCount: session.runs.length });
  postResult(await session.report());
  state();
}

/** Said once per start when wasm trains without the fused critic kernels (no WebAssembly SIMD). */
function fusedKernelsNotice(backendName: string): string | null {
  return backendName === 'wasm' && !fusedBackend() ? NO_SIMD_NOTICE : null;
}

function recordEvery(): number {
  stride = recordStride(stride, timedChunks > 1 && msPerStep > 0 ? 1000 / msPerStep : null, rate > 0);
  return stride;
}

/**
 * One piece of work: `steps` whole steps, or (null) a chunk of about CHUNK_MS but at most `room`
 * steps, or one critic or generator update of a slow step.
 */
async function advance(steps: number | null, room = Infinity): Promise<void> {
  const s = session;
  if (!s || s.finished) return;
  const t0 = performance.now();
  try {
    assertContext();
    let res: SessionResult<ShellPoint>;
    let done = 0;
    if (steps === null && msPerStep > PHASE_MS && nextChunk === 1) {
      const generatorNext = s.phase >= s.criticSteps;
      res = await whileContext(generatorNext ? s.generatorUpdate() : s.criticUpdate());
      phaseMs += performance.now() - t0;
      if (generatorNext) { msPerStep = phaseMs; phaseMs = 0; done = 1; timedChunks += 1; }
    } else {
      const n = steps ?? Math.min(nextChunk, room);
      const before = s.step;
      res = await whileContext(s.train(n));
      done = s.step - before;
      const elapsed = performance.now() - t0;
      if (done > 0) { msPerStep = elapsed / done; timedChunks += 1; }
      // a chunk cut short by the limit says nothing about the chunk size
      if (steps === null && done > 0 && n === nextChunk) nextChunk = Math.max(1, Math.min(500, Math.round(done * Math.min(4, Math.max(0.5, CHUNK_MS / Math.max(elapsed, 1))))));
    }
    assertContext(); // a lost context computes nothing and reads back garbage: drop it, keep lastGood
    s.recordEvery = recordEvery();
    postResult(res, done > 0 && msPerStep > 0 ? 1000 / msPerStep : 0);
    if (backend?.name === 'webgl' && s.phase === 0) {
      const saved = await whileContext(s.exportState());
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

/** A lost WebGL context: continue on wasm from the last good state. Out of memory: stop, say so. */
async function recover(error: Error): Promise<void> {
  const config = session?.config;
  const oom = outOfMemoryMessage(error, config ? core!.reduceAdvice(config) : null, session?.step ?? 0);
  if (oom || !config || backend?.name !== 'webgl') {
    playing = false;
    post(oom ? { type: 'error', message: oom, outOfMemory: true } : { type: 'error', message: `Training failed: ${error.message}` });
    return;
  }
  const saved = lastGood;
  post({ type: 'notice', message: `The WebGL backend failed (${error.message}); training continues on wasm from generator step ${saved?.step ?? 0}.` });
  await start(config, runIndices, { backend: 'auto', resume: saved });
}

// A message to ourselves lets queued messages (pause, snapshot) in between two chunks without
// setTimeout's clamp: nested timeouts wait at least 4 ms, 5-10% of a short chunk.
const wakeUp = new MessageChannel();
let wake: (() => void) | null = null;
wakeUp.port1.onmessage = () => { const w = wake; wake = null; w?.(); };
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => { wake = resolve; wakeUp.port2.postMessage(null); });
}

/** Waits until `until` (performance.now() time), or until a pause cuts the wait short. */
function pace(until: number): Promise<void> {
  const ms = until - performance.now();
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => { wakePacer = null; resolve(); }, ms);
    wakePacer = () => { clearTimeout(timer); wakePacer = null; resolve(); };
  });
}

let wakeAtLimit: (() => void) | null = null;

/** Waits at the limit until the client moves it or a pause comes. */
function waitAtLimit(): Promise<void> {
  return new Promise((resolve) => { wakeAtLimit = () => { wakeAtLimit = null; resolve(); }; });
}

async function loop(): Promise<void> {
  if (loopRunning) return;
  loopRunning = true;
  try {
    let next = performance.now();
    while (playing && session && !session.finished) {
      if (limit !== null && session.step >= limit && session.phase === 0) {
        await waitAtLimit();
        continue;
      }
      const slow = rate > 0;
      const room = limit === null ? Infinity : limit - session.step;
      await exclusive(() => advance(slow ? 1 : null, room));
      state();
      if (slow) {
        // never faster than the rate: a late step shifts the ticks after it, it does not bunch them
        next = Math.max(next + 1000 / rate, performance.now());
        await pace(next);
      } else await yieldToMessages();
    }
    if (playing) {
      playing = false;
      state();
    }
  } finally {
    loopRunning = false;
  }
}

async function slowMotion(kind: 'critic-update' | 'generator-update'): Promise<void> {
  const s = session;
  if (!s || s.finished) return;
  s.recordEvery = 1;
  postResult(await (kind === 'critic-update' ? s.criticUpdate() : s.generatorUpdate()));
  post({ type: 'snapshot', snapshot: { ...(await s.snapshot()), phase: s.phase } as ShellSnapshot });
}

async function handle(msg: Command): Promise<void> {
  switch (msg.type) {
    case 'init':
    case 'reset':
      playing = false;
      await exclusive(() => { generation = msg.generation ?? 0; return start(msg.config, msg.runs ?? null); });
      break;
    case 'play':
      playing = true;
      limit = null; // the client sets one once the workers report playing
      if (session) session.recordEvery = recordEvery(); // after slow-motion updates, which record every step
      state();
      void loop();
      break;
    case 'step':
      await exclusive(() => advance(msg.generatorSteps));
      await exclusive(async () => { session?.recordCurrent(); postResult(await session!.report()); });
      state();
      break;
    case 'critic-update':
    case 'generator-update':
      await exclusive(() => slowMotion(msg.type).catch((e: Error) => recover(e)));
      state();
      break;
    case 'live':
      await exclusive(async () => {
        if (!session) return;
        const applied = await session.applyLive(msg.config, msg.step ?? 0, msg.ahead);
        post({ type: 'live-applied', config: applied.config, step: applied.step });
        postResult(await session.report());
      });
      state();
      break;
    case 'speed':
      rate = Math.max(0, msg.stepsPerSecond);
      if (session) session.recordEvery = recordEvery();
      break;
    case 'snapshot':
      await exclusive(() => snapshot(msg.mark === true));
      break;
    case 'pause':
    case 'limit':
      break; // answered at once, in onmessage
  }
}

async function snapshot(mark: boolean): Promise<void> {
  const s = session;
  if (!s) return;
  try {
    if (mark) {
      s.recordCurrent();
      postResult(await s.report());
    }
    post({ type: 'snapshot', snapshot: { ...(await whileContext(s.snapshot())), phase: s.phase } as ShellSnapshot });
  } catch (e) {
    // a lost context: the next chunk recovers, and the page asks again
    if (!webglContext()?.isContextLost()) post({ type: 'notice', message: `The views could not be updated: ${(e as Error).message}` });
  }
}

/** Serves the page's messages with sessions of `trainingCore`: the whole of a training worker. */
export function serveTraining<C extends ShellConfig, P extends ShellPoint, S extends ShellSnapshot, St extends { step: number }>(trainingCore: EngineCore<C, P, S, St>): void {
  core = trainingCore as unknown as Core;
  let queue: Promise<void> = Promise.resolve();
  ctx.onmessage = (e) => {
    const msg = e.data;
    // pause and limit are answered at once (the running piece of work finishes); the rest in order
    if (msg.type === 'limit') {
      limit = msg.step;
      wakeAtLimit?.();
      return;
    }
    if (msg.type === 'pause') {
      playing = false;
      wakePacer?.();
      wakeAtLimit?.();
      state();
      return;
    }
    queue = queue.then(() => handle(msg)).catch((err: Error) => post({ type: 'error', message: err.message }));
  };
}
