// npm run landscape -- [--config FILE_OR_URL] [--at MU,SIGMA] [--grid] [--ids js,kl,...]
//   [--window MUMIN,MUMAX,SIGMAMIN,SIGMAMAX[,N]] --out FILE
// Writes the divergence landscape of the target (value at a point, minima, optional grid) as JSON.
// JSON cannot hold Infinity: infinite divergences are written as the string "Infinity".

import { pathToFileURL } from 'node:url';
import { ArgumentError, parseArgs, runCommand, stringOption } from './args';
import { loadConfig } from './configSource';
import { checkOutputPath, writeFileAtomic } from './output';
import { LANDSCAPE_IDS, LANDSCAPE_NAMES, isLandscapeId, type LandscapeId } from '../math/catalog';
import { checkPoint, divergenceValue, findMinima, landscapeGrids, PAPER_WINDOW, type LandscapeWindow } from '../math/landscape';
import { mixtureIssues, PAPER_TARGET, type Mixture } from '../math/mixture';
import { shortText } from '../config/schema';

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
    throw new ArgumentError(`--at expects MU,SIGMA with sigma > 0, got "${shortText(text)}"`);
  }
  const outside = checkPoint(parts[0], parts[1]);
  if (outside !== null) throw new ArgumentError(`--at: ${outside}`);
  return { mu: parts[0], sigma: parts[1] };
}

function parseIds(text: string): LandscapeId[] {
  const ids = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const bad = ids.filter((id) => !isLandscapeId(id));
  if (ids.length === 0 || bad.length > 0) {
    throw new ArgumentError(`--ids expects a comma-separated list of ${LANDSCAPE_IDS.join(', ')}; got "${shortText(text)}"`);
  }
  return [...new Set(ids)] as LandscapeId[];
}

function parseWindow(text: string): LandscapeWindow {
  const parts = text.split(',').map((s) => Number(s.trim()));
  const [muMin, muMax, sigmaMin, sigmaMax, n = PAPER_WINDOW.nMu] = parts;
  const ok = (parts.length === 4 || parts.length === 5) && parts.every(Number.isFinite)
    && muMin < muMax && sigmaMin > 0 && sigmaMin < sigmaMax && Number.isInteger(n) && n >= 3 && n <= 1001;
  if (!ok) throw new ArgumentError(`--window expects MUMIN,MUMAX,SIGMAMIN,SIGMAMAX[,N] with MUMIN < MUMAX, 0 < SIGMAMIN < SIGMAMAX, 3 <= N <= 1001; got "${shortText(text)}"`);
  return { muMin, muMax, sigmaMin, sigmaMax, nMu: n, nSigma: n };
}

/** --config: a JSON file, a results file or a playground URL / query string; only its target is used. */
function loadTarget(source: string): { target: Mixture; notes: string[]; file: string | null } {
  const { config, notes, file } = loadConfig(source);
  const problems = mixtureIssues(config.target);
  if (problems.length > 0) throw new ArgumentError(`--config: the target is invalid: ${problems.join('; ')}`);
  return { target: config.target, notes, file };
}

async function landscape(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, OPTIONS);
  const out = stringOption(args, 'out');
  if (out === undefined) throw new ArgumentError('--out FILE is required');
  const atText = stringOption(args, 'at');
  const idsText = stringOption(args, 'ids');
  const windowText = stringOption(args, 'window');
  const configText = stringOption(args, 'config');
  const at = atText !== undefined ? parseAt(atText) : null;
  const ids = idsText !== undefined ? parseIds(idsText) : [...LANDSCAPE_IDS];
  const window = windowText !== undefined ? parseWindow(windowText) : { ...PAPER_WINDOW };
  const source = configText !== undefined ? loadTarget(configText) : { target: PAPER_TARGET, notes: [], file: null };
  for (const note of source.notes) process.stderr.write(`note: ${note}\n`);
  checkOutputPath(out, [source.file]);
  const target = source.target;
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
  writeFileAtomic(out, `${JSON.stringify(result, null, 1)}\n`);
  return 0;
}

/** Runs the command; returns its exit code (0, 1: a read or write error, 2: refused). */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(() => landscape(argv));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
