// npm run landscape -- [--config FILE_OR_URL] [--at MU,SIGMA] [--grid] [--ids js,kl,...]
//   [--window MUMIN,MUMAX,SIGMAMIN,SIGMAMAX[,N]] --out FILE
// Writes the divergence landscape of the target (value at a point, minima, optional grid) as JSON.
// JSON cannot hold Infinity: infinite divergences are written as the string "Infinity".

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ArgumentError, parseArgs, runCli } from './args';
import { LANDSCAPE_IDS, LANDSCAPE_NAMES, isLandscapeId, type LandscapeId } from '../math/catalog';
import { divergenceValue, findMinima, landscapeGrids, PAPER_WINDOW, type LandscapeWindow } from '../math/landscape';
import { mixtureIssues, PAPER_TARGET, type Mixture } from '../math/mixture';

const OPTIONS = {
  config: { takesValue: true },
  at: { takesValue: true },
  grid: { takesValue: false },
  ids: { takesValue: true },
  window: { takesValue: true },
  out: { takesValue: true },
} as const;

function jsonNumber(v: number): number | 'Infinity' {
  if (v === Infinity) return 'Infinity';
  return v;
}

function parseAt(text: string): { mu: number; sigma: number } {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || !parts.every(Number.isFinite) || !(parts[1] > 0)) {
    throw new ArgumentError(`--at expects MU,SIGMA with sigma > 0, got "${text}"`);
  }
  return { mu: parts[0], sigma: parts[1] };
}

function parseIds(text: string): LandscapeId[] {
  const ids = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const bad = ids.filter((id) => !isLandscapeId(id));
  if (ids.length === 0 || bad.length > 0) {
    throw new ArgumentError(`--ids expects a comma-separated list of ${LANDSCAPE_IDS.join(', ')}; got "${text}"`);
  }
  return [...new Set(ids)] as LandscapeId[];
}

function parseWindow(text: string): LandscapeWindow {
  const parts = text.split(',').map((s) => Number(s.trim()));
  const [muMin, muMax, sigmaMin, sigmaMax, n = PAPER_WINDOW.nMu] = parts;
  const ok = (parts.length === 4 || parts.length === 5) && parts.every(Number.isFinite)
    && muMin < muMax && sigmaMin > 0 && sigmaMin < sigmaMax && Number.isInteger(n) && n >= 3 && n <= 1001;
  if (!ok) throw new ArgumentError(`--window expects MUMIN,MUMAX,SIGMAMIN,SIGMAMAX[,N] with MUMIN < MUMAX, 0 < SIGMAMIN < SIGMAMAX, 3 <= N <= 1001; got "${text}"`);
  return { muMin, muMax, sigmaMin, sigmaMax, nMu: n, nSigma: n };
}

/** --config: a JSON file, or a playground URL / query string. Only config.target is used. */
async function loadTarget(source: string): Promise<Mixture> {
  const looksLikeQuery = source.includes('?') || source.startsWith('http') || (source.includes('=') && !source.endsWith('.json'));
  let config: { target: Mixture } | null;
  let issues: { field: string; message: string }[];
  if (looksLikeQuery) {
    const { configFromQuery } = await import('../config/url');
    const query = source.includes('?') ? source.slice(source.indexOf('?') + 1).split('#')[0] : source;
    ({ config, issues } = configFromQuery(query));
  } else {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (e) {
      throw new ArgumentError(`--config cannot read "${source}": ${(e as Error).message}`);
    }
    const { parseConfigJson } = await import('../config/schema');
    ({ config, issues } = parseConfigJson(text));
  }
  if (!config) throw new ArgumentError(`--config "${source}" is invalid: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  const target = config.target;
  const problems = mixtureIssues(target);
  if (problems.length > 0) throw new ArgumentError(`--config "${source}" has an invalid target: ${problems.join('; ')}`);
  return target;
}

export async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv, OPTIONS);
  const out = args.get('out');
  if (typeof out !== 'string' || out.length === 0) throw new ArgumentError('--out FILE is required');
  const at = typeof args.get('at') === 'string' ? parseAt(args.get('at') as string) : null;
  const ids = typeof args.get('ids') === 'string' ? parseIds(args.get('ids') as string) : [...LANDSCAPE_IDS];
  const window = typeof args.get('window') === 'string' ? parseWindow(args.get('window') as string) : { ...PAPER_WINDOW };
  const target = typeof args.get('config') === 'string' ? await loadTarget(args.get('config') as string) : PAPER_TARGET;
  const withGrid = args.get('grid') === true;

  const grids = withGrid ? landscapeGrids(ids, target, window) : null;
  const divergences: Record<string, unknown> = {};
  for (const id of ids) {
    const entry: Record<string, unknown> = { name: LANDSCAPE_NAMES[id] };
    if (at) entry.value = jsonNumber(divergenceValue(id, target, at.mu, at.sigma));
    entry.minima = findMinima(id, target, window).map((m) => ({ mu: m.mu, sigma: m.sigma, value: jsonNumber(m.value), global: m.global, onBoundary: m.onBoundary }));
    if (grids) {
      const g = grids[id];
      entry.grid = { mus: g.mus, sigmas: g.sigmas, values: Array.from(g.values, jsonNumber) };
    }
    divergences[id] = entry;
  }
  const result = { target, window, ...(at ? { at } : {}), divergences };
  writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runCli(() => main(process.argv.slice(2)));
}
