// The engine's one entry to tfjs. @tensorflow/tfjs registers every gradient and the cpu and webgl
// backends (tfjs-core alone registers no gradients, and its ESM build does not load in Node).
export * from '@tensorflow/tfjs';

import { engine, type Tensor } from '@tensorflow/tfjs';

/**
 * t where cond, else e, on tensors of one shape: the Select kernel itself (tf.where adds
 * broadcast clones, and wasm's rank-1 row selection is broken in tfjs 4.22).
 */
export function selectSameShape(cond: Tensor, t: Tensor, e: Tensor): Tensor {
  return engine().runKernel('Select', { condition: cond, t, e }) as Tensor;
}
