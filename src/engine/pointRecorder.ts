// The trajectory as the device records it: at a recorded step, a copy of the generator's point
// (no readback; the backends share the copy's data), read back together at the chunk's end.
import * as tf from './tf';
import type { TrajectoryPoint } from './protocol';

/** What a generator family gives a recorder: its point tensor and how to read it. */
export interface RecordedPoint {
  readonly point: tf.Tensor;
  /** Numbers per run in the point. */
  readonly pointWidth: number;
  readonly R: number;
  trajectoryPoint(step: number, values: ArrayLike<number>): TrajectoryPoint;
}

export class PointRecorder {
  private records: { step: number; value: tf.Tensor }[] = [];
  private lastStep = -1;

  constructor(private readonly generator: RecordedPoint) {}

  record(step: number): void {
    this.lastStep = step;
    this.records.push({ step, value: tf.clone(this.generator.point) });
  }

  /** Records `step` unless it is recorded already (the last step, or where training paused). */
  recordOnce(step: number): void {
    if (this.lastStep !== step) this.record(step);
  }

  /** The recorded points since the last read, in one readback. */
  async read(): Promise<TrajectoryPoint[]> {
    const records = this.records;
    this.records = [];
    if (records.length === 0) return [];
    const all = records.length === 1 ? records[0].value : tf.tidy(() => tf.concat(records.map((r) => r.value), 0));
    const data = await all.data();
    for (const t of new Set([all, ...records.map((r) => r.value)])) t.dispose();
    const width = this.generator.R * this.generator.pointWidth;
    return records.map((rec, i) => this.generator.trajectoryPoint(rec.step, data.subarray(i * width, (i + 1) * width)));
  }

  /** Drops the unread points. */
  clear(): void {
    for (const r of this.records) r.value.dispose();
    this.records = [];
  }
}
