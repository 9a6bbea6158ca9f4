// What the experiment command prints: where each run ended beside the minimum of the divergence
// its generator minimises (the nearest local minimum over the whole half-plane sigma > 0).
import { nearestMinimum } from '../math/landscape';
import type { ExperimentResult } from '../engine/headless';

export interface MinimumInfo {
  mu: number;
  sigma: number;
  distance: number;
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
export function nearestMinima(result: ExperimentResult): (MinimumInfo | null)[] {
  return result.runs.map((run) => {
    const id = run.minimises;
    if (!id || !Number.isFinite(run.final.mu) || !(run.final.sigma > 0)) return null;
    const m = nearestMinimum(id, result.config.target, run.final.mu, run.final.sigma);
    return m ? { mu: m.mu, sigma: m.sigma, distance: m.distance } : null;
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

export function progressBar(step: number, total: number, startMs: number): string {
  const width = 30;
  const filled = Math.round((step / total) * width);
  const elapsed = (performance.now() - startMs) / 1000;
  const eta = step > 0 ? (elapsed / step) * (total - step) : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${step}/${total} steps, ${elapsed.toFixed(1)} s elapsed, ~${eta.toFixed(0)} s left `;
}
