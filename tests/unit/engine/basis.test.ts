import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/engine/tf';
import { BasisLoss } from '../../../src/engine/basis';
import { CRITIC_FUNCTIONS, DIVERGENCE_IDS, evalBasis } from '../../../src/math/criticBasis';
import { useBackend } from './helpers';

const D_VALUES = [-3, -1.5, -0.4, 0, 0.3, 1.2, 2.5];

describe.each(['cpu', 'wasm'] as const)('basis losses in tfjs (%s)', (backend) => {
  beforeAll(async () => { await useBackend(backend); });

  it('equal the float64 evalBasis values and derivatives of a_f and b_f for every divergence', () => {
    const n = D_VALUES.length;
    const ids = DIVERGENCE_IDS;
    // one run per divergence; group 0 = a_f on "real" rows, group 1 = b_f on "fake" rows, scale 1
    const loss = new BasisLoss({ runs: ids.length, samplesPerGroup: n, scale: [1, 1], groups: ids.map((id) => [CRITIC_FUNCTIONS[id].a, CRITIC_FUNCTIONS[id].b]) });
    const dArr = new Float32Array(ids.length * 2 * n);
    for (let r = 0; r < ids.length; r++) for (let g = 0; g < 2; g++) D_VALUES.forEach((d, i) => { dArr[(r * 2 + g) * n + i] = d; });
    const d = tf.tensor3d(dArr, [ids.length, 2 * n, 1]);
    const { value, grad } = loss.evaluate(d, { value: true, grad: true });
    const v = value!.dataSync();
    const g = grad!.dataSync();
    ids.forEach((id, r) => {
      const { a, b } = CRITIC_FUNCTIONS[id];
      const expected = D_VALUES.reduce((s, x) => s + evalBasis(a, x) + evalBasis(b, x), 0) - loss.constant[r];
      expect(v[r], `${id} value`).toBeCloseTo(expected, 3);
      D_VALUES.forEach((x, i) => {
        const h = 1e-5;
        const fd = (f: typeof a) => (evalBasis(f, x + h) - evalBasis(f, x - h)) / (2 * h);
        expect(g[(r * 2) * n + i], `${id} a'(${x})`).toBeCloseTo(fd(a), 3);
        expect(g[(r * 2 + 1) * n + i], `${id} b'(${x})`).toBeCloseTo(fd(b), 3);
      });
    });
    tf.dispose([d, value!, grad!]);
    loss.dispose();
  });

  it('cannot overflow into NaN through an exponential feature a run does not use', () => {
    // KL uses e^d on fake rows only; RKL uses e^-d on real rows only. d = +-200 would overflow.
    const loss = new BasisLoss({ runs: 2, samplesPerGroup: 1, scale: [1, 1], groups: [[CRITIC_FUNCTIONS.kl.a, CRITIC_FUNCTIONS.kl.b], [CRITIC_FUNCTIONS.rkl.a, CRITIC_FUNCTIONS.rkl.b]] });
    const d = tf.tensor3d([200, -5, 5, 200], [2, 2, 1]); // KL: real d=200 (uses d only); RKL: fake d=200 (uses d only)
    const { value, grad } = loss.evaluate(d, { value: true, grad: true });
    const v = Array.from(value!.dataSync());
    const g = Array.from(grad!.dataSync());
    expect(v.every(Number.isFinite)).toBe(true);
    expect(g.every(Number.isFinite)).toBe(true);
    expect(v[0] + loss.constant[0]).toBeCloseTo(200 + Math.exp(-5) - 1, 3);
    tf.dispose([d, value!, grad!]);
    loss.dispose();
  });
});
