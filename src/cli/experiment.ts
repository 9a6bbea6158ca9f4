// Headless experiment: npm run experiment -- --config FILE_OR_URL | --preset figure5 [--out result.json]
//   [--steps N] [--critic learned|optimal|both] [--seeds N] [--backend wasm|cpu] [--workers auto|N] [--quiet]
// Trains with the same engine as the page (tfjs wasm or cpu backend in Node) and writes JSON.
// Everything that can be refused is refused before training: arguments, the configuration, the
// output path and a memory need beyond the wasm heap. Ctrl-C saves the runs so far (exit 130).
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { CRITIC_KINDS, MAX_WORKERS, configSchema, shortText, type Config } from '../config/schema';
import { getPreset, PRESETS } from '../config/presets';
import { PLANAR_PRESETS } from '../config/planarPresets';
import { expandRuns } from '../config/runs';
import { estimateRunsCost, formatBytes, reduceAdvice, WASM_MEMORY_LIMIT, estimateCost } from '../config/cost';
import { runExperiment, type ExperimentResult } from '../engine/headless';
import { isOutOfMemory } from '../engine/workload';
import { planShards } from '../engine/shards';
import { ArgumentError, choiceOption, integerOption, parseArgs as parseArgv, runCommand, stringOption } from './args';
import { loadConfig } from './configSource';
import { formatTable, nearestMinima, progressBar } from './experimentReport';
import { checkOutputPath, writeFileAtomic } from './output';
import { planarConfigFor, planarExperiment } from './planarExperiment';

export { ArgumentError as UsageError } from './args';
export { localMinimum } from './experimentReport';

export interface CliOptions {
  config?: string;
  preset?: string;
  out?: string;
  steps?: number;
  critic?: Config['critics'];
  seeds?: number;
  workers?: Config['workers'];
  backend: 'wasm' | 'cpu';
  quiet: boolean;
}

const USAGE = 'usage: npm run experiment -- (--config FILE_OR_URL | --preset NAME) [--out FILE] [--steps N] [--critic learned|optimal|both] [--seeds N] [--backend wasm|cpu] [--workers auto|N] [--quiet]';

const OPTIONS = {
  config: { takesValue: true }, preset: { takesValue: true }, out: { takesValue: true },
  steps: { takesValue: true }, critic: { takesValue: true }, seeds: { takesValue: true },
  backend: { takesValue: true }, workers: { takesValue: true }, quiet: { takesValue: false }, help: { takesValue: false },
} as const;

/** The command's options; throws ArgumentError (exit 2) naming the argument. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const args = parseArgv(argv, OPTIONS);
  if (args.has('help')) throw new ArgumentError(USAGE);
  const text = (name: string) => stringOption(args, name);
  const steps = text('steps');
  const seeds = text('seeds');
  const critic = text('critic');
  const workers = text('workers');
  const opts: CliOptions = {
    config: text('config'),
    preset: text('preset'),
    out: text('out'),
    steps: steps === undefined ? undefined : integerOption('steps', steps, 1, 200_000),
    seeds: seeds === undefined ? undefined : integerOption('seeds', seeds, 1, 8),
    critic: critic === undefined ? undefined : choiceOption('critic', critic, CRITIC_KINDS),
    workers: workers === undefined || workers === 'auto' ? (workers as 'auto' | undefined) : integerOption('workers', workers, 1, MAX_WORKERS),
    backend: choiceOption('backend', text('backend') ?? 'wasm', ['wasm', 'cpu'] as const, ' (WebGL needs a browser)'),
    quiet: args.has('quiet'),
  };
  if (opts.config === undefined && opts.preset === undefined) throw new ArgumentError(`--config or --preset: one is required (${USAGE})`);
  if (opts.config !== undefined && opts.preset !== undefined) throw new ArgumentError('--config and --preset: give only one');
  return opts;
}

/** The configuration the options name, with the overrides applied; notes are adjustments made. */
export function experimentConfig(opts: CliOptions): { config: Config; notes: string[]; file: string | null } {
  let loaded: { config: Config; notes: string[]; file: string | null };
  if (opts.preset !== undefined) {
    const preset = getPreset(opts.preset);
    if (!preset) throw new ArgumentError(`--preset: no preset "${shortText(opts.preset)}" (known: ${[...PRESETS, ...PLANAR_PRESETS].map((p) => p.id).join(', ')})`);
    loaded = { config: structuredClone(preset.config), notes: [], file: null };
  } else {
    loaded = loadConfig(opts.config!);
  }
  const overridden = {
    ...loaded.config,
    ...(opts.steps !== undefined ? { steps: opts.steps } : {}),
    ...(opts.critic !== undefined ? { critics: opts.critic } : {}),
    ...(opts.seeds !== undefined ? { seeds: opts.seeds } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
  };
  const parsed = configSchema.safeParse(overridden);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ArgumentError(`--config: ${i.path.join('.') || '(config)'}: ${i.message}`);
  }
  return { ...loaded, config: parsed.data };
}

/** Refuses a configuration whose memory estimate per training thread exceeds the wasm heap. */
export function checkMemory(config: Config, backend: 'wasm' | 'cpu', cores = availableParallelism()): void {
  if (backend !== 'wasm') return;
  const runs = expandRuns(config).runs;
  const shards = planShards(runs, backend, cores, config.workers);
  const heaviest = shards.map((indices) => estimateRunsCost(config, indices.map((i) => runs[i])))
    .reduce((a, b) => (b.bytes > a.bytes ? b : a));
  if (heaviest.bytes <= WASM_MEMORY_LIMIT) return;
  const perThread = shards.length > 1 ? ` per training thread (${shards.length} threads)` : '';
  throw new ArgumentError(`the experiment needs about ${formatBytes(heaviest.bytes)} of memory${perThread}, more than the wasm backend can hold (${formatBytes(WASM_MEMORY_LIMIT)}): ${reduceAdvice(heaviest)}`);
}

/** The engine's error as one line; running out of memory says so and what to reduce. */
export function trainingError(e: unknown, config: Config): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (isOutOfMemory(e) || /^Aborted\(/.test(message)) {
    return new Error(`training ran out of memory ("${shortText(message, 40)}"): ${reduceAdvice(estimateCost(config))}`);
  }
  return e instanceof Error ? e : new Error(message);
}

/** Trains; the first Ctrl-C stops at the end of the current chunk and keeps the runs so far. */
async function train(config: Config, opts: CliOptions): Promise<ExperimentResult> {
  const interruption = new AbortController();
  let interruptedAt = 0;
  const onInterrupt = () => {
    // one Ctrl-C can arrive twice (from the terminal and relayed by npm or tsx): a second one
    // counts only a second later
    if (interruption.signal.aborted) {
      if (performance.now() - interruptedAt > 1000) process.exit(130);
      return;
    }
    interruptedAt = performance.now();
    process.stderr.write('\ninterrupted: saving the runs trained so far (Ctrl-C again quits without saving)\n');
    interruption.abort();
  };
  process.on('SIGINT', onInterrupt);
  const start = performance.now();
  try {
    return await runExperiment(config, {
      backend: opts.backend,
      signal: interruption.signal,
      onProgress: opts.quiet ? undefined : (step, total) => process.stderr.write(progressBar(step, total, start)),
    });
  } catch (e) {
    throw trainingError(e, config);
  } finally {
    process.off('SIGINT', onInterrupt);
    if (!opts.quiet) process.stderr.write('\n');
  }
}

async function experiment(argv: readonly string[]): Promise<number> {
  const opts = parseArgs(argv);
  const planar = planarConfigFor(opts.preset, opts.config, opts);
  if (planar) {
    if (opts.out !== undefined) checkOutputPath(opts.out, [opts.config ?? null]);
    return planarExperiment(planar, opts);
  }
  const { config, notes, file } = experimentConfig(opts);
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (opts.out !== undefined) checkOutputPath(opts.out, [file]);
  checkMemory(config, opts.backend);
  const result = await train(config, opts);
  for (const s of result.skipped) process.stderr.write(`note: ${s}\n`);
  const json = {
    config: result.config,
    backend: result.backend,
    workers: result.workers,
    seconds: +result.seconds.toFixed(2),
    interrupted: result.interrupted,
    runs: result.runs,
  };
  if (opts.out !== undefined) writeFileAtomic(opts.out, JSON.stringify(json));
  process.stdout.write(`${formatTable(result, nearestMinima(result))}\n`);
  const threads = result.workers > 1 ? ` on ${result.workers} threads` : '';
  const trained = result.interrupted ? `interrupted after ${Math.max(0, ...result.runs.map((r) => r.trajectory.at(-1)?.[0] ?? 0))} of ${config.steps}` : String(config.steps);
  process.stdout.write(`backend ${result.backend}, ${result.runs.length} runs, ${trained} generator steps in ${result.seconds.toFixed(1)} s${threads}${opts.out ? `; wrote ${opts.out}` : ''}\n`);
  for (const run of result.runs) if (run.stopped) process.stdout.write(`stopped: ${run.stopped}\n`);
  return result.interrupted ? 130 : 0;
}

/** Runs the command; returns its exit code (0, 1: a read, write or training error, 2: refused, 130: interrupted). */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(() => experiment(argv));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
