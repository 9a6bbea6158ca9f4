// The 2-D presets end where the closed forms and quadrature say (the acceptance; slow:
// whole presets on wasm).
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/engine/backend';
import { getPlanarPreset } from '../../../src/config/planarPresets';
import { planarConfigSchema, type PlanarConfig } from '../../../src/config/planar';
import { runPlanarExperiment, type PlanarRunResult } from '../../../src/engine/planar/headless';
import { gaussian2LogPdf, klOptimalDiagonal, reverseKlOptimalDiagonal } from '../../../src/math/planar/gaussian2';
import { correlatedTarget } from '../../../src/math/planar/mixture2';
import { planarDivergence } from '../../../src/math/planar/divergence2';
import { nelderMead } from '../../../src/math/landscape/nelderMead';

beforeAll(async () => {
  await selectBackend('wasm');
});

const preset = (id: string, patch: Partial<PlanarConfig> = {}) => planarConfigSchema.parse({ ...getPlanarPreset(id)!.config, ...patch });
const find = (runs: PlanarRunResult[], label: RegExp, critic: 'learned' | 'optimal') => runs.find((r) => label.test(r.scheme.label) && r.critic === critic)!;
const meanStd = (run: PlanarRunResult) => {
  const last = run.trajectory.at(-1)!;
  return { mean: [last[1], last[2]], std: [Math.sqrt(last[3]), Math.sqrt(last[5])] };
};

/** The diagonal Gaussian (at p's mean, by symmetry) minimising softened reverse KL to the correlated p, by quadrature. */
function softenedReverseKlMinimum(): [number, number] {
  const p = correlatedTarget()[0];
  const box = { x: [-14, 14] as [number, number], y: [-14, 14] as [number, number] };
  const value = (u: number, v: number) => planarDivergence('srkl', (x, y) => gaussian2LogPdf(p, x, y),
    (x, y) => gaussian2LogPdf({ mean: [0, 0], cov: [[Math.exp(2 * u), 0], [0, Math.exp(2 * v)]] }, x, y), box, 220);
  const [u, v] = nelderMead(value, [0.2, 0.2], [0.2, 0.2], 1e-6, 300);
  return [Math.exp(u), Math.exp(v)];
}

describe('2-D presets', () => {
  it('appendix-d-correlated: reverse KL and KL end at their closed forms, the non-saturating GAN at the softened reverse KL minimum', async () => {
    const result = await runPlanarExperiment(preset('appendix-d-correlated'), { backend: 'current' });
    const p = correlatedTarget()[0];
    const rkl = reverseKlOptimalDiagonal(p).std;
    const kl = klOptimalDiagonal(p).std;
    const srkl = softenedReverseKlMinimum();
    expect(srkl[0]).toBeLessThan(rkl[0]); // more compact than reverse KL's
    const cases: [RegExp, readonly number[]][] = [[/hybrid \(RKL/, rkl], [/hybrid \(KL/, kl], [/non-saturating/, srkl]];
    for (const [label, std] of cases) {
      for (const [critic, tolerance] of [['optimal', 0.03], ['learned', 0.1]] as const) {
        const end = meanStd(find(result.runs, label, critic));
        for (const k of [0, 1]) {
          expect(Math.abs(end.mean[k]), `${label} ${critic} mean`).toBeLessThan(tolerance);
          expect(Math.abs(end.std[k] - std[k]), `${label} ${critic} std ${end.std[k]} vs ${std[k]}`).toBeLessThan(tolerance);
        }
      }
    }
  }, 600_000);

  it('appendix-d-circle: reverse KL collapses onto one mode, KL covers them from the centre with variance (2 + 25)/2', async () => {
    const result = await runPlanarExperiment(preset('appendix-d-circle', { critics: 'optimal' }), { backend: 'current' });
    const rkl = meanStd(find(result.runs, /hybrid \(RKL/, 'optimal'));
    const modes = Array.from({ length: 5 }, (_, i) => [5 * Math.cos((2 * Math.PI * i) / 5), 5 * Math.sin((2 * Math.PI * i) / 5)]);
    const nearest = Math.min(...modes.map(([x, y]) => Math.hypot(rkl.mean[0] - x, rkl.mean[1] - y)));
    expect(nearest).toBeLessThan(0.3);
    const kl = meanStd(find(result.runs, /hybrid \(KL/, 'optimal'));
    expect(Math.hypot(kl.mean[0], kl.mean[1])).toBeLessThan(0.3);
    expect(Math.abs((kl.std[0] ** 2 + kl.std[1] ** 2) / 2 - 13.5) / 13.5).toBeLessThan(0.05);
  }, 600_000);

  it('fedus-parallel-line: the non-saturating GAN closes the gap 10x; the saturating GAN with d* has a vanishing gradient and stays', async () => {
    const result = await runPlanarExperiment(preset('fedus-parallel-line'), { backend: 'current' });
    const fd = (run: PlanarRunResult) => [run.trajectory[0][6], run.trajectory.at(-1)![6]];
    for (const critic of ['learned', 'optimal'] as const) {
      const [start, end] = fd(find(result.runs, /non-saturating/, critic));
      expect(end).toBeLessThan(start / 10);
    }
    const saturating = find(result.runs, /^saturating JS/, 'optimal');
    const [start, end] = fd(saturating);
    expect(Math.abs(end - start)).toBeLessThan(0.01 * start);
    const ns = find(result.runs, /non-saturating/, 'optimal');
    expect(saturating.gradientNorm.start).toBeLessThan(1e-3 * ns.gradientNorm.start);
  }, 600_000);
});
