// How heavy an experiment is: the time a generator step is expected to take before anything is
// measured, what makes it heavy, and running out of memory. The backends say that in their own
// words (tfjs-backend-wasm traps with "memory access out of bounds" when its 32-bit heap is
// exhausted; WebGL cannot allocate a texture); this turns them into one line that says what
// happened and what to reduce.
import type { Config } from '../config/schema';
import { expandRuns } from '../config/runs';
import { WASM_MEMORY_LIMIT, estimateCost, formatBytes, reduceAdvice } from '../config/cost';

const SIGNS = [/memory access out of bounds/i, /out of memory/i, /array buffer allocation failed/i, /could not allocate/i, /WebAssembly\.Memory/i, /failed to allocate/i];

/** True when an error is a backend running out of memory. */
export function isOutOfMemory(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return SIGNS.some((re) => re.test(text));
}

/** The one-line message for an out-of-memory error, or null when the error is something else. */
export function outOfMemoryMessage(error: unknown, reduce: string | null, step: number): string | null {
  if (!isOutOfMemory(error)) return null;
  const detail = error instanceof Error ? error.message : String(error);
  const advice = reduce ?? 'reduce the batch size, the critic or the number of runs';
  return `Training ran out of memory at generator step ${step} ("${detail.slice(0, 60)}"): ${advice}. The settings and the trajectories so far are kept.`;
}

/**
 * Multiply-adds per millisecond of one worker, and the cost of a run's kernels per step, as
 * measured on the CI kind of machine (wasm: Figure 5 at 16 ms a step; a 256x256x256x256 critic
 * at 3 steps a second). WebGL depends on the GPU: the same figure stands until a step is timed.
 */
const MULTIPLY_ADDS_PER_MS = { wasm: 2e6, webgl: 2e6, cpu: 2e5 } as const;
const MS_PER_RUN = 0.08;
const MS_PER_STEP = 0.5;

/** The expected time of one generator step, before any is measured. */
export function estimateStepMs(config: Config, backend: 'wasm' | 'webgl' | 'cpu', workers: number): number {
  const runs = expandRuns(config).runs.length;
  const share = Math.max(1, workers);
  return MS_PER_STEP + (MS_PER_RUN * runs) / share + estimateCost(config).perStepWork / (MULTIPLY_ADDS_PER_MS[backend] * share);
}

/** Above this, the page says before training how long it will take and what makes it heavy. */
export const HEAVY_MS = 10 * 60 * 1000;

/** One line when the steps left are expected to take more than HEAVY_MS, naming what to reduce. */
export function heavyWarning(config: Config, msPerStep: number, stepsLeft: number): string | null {
  const total = msPerStep * stepsLeft;
  if (total <= HEAVY_MS) return null;
  return `This configuration is heavy: about ${formatDuration(total)} for ${stepsLeft} generator steps (${formatDuration(msPerStep)} a step); for a quicker run, ${reduceAdvice(estimateCost(config))}.`;
}

/** One line when a worker's share of the experiment may not fit in the wasm heap. */
export function memoryWarning(config: Config, backend: 'wasm' | 'webgl' | 'cpu', workers: number): string | null {
  if (backend !== 'wasm') return null;
  const bytes = estimateCost(config).bytes / Math.max(1, workers);
  if (bytes <= WASM_MEMORY_LIMIT) return null;
  return `This configuration needs about ${formatBytes(bytes)} per worker, more than the wasm backend can hold (${formatBytes(WASM_MEMORY_LIMIT)}): it will run out of memory; ${reduceAdvice(estimateCost(config))}.`;
}

/** "850 ms", "12 s", "7 min", "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${ms < 10 ? +ms.toPrecision(2) : Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 90) return `${Math.round(s)} s`;
  const min = s / 60;
  if (min < 90) return `${Math.round(min)} min`;
  const h = Math.floor(min / 60);
  return `${h} h ${Math.round(min - 60 * h)} min`;
}
