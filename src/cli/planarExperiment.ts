// The experiment command for the two-dimensional problems: a 2-D preset, or a JSON file whose
// "dimension" is 2 (a configuration, or a results file of this command).
import { readFileSync } from 'node:fs';
import { planarConfigSchema, type PlanarConfig } from '../config/planar';
import { getPlanarPreset } from '../config/planarPresets';
import { shortText } from '../config/schema';
import { runPlanarExperiment, type PlanarExperimentResult } from '../engine/planar/headless';
import { ArgumentError } from './args';
import { looksLikeQuery } from './configSource';
import { progressBar } from './experimentReport';
import { writeFileAtomic } from './output';

export interface PlanarOverrides {
  steps?: number;
  critic?: PlanarConfig['critics'];
  seeds?: number;
  workers?: PlanarConfig['workers'];
}

/** The JSON of a file when it holds a 2-D configuration (or a results file of one), else null. */
function planarJson(source: string): unknown | null {
  if (looksLikeQuery(source)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(source, 'utf8'));
  } catch {
    return null; // not readable as JSON here: the 1-D loader says why
  }
  const record = data as { dimension?: unknown; config?: { dimension?: unknown } } | null;
  if (record?.dimension === 2) return record;
  if (record?.config?.dimension === 2) return record.config;
  return null;
}

/** The 2-D configuration a preset name or a file gives, with the overrides; null for a 1-D one. */
export function planarConfigFor(preset: string | undefined, config: string | undefined, overrides: PlanarOverrides): PlanarConfig | null {
  const base = preset !== undefined ? getPlanarPreset(preset)?.config ?? null : config !== undefined ? planarJson(config) : null;
  if (base === null) return null;
  const parsed = planarConfigSchema.safeParse({
    ...(base as object),
    ...(overrides.steps !== undefined ? { steps: overrides.steps } : {}),
    ...(overrides.critic !== undefined ? { critics: overrides.critic } : {}),
    ...(overrides.seeds !== undefined ? { seeds: overrides.seeds } : {}),
    ...(overrides.workers !== undefined ? { workers: overrides.workers } : {}),
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ArgumentError(`--config: ${i.path.join('.') || '(config)'}: ${shortText(i.message, 120)}`);
  }
  return parsed.data;
}

const fmt = (x: number) => (Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(3) : x.toExponential(2));

/** One line per run: the final parameters, the Fréchet distance from start to end, the gradient norms. */
export function formatPlanarTable(result: PlanarExperimentResult): string {
  const lines = ['run'.padEnd(44) + 'final'.padEnd(52) + 'Fréchet² start -> end'.padEnd(26) + '|grad| start -> end'];
  for (const run of result.runs) {
    const first = run.trajectory[0];
    const last = run.trajectory.at(-1)!;
    const final = JSON.stringify(run.final, (_, v) => (typeof v === 'number' ? +v.toFixed(3) : v));
    const label = `${run.scheme.label} · ${run.critic} · ${run.seed}`;
    lines.push(label.padEnd(44) + final.padEnd(52) + `${fmt(first[6])} -> ${fmt(last[6])}`.padEnd(26) + `${run.gradientNorm.start.toExponential(2)} -> ${run.gradientNorm.end.toExponential(2)}${run.stopped ? '  STOPPED' : ''}`);
  }
  return lines.join('\n');
}

/** Trains a 2-D experiment, writes the results and prints the table; returns the exit code. */
export async function planarExperiment(config: PlanarConfig, opts: { backend: 'wasm' | 'cpu'; out?: string; quiet: boolean }): Promise<number> {
  const interruption = new AbortController();
  const onInterrupt = () => {
    if (interruption.signal.aborted) process.exit(130);
    process.stderr.write('\ninterrupted: saving the runs trained so far (Ctrl-C again quits without saving)\n');
    interruption.abort();
  };
  process.on('SIGINT', onInterrupt);
  const start = performance.now();
  let result: PlanarExperimentResult;
  try {
    result = await runPlanarExperiment(config, {
      backend: opts.backend, signal: interruption.signal,
      onProgress: opts.quiet ? undefined : (step, total) => process.stderr.write(progressBar(step, total, start)),
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    if (!opts.quiet) process.stderr.write('\n');
  }
  for (const s of result.skipped) process.stderr.write(`note: ${s}\n`);
  const json = { config: result.config, backend: result.backend, seconds: +result.seconds.toFixed(2), workers: result.workers, interrupted: result.interrupted, runs: result.runs };
  if (opts.out !== undefined) writeFileAtomic(opts.out, JSON.stringify(json));
  process.stdout.write(`${formatPlanarTable(result)}\n`);
  const threads = result.workers > 1 ? ` on ${result.workers} threads` : '';
  process.stdout.write(`backend ${result.backend}, ${result.runs.length} runs, ${result.runs[0]?.trajectory.at(-1)?.[0] ?? 0} generator steps in ${result.seconds.toFixed(1)} s${threads}${opts.out ? `; wrote ${opts.out}` : ''}\n`);
  for (const run of result.runs) if (run.stopped) process.stdout.write(`stopped: ${run.stopped}\n`);
  return result.interrupted ? 130 : 0;
}
