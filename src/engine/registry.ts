// Tensors that live as long as their owner (constants, masks, coefficients). An owner registers
// each one as it makes it and disposes the registry once, so that a new tensor cannot be left out
// of a hand-written dispose list.
import * as tf from './tf';

export class TensorRegistry {
  private readonly tensors: tf.Tensor[] = [];

  /** Keeps t beyond the enclosing tidy until the registry is disposed; returns it. */
  keep<T extends tf.Tensor>(t: T): T {
    this.tensors.push(tf.keep(t));
    return t;
  }

  /** keep(t) for a tensor that may be absent. */
  keepIf<T extends tf.Tensor>(t: T | null): T | null {
    return t ? this.keep(t) : null;
  }

  /** Disposes `old` and keeps `next` in its place. */
  replace<T extends tf.Tensor>(old: tf.Tensor, next: T): T {
    const i = this.tensors.indexOf(old);
    if (i >= 0) this.tensors.splice(i, 1);
    old.dispose();
    return this.keep(next);
  }

  get size(): number {
    return this.tensors.length;
  }

  dispose(): void {
    for (const t of this.tensors) t.dispose();
    this.tensors.length = 0;
  }
}
