import { describe, expect, it } from 'vitest';
import { getDivergence, type DivergenceId } from '../../../src/math/catalog';
import { divergenceValue } from '../../../src/math/landscape';
import { mixtureLogPdf, PAPER_TARGET } from '../../../src/math/mixture';
import { normalLogPdf } from '../../../src/math/gaussian';
import { divergenceFromPushforward, optimalCritic, pushforwardHistogram, symmetryPreservingS } from '../../../src/math/pushforward';

// d* reaches ~600 at (0.1, 0.4): far in p's wide component, q is tiny
const WIDTH = 0.05;
const edges = Array.from({ length: 15001 }, (_, i) => -50 + i * WIDTH);

describe('pushforward', () => {
  it('optimalCritic is log p - log q', () => {
    for (const x of [-1, 0.2, 3]) {
      expect(optimalCritic(PAPER_TARGET, 1.8, 1.8, x)).toBeCloseTo(mixtureLogPdf(PAPER_TARGET, x) - normalLogPdf(x, 1.8, 1.8), 14);
    }
  });

  it('s_f is the catalog s', () => {
    expect(symmetryPreservingS('kl', 2)).toBe(getDivergence('kl').s(2));
  });

  it.each([[1.8, 1.8], [0.1, 0.4], [1, 1.2]])('at mu=%f sigma=%f: masses are 1, q~ = p~ e^-d, and ∫ max(p~, q~) s_f = D_f', (mu, sigma) => {
    const h = pushforwardHistogram(PAPER_TARGET, mu, sigma, edges);
    const width = WIDTH;
    const massP = h.p.reduce((a, b) => a + b, 0) * width + h.outsideP;
    const massQ = h.q.reduce((a, b) => a + b, 0) * width + h.outsideQ;
    expect(massP).toBeCloseTo(1, 8);
    expect(massQ).toBeCloseTo(1, 8);
    expect(h.outsideP + h.outsideQ).toBeLessThan(1e-6);
    // q~(d) = p~(d) e^-d, checked on bins carrying real mass
    for (let b = 0; b < h.p.length; b++) {
      if (h.p[b] * width < 1e-3) continue;
      const d = 0.5 * (h.edges[b] + h.edges[b + 1]);
      // within a bin e^-d varies by a factor e^(±width/2)
      expect(Math.abs(h.q[b] / (h.p[b] * Math.exp(-d)) - 1)).toBeLessThan(Math.expm1(width / 2) + 1e-3);
    }
    for (const id of ['js', 'kl', 'rkl', 'srkl', 'hellinger'] as DivergenceId[]) {
      const exact = divergenceValue(id, PAPER_TARGET, mu, sigma);
      expect(Math.abs(divergenceFromPushforward(id, h) / exact - 1), id).toBeLessThan(1e-2);
    }
  });
});
