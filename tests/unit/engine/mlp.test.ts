import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/engine/tf';
import { constUnitMasks, fromHomogeneousArrays, homogeneousInput, homogeneousParams, layerSizesOf, mlpForward, mlpInputGrad, mlpParamGrads, toHomogeneousArrays } from '../../../src/engine/mlp';
import { ACTIVATIONS } from '../../../src/config/schema';
import { useBackend } from './helpers';

describe.each(['cpu', 'wasm'] as const)('hand-written MLP backward pass, homogeneous layers (%s)', (backend) => {
  beforeAll(async () => { await useBackend(backend); });

  const cases = ACTIVATIONS.flatMap((a) => (['batched', 'perRun'] as const).flatMap((layout) => [3, 1].map((R) => [a, layout, R] as const)));
  it.each(cases)('matches tfjs autodiff for %s (%s layout, %i runs)', (activation, layout, R) => {
    const N = 7, sizes = [1, 5, 4, 1];
    const std: tf.Tensor[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      std.push(tf.randomNormal([R, sizes[l], sizes[l + 1]], 0, 0.8, 'float32', 11 + l));
      std.push(tf.randomNormal([R, 1, sizes[l + 1]], 0, 0.3, 'float32', 21 + l));
    }
    const params = homogeneousParams(std, activation);
    expect(layerSizesOf(params)).toEqual(sizes);
    const x = tf.randomNormal([R, N, 1], 0, 1.5, 'float32', 5);
    const xh = homogeneousInput(x);
    const up = tf.randomNormal([R, N, 1], 0, 1, 'float32', 7);
    const opts = { activation, layout };
    // the homogeneous critic computes the (W, b) network
    const reference = tf.tidy(() => {
      let h = x;
      for (let l = 0; l < std.length / 2; l++) {
        h = tf.add(tf.matMul(h, std[2 * l]), std[2 * l + 1]);
        if (l + 1 < std.length / 2) h = activation === 'elu' ? tf.elu(h) : activation === 'relu' ? tf.relu(h) : activation === 'leaky-relu' ? tf.leakyRelu(h, 0.2) : activation === 'tanh' ? tf.tanh(h) : tf.softplus(h);
      }
      return h;
    });
    const fwd = mlpForward(xh, params, opts);
    const out = fwd.out.dataSync();
    const ref = reference.dataSync();
    for (let j = 0; j < ref.length; j++) expect(out[j]).toBeCloseTo(ref[j], 4);
    // parameter gradients = autodiff, except in the constant units' columns (kept at zero)
    const manual = mlpParamGrads(fwd, params, up, opts);
    const auto = tf.grads((...ps: tf.Tensor[]) => tf.sum(tf.mul(mlpForward(xh, ps, opts).out, up)))(params);
    const masks = constUnitMasks(sizes, activation);
    manual.forEach((g, i) => {
      const a = (masks[i] ? tf.mul(auto[i], masks[i]!) : auto[i]).dataSync();
      const m = g.dataSync();
      expect(g.shape).toEqual(auto[i].shape);
      for (let j = 0; j < a.length; j++) expect(m[j]).toBeCloseTo(a[j], 4);
      if (i + 1 < manual.length) {
        const cols = g.shape[2]!;
        for (let j = cols - 1; j < m.length; j += cols) expect(m[j] === 0).toBe(true);
      }
    });
    const dx = mlpInputGrad(fwd, params, opts).dataSync();
    const autoDx = tf.grad((xx: tf.Tensor) => tf.sum(reference.shape && (() => {
      let h = xx;
      for (let l = 0; l < std.length / 2; l++) {
        h = tf.add(tf.matMul(h, std[2 * l]), std[2 * l + 1]);
        if (l + 1 < std.length / 2) h = activation === 'elu' ? tf.elu(h) : activation === 'relu' ? tf.relu(h) : activation === 'leaky-relu' ? tf.leakyRelu(h, 0.2) : activation === 'tanh' ? tf.tanh(h) : tf.softplus(h);
      }
      return tf.mul(h, up);
    })()))(x).dataSync();
    const weighted = mlpInputGrad(fwd, params, opts, up).dataSync();
    const upv = up.dataSync();
    for (let j = 0; j < dx.length; j++) {
      expect(weighted[j]).toBeCloseTo(autoDx[j], 4);
      expect(dx[j] * upv[j]).toBeCloseTo(autoDx[j], 4);
    }
    tf.dispose([...std, ...params, x, xh, up, reference, ...manual, ...auto, fwd.out]);
  });

  it('converts (W, b) layers to homogeneous ones and back exactly', () => {
    for (const activation of ACTIVATIONS) {
      const sizes = [1, 3, 2, 1];
      const R = 2;
      const layers = sizes.slice(1).map((out, l) => ({
        w: Float32Array.from({ length: R * sizes[l] * out }, (_, i) => Math.fround(Math.sin(i + l))),
        b: Float32Array.from({ length: R * out }, (_, i) => Math.fround(Math.cos(i - l))),
      }));
      const back = fromHomogeneousArrays(toHomogeneousArrays(layers, sizes, R, activation), sizes, R, activation);
      back.forEach((layer, l) => {
        expect(Array.from(layer.w)).toEqual(Array.from(layers[l].w));
        expect(Array.from(layer.b)).toEqual(Array.from(layers[l].b));
      });
    }
  });
});
