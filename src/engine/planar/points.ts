// What the shell's PointRecorder (../pointRecorder.ts) records of a 2-D batch at a step: every
// run's generator parameters, and for a family without a closed-form density q's samples on a
// fixed noise, from which the point's moments are estimated when it is read back.
import * as tf from '../tf';
import { sampleMoments, type Gaussian2 } from '../../math/planar/gaussian2';
import type { RecordedPoint } from '../pointRecorder';
import type { PlanarFamily } from './families';
import type { PlanarPoint } from './protocol';

export class PlanarPoints implements RecordedPoint<PlanarPoint> {
  readonly pointWidth: number;
  /** Numbers per run of each parameter tensor, in order. */
  private readonly sizes: number[];

  /** `params` gives the current parameters [R, ...] each; `momentNoise` [R, n, noiseDim] is the
   * noise the moments are estimated on (null when the family has closed-form moments). */
  constructor(private readonly family: PlanarFamily, readonly R: number, private readonly params: () => tf.Tensor[], private readonly momentNoise: tf.Tensor | null) {
    this.sizes = params().map((t) => t.size / R);
    const samples = momentNoise ? momentNoise.shape[1]! * 2 : 0;
    this.pointWidth = this.sizes.reduce((a, b) => a + b, 0) + samples;
  }

  recordPoint(): tf.Tensor {
    return tf.tidy(() => {
      const params = this.params();
      const parts = params.map((t) => tf.reshape(t, [this.R, -1]));
      if (this.momentNoise) parts.push(tf.reshape(this.family.sample(params, this.momentNoise), [this.R, -1]));
      return tf.concat(parts, 1);
    });
  }

  trajectoryPoint(step: number, values: ArrayLike<number>): PlanarPoint {
    // back to one array per parameter tensor, all runs in each, as the family reads them
    const tensors = this.sizes.map((size) => new Float32Array(this.R * size));
    let offset = 0;
    this.sizes.forEach((size, i) => {
      for (let r = 0; r < this.R; r++) for (let k = 0; k < size; k++) tensors[i][r * size + k] = values[r * this.pointWidth + offset + k];
      offset += size;
    });
    const runs: Gaussian2[] = [];
    for (let r = 0; r < this.R; r++) {
      const closed = this.family.moments(tensors, r);
      if (closed) { runs.push(closed); continue; }
      const start = r * this.pointWidth + offset;
      runs.push(sampleMoments(Float32Array.from({ length: this.pointWidth - offset }, (_, k) => values[start + k])));
    }
    return { step, runs, params: runs.map((_, r) => this.family.describe(tensors, r)) };
  }
}
