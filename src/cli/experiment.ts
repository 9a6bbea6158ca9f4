// Headless experiment: npm run experiment -- --config FILE_OR_URL | --preset figure5 [--out result.json]
//   [--steps N] [--critic learned|optimal|both] [--seeds N] [--backend wasm|cpu] [--workers auto|N] [--quiet]
// Trains with the same engine as the page (tfjs wasm or cpu backend in Node) and writes JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { configSchema, parseConfigJson, CRITIC_KINDS, MAX_WORKERS, type Config, type LandscapeId } from '../config/schema';
import type { MixtureComponent } from '../config/schema';
import { runExperiment, type ExperimentResult } from '../engine/headless';

export class UsageError extends Error {}

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

function intArg(name: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name}: expects a value`);
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name}: expected an integer from ${min} to ${max}, got '${value}'`);
  return n;
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { backend: 'wasm', quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') && arg.startsWith('--') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag}: expects a value`);
      return v;
    };
    switch (flag) {
      case '--config': opts.config = value(); break;
      case '--preset': opts.preset = value(); break;
      case '--out': opts.out = value(); break;
      case '--steps': opts.steps = intArg('--steps', value(), 1, 200_000); break;
      case '--seeds': opts.seeds = intArg('--seeds', value(), 1, 8); break;
      case '--critic': {
        const v = value();
        if (!(CRITIC_KINDS as readonly string[]).includes(v)) throw new UsageError(`--critic: expected learned, optimal or both, got '${v}'`);
        opts.critic = v as Config['critics'];
        break;
      }
      case '--backend': {
        const v = value();
        if (v !== 'wasm' && v !== 'cpu') throw new UsageError(`--backend: expected wasm or cpu (WebGL needs a browser), got '${v}'`);
        opts.backend = v;
        break;
      }
      case '--workers': {
        const v = value();
        opts.workers = v === 'auto' ? 'auto' : intArg('--workers', v, 1, MAX_WORKERS);
        break;
      }
      case '--quiet': opts.quiet = true; break;
      case '--help': case '-h': throw new UsageError(USAGE);
      default: throw new UsageError(`${arg}: unknown argument (${USAGE})`);
    }
  }
  if (!opts.config && !opts.preset) throw new UsageError(`--config or --preset: one is required (${USAGE})`);
  if (opts.config && opts.preset) throw new UsageError('--config and --preset: give only one');
  return opts;
}

function looksLikeQuery(s: string): boolean {
  return /^https?:\/\//.test(s) || s.startsWith('?') || (s.includes('=') && !s.endsWith('.json'));
}

/** Reads the configuration the options name and applies the overrides. */
export async function loadConfig(opts: CliOptions): Promise<{ config: Config; notices: string[] }> {
  let config: Config;
  const notices: string[] = [];
  if (opts.preset) {
    const { getPreset, PRESETS } = await import('../config/presets');
    const preset = getPreset(opts.preset);
    if (!preset) throw new UsageError(`--preset: no preset '${opts.preset}' (known: ${PRESETS.map((p) => p.id).join(', ')})`);
    config = structuredClone(preset.config);
  } else if (looksLikeQuery(opts.config!)) {
    const { configFromQuery } = await import('../config/url');
    const res = configFromQuery(opts.config!);
    if (res.issues.length) {
      const first = res.issues[0];
      throw new UsageError(`--config: ${first.field}: ${first.message}`);
    }
    config = res.config;
  } else {
    let text: string;
    try {
      text = readFileSync(opts.config!, 'utf8');
    } catch (e) {
      throw new UsageError(`--config: cannot read '${opts.config}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const res = parseConfigJson(text);
    if (!res.config) {
      const first = res.issues[0];
      throw new UsageError(`--config: ${first.field}: ${first.message}`);
    }
    notices.push(...res.issues.map((i) => `${i.field}: ${i.message}`));
    config = res.config;
  }
  const overridden = {
    ...config,
    ...(opts.steps !== undefined ? { steps: opts.steps } : {}),
    ...(opts.critic !== undefined ? { critics: opts.critic } : {}),
    ...(opts.seeds !== undefined ? { seeds: opts.seeds } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
  };
  const parsed = configSchema.safeParse(overridden);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new UsageError(`--config: ${i.path.join('.') || '(config)'}: ${i.message}`);
  }
  return { config: parsed.data, notices };
}

export interface MinimumInfo {
  mu: number;
  sigma: number;
  distance: number;
}

type Landscape = {
  divergenceValue: (id: LandscapeId, target: readonly MixtureComponent[], mu: number, sigma: number) => number;
  findMinima?: (id: LandscapeId, target: readonly MixtureComponent[], window: Record<string, number>) => Array<{ mu: number; sigma: number }>;
  PAPER_WINDOW?: Record<string, number>;
};

async function loadLandscape(): Promise<Landscape | null> {
  try {
    return (await import('../math/landscape')) as unknown as Landscape;
  } catch {
    return null;
  }
}

/** Local minimisation of D(mu, sigma) from a start point (pattern search): the nearest local minimum. */
export function localMinimum(value: (mu: number, sigma: number) => number, mu: number, sigma: number): { mu: number; sigma: number } {
  let best = value(mu, sigma);
  let step = 0.1;
  let m = mu;
  let s = Math.max(sigma, 0.02);
  if (!Number.isFinite(best)) best = Infinity;
  while (step > 1e-5) {
    let moved = false;
    for (const [dm, ds] of [[step, 0], [-step, 0], [0, step], [0, -step]]) {
      const nm = m + dm;
      const ns = s + ds;
      if (ns <= 0.01) continue;
      const v = value(nm, ns);
      if (v < best) { best = v; m = nm; s = ns; moved = true; break; }
    }
    if (!moved) step /= 2;
  }
  return { mu: m, sigma: s };
}

/** The minimum of each run's minimised divergence nearest to where it ended. */
export async function nearestMinima(result: ExperimentResult): Promise<(MinimumInfo | null)[]> {
  const landscape = await loadLandscape();
  if (!landscape) return result.runs.map(() => null);
  const cache = new Map<string, Array<{ mu: number; sigma: number }>>();
  return result.runs.map((run) => {
    const id = run.minimises;
    if (!id || !Number.isFinite(run.final.mu) || !(run.final.sigma > 0)) return null;
    const value = (mu: number, sigma: number) => landscape.divergenceValue(id, result.config.target, mu, sigma);
    let candidates: Array<{ mu: number; sigma: number }>;
    if (landscape.findMinima && landscape.PAPER_WINDOW) {
      // the paper's window on a coarser grid; findMinima refines each candidate
      if (!cache.has(id)) cache.set(id, landscape.findMinima(id, result.config.target, { ...landscape.PAPER_WINDOW, nMu: 61, nSigma: 61 }));
      candidates = cache.get(id)!;
    } else {
      candidates = [localMinimum(value, run.final.mu, run.final.sigma)];
    }
    let best: MinimumInfo | null = null;
    for (const c of candidates) {
      const distance = Math.hypot(run.final.mu - c.mu, run.final.sigma - c.sigma);
      if (!best || distance < best.distance) best = { mu: c.mu, sigma: c.sigma, distance };
    }
    return best;
  });
}

export function formatTable(result: ExperimentResult, minima: (MinimumInfo | null)[]): string {
  const rows = [['scheme', 'minimises', 'critic', 'seed', 'mu', 'sigma', 'min mu', 'min sigma', 'distance', 'status']];
  result.runs.forEach((run, i) => {
    const m = minima[i];
    rows.push([
      run.scheme.label, run.minimises ?? '-', run.critic, String(run.seed),
      run.final.mu.toFixed(3), run.final.sigma.toFixed(3),
      m ? m.mu.toFixed(3) : '-', m ? m.sigma.toFixed(3) : '-', m ? m.distance.toFixed(3) : '-',
      run.stopped ? 'stopped' : 'ok',
    ]);
  });
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n');
}

function progressBar(step: number, total: number, startMs: number): string {
  const width = 30;
  const filled = Math.round((step / total) * width);
  const elapsed = (performance.now() - startMs) / 1000;
  const eta = step > 0 ? (elapsed / step) * (total - step) : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${step}/${total} steps, ${elapsed.toFixed(1)} s elapsed, ~${eta.toFixed(0)} s left `;
}

export async function main(argv: string[]): Promise<number> {
  let opts: CliOptions;
  let config: Config;
  try {
    opts = parseArgs(argv);
    const loaded = await loadConfig(opts);
    config = loaded.config;
    for (const n of loaded.notices) process.stderr.write(`note: ${n}\n`);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const start = performance.now();
  let result: ExperimentResult;
  try {
    result = await runExperiment(config, {
      backend: opts.backend,
      onProgress: opts.quiet ? undefined : (step, total) => process.stderr.write(progressBar(step, total, start)),
    });
  } catch (e) {
    process.stderr.write(`\nerror: ${(e as Error).message}\n`);
    return 2;
  }
  if (!opts.quiet) process.stderr.write('\n');
  for (const s of result.skipped) process.stderr.write(`note: ${s}\n`);
  const json = {
    config: result.config,
    backend: result.backend,
    workers: result.workers,
    seconds: +result.seconds.toFixed(2),
    runs: result.runs,
  };
  if (opts.out) writeFileSync(opts.out, JSON.stringify(json));
  const minima = await nearestMinima(result);
  process.stdout.write(`${formatTable(result, minima)}\n`);
  const threads = result.workers > 1 ? ` on ${result.workers} threads` : '';
  process.stdout.write(`backend ${result.backend}, ${result.runs.length} runs, ${config.steps} generator steps in ${result.seconds.toFixed(1)} s${threads}${opts.out ? `; wrote ${opts.out}` : ''}\n`);
  for (const run of result.runs) if (run.stopped) process.stdout.write(`stopped: ${run.stopped}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    process.stderr.write(`error: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
