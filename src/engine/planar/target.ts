// The target mixture on the device: log p(x) of points x [R, N, 2], for the optimal critic.
import * as tf from '../tf';
import type { PlanarMixture } from '../../math/planar/mixture2';
import { det2, inverse2 } from '../../math/planar/linalg2';
import { TensorRegistry } from '../registry';

export class PlanarTarget {
  private readonly constants = new TensorRegistry();
  /** Per component [1, 1, C]: the means, the precision entries and log(w_c / sum w) - log det / 2 - log 2 pi. */
  private readonly c: Record<'mx' | 'my' | 'p11' | 'p12' | 'p22' | 'logC', tf.Tensor>;
  private readonly single: boolean;

  constructor(target: PlanarMixture) {
    const total = target.reduce((s, c) => s + c.weight, 0);
    const row = (f: (i: number) => number) => this.constants.keep(tf.tensor(target.map((_, i) => f(i)), [1, 1, target.length]));
    const precision = target.map((c) => inverse2(c.cov));
    this.c = {
      mx: row((i) => target[i].mean[0]),
      my: row((i) => target[i].mean[1]),
      p11: row((i) => precision[i][0][0]),
      p12: row((i) => precision[i][0][1]),
      p22: row((i) => precision[i][1][1]),
      logC: row((i) => Math.log(target[i].weight / total) - 0.5 * Math.log(det2(target[i].cov)) - Math.log(2 * Math.PI)),
    };
    this.single = target.length === 1;
  }

  logDensity(x: tf.Tensor): tf.Tensor {
    const { mx, my, p11, p12, p22, logC } = this.c;
    const [x1, x2] = tf.split(x, 2, 2);
    const dx = tf.sub(x1, mx); // [R, N, C]
    const dy = tf.sub(x2, my);
    const quad = tf.add(tf.add(tf.mul(p11, tf.square(dx)), tf.mul(tf.mul(p12, 2), tf.mul(dx, dy))), tf.mul(p22, tf.square(dy)));
    const terms = tf.sub(logC, tf.mul(quad, 0.5));
    return this.single ? terms : tf.logSumExp(terms, 2, true);
  }

  dispose(): void {
    this.constants.dispose();
  }
}
