// Which generator steps become trajectory points: the multiples of a stride, and the step where
// training paused or ended. The stride is 1 in slow motion and while the engine runs below
// RECORD_ALL_BELOW steps per second (each step then draws), FULL_SPEED_STRIDE at full speed.
// Between the two the engine switches with a margin, so that a speed near the threshold does not
// flip it on every chunk.

/** Every this many generator steps a point is recorded at full speed. */
export const FULL_SPEED_STRIDE = 10;
/** Below this many generator steps per second every step is recorded. */
export const RECORD_ALL_BELOW = 50;
/** Back to the full-speed stride only from this many steps per second on. */
const RECORD_SPARSE_FROM = 60;

/** The rule, as exported files state it. */
export const RECORDING_RULE =
  `steps are multiples of the recording stride: ${FULL_SPEED_STRIDE} at full speed, 1 (every step) in slow motion or while the engine ran below ${RECORD_ALL_BELOW} steps/s; `
  + 'the step where training paused or ended is recorded too';

/**
 * The stride for the next steps, from the one in force, the measured speed (null while unmeasured,
 * e.g. over the first chunk, which pays for warming up) and whether a slow-motion speed is chosen.
 */
export function recordStride(current: number, stepsPerSecond: number | null, slowMotion: boolean): number {
  if (slowMotion) return 1;
  if (stepsPerSecond === null) return current;
  if (stepsPerSecond < RECORD_ALL_BELOW) return 1;
  if (stepsPerSecond >= RECORD_SPARSE_FROM) return FULL_SPEED_STRIDE;
  return current;
}

/** The rule of a headless run, which records every `stride` steps whatever its speed. */
export function headlessRecording(stride: number): string {
  return `generator steps that are multiples of ${stride}, from step 0, and the last step trained`;
}
