// Landscape benchmarks: five divergences on a 121×121 grid of the paper target, separately and
// sharing one pass (landscapeGrids), W1, findMinima in the paper window, the minima over the
// whole half-plane (findGlobalMinima, uncached: a fresh target object each time) and point values
// for a target of eight narrow components. Median of several repeats. The panel rule (explicit
// GRID_QUADRATURE, the pre-lattice default) is timed in the same run as a baseline.
// Standalone: npx tsx bench/landscape.ts

import { pathToFileURL } from 'node:url';
import {
  divergenceValue, findGlobalMinima, findMinima, GRID_QUADRATURE, landscapeGrid, landscapeGrids, WIDE_WINDOW, PAPER_WINDOW,
} from '../src/math/landscape';
import { PAPER_TARGET } from '../src/math/mixture';
import type { LandscapeId } from '../src/math/catalog';

export interface LandscapeBenchResult {
  name: string;
  ms: number;
  repeats: number;
  detail?: string;
}

const FIVE: LandscapeId[] = ['js', 'srkl', 'rkl', 'igog', 'kl'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(repeats: number, run: () => void): number {
  run(); // warm-up (JIT)
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function benchLandscape(repeats = 5): Promise<LandscapeBenchResult[]> {
  const results: LandscapeBenchResult[] = [];
  const window = { ...WIDE_WINDOW, nMu: 121, nSigma: 121 };
  results.push({
    name: 'landscape: 5 divergences 121×121 (one shared pass)',
    ms: time(repeats, () => { landscapeGrids(FIVE, PAPER_TARGET, window); }),
    repeats,
    detail: FIVE.join(','),
  });
  results.push({
    name: 'landscape: 5 divergences 121×121 (baseline: panel rule, shared pass)',
    ms: time(Math.min(3, repeats), () => { landscapeGrids(FIVE, PAPER_TARGET, window, GRID_QUADRATURE); }),
    repeats: Math.min(3, repeats),
  });
  results.push({
    name: 'landscape: 5 divergences 121×121 (one call each)',
    ms: time(repeats, () => { for (const id of FIVE) landscapeGrid(id, PAPER_TARGET, window); }),
    repeats,
  });
  results.push({
    name: 'landscape: w1 121×121',
    ms: time(Math.min(3, repeats), () => { landscapeGrid('w1', PAPER_TARGET, window); }),
    repeats: Math.min(3, repeats),
  });
  results.push({
    name: 'landscape: w1 121×121 (baseline: panel rule)',
    ms: time(1, () => { landscapeGrid('w1', PAPER_TARGET, window, GRID_QUADRATURE); }),
    repeats: 1,
  });
  const minimaWindow = { ...PAPER_WINDOW, nMu: 61, nSigma: 61 };
  results.push({
    name: 'findMinima: 5 divergences, paper window 61×61',
    ms: time(Math.min(3, repeats), () => { for (const id of FIVE) findMinima(id, PAPER_TARGET, minimaWindow); }),
    repeats: Math.min(3, repeats),
  });
  results.push({
    name: 'findGlobalMinima: 5 divergences, paper target, whole half-plane',
    ms: time(Math.min(3, repeats), () => { const target = PAPER_TARGET.map((c) => ({ ...c })); for (const id of FIVE) findGlobalMinima(id, target); }),
    repeats: Math.min(3, repeats),
  });
  const narrow = Array.from({ length: 8 }, (_, k) => ({ weight: 1 / 8, mean: -10 + (20 * k) / 7, std: 0.01 }));
  results.push({
    name: 'divergenceValue: 5 divergences × 20 points, 8 components of std 0.01',
    ms: time(repeats, () => { for (let i = 0; i < 20; i++) for (const id of FIVE) divergenceValue(id, narrow, -10 + i, 0.05 + 0.25 * i); }),
    repeats,
  });
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await benchLandscape();
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) console.log(`${r.name.padEnd(width)}  ${r.ms.toFixed(1).padStart(8)} ms  (median of ${r.repeats})`);
}
