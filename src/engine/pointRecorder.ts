// The trajectory as the device records it, for either dimension: at a recorded step, what the
// generator gives for its point (a copy on the device, no readback) and the step's readings
// (losses and gradient norms, stepReadings.ts), read back together at the chunk's end.
import * as tf from './tf';
import type { StepReadings } from './protocol';

/** What a generator gives a recorder: its point at the current step as a new tensor [R, width]
 * (the recorder owns it), and how to read one back. */
export interface RecordedPoint<P> {
  recordPoint(): tf.Tensor;
  /** Numbers per run in the point. */
  readonly pointWidth: number;
  readonly R: number;
  trajectoryPoint(step: number, values: ArrayLike<number>): P;
}

/** Where a recorder gets a step's readings: a flat tensor and how to read its values. */
export interface ReadingsSource {
  tensor(): tf.Tensor | null;
  read(values: ArrayLike<number>): StepReadings;
}

export class PointRecorder<P extends { step: number; readings?: StepReadings }> {
  private records: { step: number; value: tf.Tensor; readings: tf.Tensor | null }[] = [];
  private lastStep = -1;

  constructor(private readonly generator: RecordedPoint<P>, private readonly readings: ReadingsSource) {}

  /** Records the point at `step` and the readings of the step that ended there. */
  record(step: number): void {
    this.lastStep = step;
    this.records.push({ step, value: this.generator.recordPoint(), readings: this.readings.tensor() });
  }

  /** Records `step` unless it is recorded already (the last step, or where training paused). */
  recordOnce(step: number): void {
    if (this.lastStep !== step) this.record(step);
  }

  /** The recorded points since the last read, in one readback. */
  async read(): Promise<P[]> {
    const records = this.records;
    this.records = [];
    if (records.length === 0) return [];
    const parts = records.flatMap((r) => (r.readings ? [r.value, r.readings] : [r.value]));
    const all = parts.length === 1 ? parts[0] : tf.tidy(() => tf.concat(parts.map((t) => tf.reshape(t, [-1])), 0));
    const data = await all.data();
    for (const t of new Set([all, ...parts])) t.dispose();
    const width = this.generator.R * this.generator.pointWidth;
    let at = 0;
    return records.map((rec) => {
      const point = this.generator.trajectoryPoint(rec.step, data.subarray(at, at + width));
      at += width;
      if (!rec.readings) return point;
      const n = rec.readings.size;
      const readings = this.readings.read(data.subarray(at, at + n));
      at += n;
      return { ...point, readings };
    });
  }

  /** Drops the unread points. */
  clear(): void {
    for (const r of this.records) { r.value.dispose(); r.readings?.dispose(); }
    this.records = [];
  }
}
