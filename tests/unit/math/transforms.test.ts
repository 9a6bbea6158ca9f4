import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DIVERGENCE_IDS, getDivergence, type DivergenceId } from '../../../src/math/catalog';
import { fromCatalog, nameOf, nonSaturating, nonSaturatingOf, pSoften, reverse, soften, symmetrize, type DefiningFunction } from '../../../src/math/transforms';
import { numericTailWeights } from '../../../src/math/tails';

function relClose(a: number, b: number, rel: number) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1e-12, Math.abs(b)));
}

function checkConsistent(g: DefiningFunction) {
  // canonical, f'' is the second derivative of f, and declared tails match the numeric ones
  expect(Math.abs(g.f(1))).toBeLessThan(1e-12);
  relClose(g.fSecond(1), 1, 1e-12);
  for (const u of [0.2, 0.7, 2.5, 9]) {
    const h = 1e-3 * u;
    relClose((g.f(u + h) - 2 * g.f(u) + g.f(u - h)) / (h * h), g.fSecond(u), 1e-5);
  }
  expect(numericTailWeights(g.fSecond)).toEqual(g.tails);
}

describe('transforms', () => {
  it('reverse is an involution (property) and maps each catalog entry to its declared reverse', () => {
    fc.assert(fc.property(fc.constantFrom(...DIVERGENCE_IDS), fc.double({ min: 0.01, max: 100, noNaN: true }), (id, u) => {
      const g = fromCatalog(id);
      const rr = reverse(reverse(g));
      return Math.abs(rr.f(u) - g.f(u)) <= 1e-9 * (1 + Math.abs(g.f(u)))
        && Math.abs(rr.fSecond(u) - g.fSecond(u)) <= 1e-9 * g.fSecond(u);
    }));
    for (const id of DIVERGENCE_IDS) {
      expect(nameOf(reverse(fromCatalog(id))), id).toBe(getDivergence(id).reverse);
    }
  });

  it('reproduces the named identities of the catalog', () => {
    const cases: [string, DefiningFunction, DivergenceId][] = [
      ['Reverse(kl)', reverse(fromCatalog('kl')), 'rkl'],
      ['Reverse(k)', reverse(fromCatalog('k')), 'rk'],
      ['Symmetrize(kl)', symmetrize(fromCatalog('kl')), 'jeffreys'],
      ['Soften(rkl)', soften(fromCatalog('rkl')), 'srkl'],
      ['Soften(Reverse(kl))', soften(reverse(fromCatalog('kl'))), 'srkl'],
      ['Soften(kl)', soften(fromCatalog('kl')), 'k'],
      ['pSoften(kl)', pSoften(fromCatalog('kl')), 'skl'],
      ['pSoften(rkl)', pSoften(fromCatalog('rkl')), 'rk'],
      ['NS(js)', nonSaturating(fromCatalog('js')), 'srkl'],
      ['NS(kl)', nonSaturating(fromCatalog('kl')), 'rkl'],
      ['NS(rkl)', nonSaturating(fromCatalog('rkl')), 'neyman'],
    ];
    for (const [label, g, id] of cases) {
      expect(nameOf(g), label).toBe(id);
      checkConsistent(g);
      // f itself, not just f'', matches the catalog
      for (const u of [0.05, 0.5, 2, 20]) relClose(g.f(u), getDivergence(id).f(u), 1e-9);
    }
  });

  it('Symmetrize(js) is js itself, and Symmetrize(srkl) is not in the catalog', () => {
    expect(nameOf(symmetrize(fromCatalog('js')))).toBe('js');
    expect(nameOf(symmetrize(fromCatalog('srkl')))).toBeNull();
  });

  it('nonSaturatingOf: the catalog id of NS(h) for every h, with tails (L+1, R-1)', () => {
    const expected: Record<DivergenceId, DivergenceId | null> = {
      kl: 'rkl', rkl: 'neyman', js: 'srkl', srkl: null, igog: null, jeffreys: null,
      pearson: 'kl', neyman: null, hellinger: null, k: null, rk: 'k', skl: 'js',
    };
    for (const id of DIVERGENCE_IDS) {
      expect(nonSaturatingOf(id), id).toBe(expected[id]);
      const ns = nonSaturating(fromCatalog(id));
      const t = getDivergence(id).tailWeights;
      expect(ns.tails).toEqual({ left: t.left + 1, right: t.right - 1 });
      // the right tail weight of NS(h) can go below 0 (f'' decays faster than u^-3); the numeric estimate agrees anyway
      expect(numericTailWeights(ns.fSecond)).toEqual(ns.tails);
    }
  });

  it('soften gives tails (L, 0) and p-soften (0, R) for every entry', () => {
    for (const id of DIVERGENCE_IDS) {
      const t = getDivergence(id).tailWeights;
      const s = soften(fromCatalog(id));
      const ps = pSoften(fromCatalog(id));
      expect(s.tails).toEqual({ left: t.left, right: 0 });
      expect(ps.tails).toEqual({ left: 0, right: t.right });
      checkConsistent(s);
      checkConsistent(ps);
    }
  });
});
