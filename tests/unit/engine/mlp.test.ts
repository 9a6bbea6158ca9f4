import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/engine/tf';
import { mlpForward, mlpInputGrad, mlpParamGrads } from '../../../src/engine/mlp';
import { ACTIVATIONS } from '../../../src/config/schema';
import { useBackend } from './helpers';

describe.each(['cpu', 'wasm'] as const)('hand-written MLP backward pass (%s)', (backend) => {
  beforeAll(async () => { await useBackend(backend); });

  const cases = ACTIVATIONS.flatMap((a) => (['batched', 'perRun'] as const).flatMap((layout) => [3, 1].map((R) => [a, layout, R] as const)));
  it.each(cases)('matches tfjs autodiff for %s (%s layout, %i runs)', (activation, layout, R) => {
    const N = 7, sizes = [1, 5, 4, 1];
    const params: tf.Tensor[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      params.push(tf.randomNormal([R, sizes[l], sizes[l + 1]], 0, 0.8, 'float32', 11 + l));
      params.push(tf.randomNormal([R, 1, sizes[l + 1]], 0, 0.3, 'float32', 21 + l));
    }
    const x = tf.randomNormal([R, N, 1], 0, 1.5, 'float32', 5);
    const up = tf.randomNormal([R, N, 1], 0, 1, 'float32', 7);
    const opts = { activation, fused: backend !== 'wasm', layout };
    const fwd = mlpForward(x, params, opts);
    const manual = mlpParamGrads(fwd, params, up, opts);
    const auto = tf.grads((...ps: tf.Tensor[]) => tf.sum(tf.mul(mlpForward(x, ps, opts).out, up)))(params);
    manual.forEach((g, i) => {
      const a = auto[i].dataSync();
      const m = g.dataSync();
      expect(g.shape).toEqual(auto[i].shape);
      for (let j = 0; j < a.length; j++) expect(m[j]).toBeCloseTo(a[j], 4);
    });
    const dx = mlpInputGrad(fwd, params, opts).dataSync();
    const autoDx = tf.grad((xx: tf.Tensor) => tf.sum(mlpForward(xx, params, opts).out))(x).dataSync();
    for (let j = 0; j < dx.length; j++) expect(dx[j]).toBeCloseTo(autoDx[j], 4);
    tf.dispose([...params, x, up, ...manual, ...auto, fwd.out, ...fwd.inputs.slice(1)]);
  });
});
