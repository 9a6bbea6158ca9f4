// What an experiment costs before it trains: the tensor memory it needs at its peak and the work
// of one generator step, from the configuration alone, with what makes it heavy and what to
// reduce. The command line refuses what the wasm heap cannot hold; the page can warn.
//
// The model follows the engine's layout (src/engine/trainer.ts): every learned critic keeps the
// activations of all its critic steps of one generator step alive until the step ends, so the
// peak grows with learned runs x critic steps x batch x hidden units; weights, optimizer slots
// and the optimal critics' densities are small beside it. ACTIVATION_FLOATS was fitted to
// tf.profile().peakBytes of real Trainers on wasm, which needs more than cpu (8 learned runs of a
// 256x256x256x256 critic: 503 MiB on wasm, 302 MiB on cpu); a unit test holds the estimate
// within a factor of 3 above the measured peak on cpu (1.6-2.6 measured).
import type { Config } from './schema';
import { expandRuns, type RunSpec } from './runs';

/** Floats kept per (critic step x sample x hidden unit) of a learned critic (wasm's measured 10-12.6, rounded up). */
const ACTIVATION_FLOATS = 13;
/** The gradient penalties differentiate the critic twice: measured 2.8x the activations. */
const PENALTY_FACTOR = 3;
const BASE_BYTES = 2 ** 20;

/**
 * The estimate an experiment may reach in one wasm heap. tfjs-backend-wasm grows its 32-bit heap
 * up to 3936 MiB (measured in Node: tensors allocated until the heap stopped growing; beyond it
 * malloc fails and the backend writes out of bounds), and the heap in use ran 1.41 times the
 * peak of live tensors (fragmentation), so the estimate must stay below 3936 / 1.5 MiB.
 */
export const WASM_MEMORY_LIMIT = Math.floor((3936 / 1.5) * 2 ** 20);

export interface CostFactor {
  /** What makes the experiment heavy, with its value: "the batch size (4096)". */
  what: string;
  /** What to change, as a URL would say it: "batch=256". */
  reduce: string;
  /** How many times smaller the memory estimate would be after that change. */
  saving: number;
}

export interface ExperimentCost {
  /** Tensor memory at the peak of a generator step, in bytes. */
  bytes: number;
  /** Multiply-adds of one generator step (critic steps included), all runs. */
  perStepWork: number;
  /** The factors worth reducing, the largest saving first (empty when nothing is heavy). */
  heaviest: CostFactor[];
}

interface Shape {
  learned: number;
  optimal: number;
  batch: number;
  criticSteps: number;
  hidden: readonly number[];
  penalised: number;
  components: number;
}

function criticWeights(hidden: readonly number[]): number {
  const sizes = [1, ...hidden, 1];
  let weights = 0;
  for (let i = 1; i < sizes.length; i++) weights += (sizes[i - 1] + 1) * sizes[i];
  return weights;
}

function bytesOf(s: Shape): number {
  const units = s.hidden.reduce((a, b) => a + b, 0);
  const perLearned = s.criticSteps * s.batch * units * ACTIVATION_FLOATS * 4;
  const activations = perLearned * (s.learned - s.penalised + s.penalised * PENALTY_FACTOR);
  // parameters, gradients of every critic step and two optimizer slots
  const parameters = (s.learned * criticWeights(s.hidden) + 2 * (s.learned + s.optimal)) * 4 * (s.criticSteps + 4);
  // an optimal critic evaluates the target's and the generator's densities for real and fake samples
  const densities = s.optimal * 2 * s.batch * (s.components + 2) * 8 * 4;
  return BASE_BYTES + activations + parameters + densities;
}

/**
 * Multiply-adds of one generator step: every learned critic sees K critic batches of 2B samples
 * (2B more penalty points per critic step with a penalty: double backprop) and the generator's B
 * samples; a forward and a backward pass cost about 3 forward passes. Optimal critics cost little.
 */
function workOf(s: Shape): number {
  const sizes = [1, ...s.hidden, 1];
  let perSample = 0;
  for (let i = 0; i + 1 < sizes.length; i++) perSample += sizes[i] * sizes[i + 1];
  const samples = s.learned * (s.criticSteps * 2 * s.batch + s.batch) + s.penalised * s.criticSteps * 2 * s.batch;
  return samples * perSample * 3;
}

function shapeOf(config: Config, runs: readonly RunSpec[]): Shape {
  const learned = runs.filter((r) => r.critic === 'learned');
  return {
    learned: learned.length,
    optimal: runs.length - learned.length,
    batch: config.batchSize,
    criticSteps: config.criticSteps,
    hidden: config.critic.hidden,
    penalised: learned.filter((r) => r.scheme.penalty !== 'none').length,
    components: config.target.length,
  };
}

function heaviestFactors(config: Config, s: Shape): CostFactor[] {
  const bytes = bytesOf(s);
  const factors: CostFactor[] = [];
  const consider = (what: string, reduce: string, lighter: Shape) => {
    const saving = bytes / bytesOf(lighter);
    if (saving >= 1.5) factors.push({ what, reduce, saving: +saving.toFixed(1) });
  };
  consider(`the batch size (${s.batch})`, 'batch=256', { ...s, batch: Math.min(s.batch, 256) });
  consider(`the critic (${s.hidden.join('x')})`, 'arch=20x20', { ...s, hidden: [20, 20] });
  if (config.seeds > 1) consider(`the seeds (${config.seeds})`, 'seeds=1', { ...s, learned: Math.ceil(s.learned / config.seeds), penalised: Math.ceil(s.penalised / config.seeds) });
  if (config.schemes.length > 1) consider(`the schemes (${config.schemes.length})`, 'fewer s=', { ...s, learned: Math.ceil(s.learned / config.schemes.length), penalised: Math.ceil(s.penalised / config.schemes.length) });
  consider(`the critic steps (${s.criticSteps})`, 'csteps=5', { ...s, criticSteps: Math.min(s.criticSteps, 5) });
  if (s.penalised > 0) consider(`the gradient penalties (${s.penalised} run${s.penalised === 1 ? '' : 's'})`, 'pen=none', { ...s, penalised: 0 });
  return factors.sort((a, b) => b.saving - a.saving);
}

/** The cost of training the given runs of `config` as one batch (one thread or worker). */
export function estimateRunsCost(config: Config, runs: readonly RunSpec[]): ExperimentCost {
  const shape = shapeOf(config, runs);
  return { bytes: bytesOf(shape), perStepWork: workOf(shape), heaviest: heaviestFactors(config, shape) };
}

/** The cost of training every run of `config` as one batch. */
export function estimateCost(config: Config): ExperimentCost {
  return estimateRunsCost(config, expandRuns(config).runs);
}

/** "2.1 GiB", "340 MiB": a byte count for a message. */
export function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.max(1, Math.round(bytes / 2 ** 20))} MiB`;
}

/** "reduce the critic (256x256x256x256: arch=20x20) or the seeds (8: seeds=1)": what to change. */
export function reduceAdvice(cost: ExperimentCost): string {
  if (cost.heaviest.length === 0) return 'reduce the batch size, the critic or the number of runs';
  return `reduce ${cost.heaviest.slice(0, 3).map((f) => `${f.what}: ${f.reduce}`).join(', or ')}`;
}
