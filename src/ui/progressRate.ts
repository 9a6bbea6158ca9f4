// How fast training goes and how long it has left, as both pages show them. The rate is
// generator steps per second of wall time while playing, exponentially weighted: each stretch
// of time between two observations adds its steps and its seconds to two sums that forget at a
// time constant of TIME_CONSTANT_S, and the rate is their ratio. Time spent paused does not
// count, nor do the steps taken by hand (Step, Critic update, Generator update), so neither
// invents a rate. Until KNOWN_AFTER_S of playing is measured the rate is unknown, shown "—".
// Pure: the stores feed it steps and times.
import { formatDuration } from '../engine/workload';

/** Seconds over which the rate forgets (the weight of a stretch halves in about 0.7 of this). */
export const TIME_CONSTANT_S = 6;
/** Seconds of playing (weighted) measured before the rate is stated. */
export const KNOWN_AFTER_S = 1;
/** What the pages show for a figure that is not known. */
export const UNKNOWN = '—';

export interface ProgressRate {
  /** Exponentially weighted sums of the steps taken and the seconds spent while playing. */
  steps: number;
  seconds: number;
  /** The last observation while playing; null while paused (the next stretch starts afresh). */
  anchor: { step: number; ms: number } | null;
  /** The fastest the engine goes, steps per second (a slow-motion speed); Infinity at full speed. */
  cap: number;
}

/** Nothing measured yet; `cap` is the chosen speed's steps per second (0 or absent: full speed). */
export function emptyRate(cap = 0): ProgressRate {
  return { steps: 0, seconds: 0, anchor: null, cap: cap > 0 ? cap : Infinity };
}

/**
 * The estimate after seeing the experiment at `step` at time `ms` (milliseconds, one clock),
 * playing or not. A step counter that went back (a new experiment) starts the estimate afresh.
 */
export function observeProgress(rate: ProgressRate, step: number, playing: boolean, ms: number): ProgressRate {
  if (!playing) return rate.anchor === null ? rate : { ...rate, anchor: null };
  const anchor = rate.anchor;
  if (anchor === null) return { ...rate, anchor: { step, ms } };
  if (step < anchor.step) return { ...emptyRate(rate.cap), anchor: { step, ms } };
  const dt = (ms - anchor.ms) / 1000;
  if (dt <= 0) return rate;
  const keep = Math.exp(-dt / TIME_CONSTANT_S);
  return { ...rate, steps: rate.steps * keep + (step - anchor.step), seconds: rate.seconds * keep + dt, anchor: { step, ms } };
}

/** Generator steps per second, or null while not enough playing has been measured. */
export function stepsPerSecond(rate: ProgressRate): number | null {
  if (rate.seconds < KNOWN_AFTER_S) return null;
  return Math.min(rate.cap, rate.steps / rate.seconds);
}

/** Milliseconds to train `stepsLeft` more steps at the measured rate, or null when not known. */
export function timeLeftMs(rate: ProgressRate, stepsLeft: number): number | null {
  const r = stepsPerSecond(rate);
  if (stepsLeft <= 0) return 0;
  return r === null || r <= 0 ? null : (1000 * stepsLeft) / r;
}

/** The rate as the pages print it: one decimal below 10 steps per second, whole numbers above. */
export function formatRate(rate: ProgressRate): string {
  const r = stepsPerSecond(rate);
  if (r === null) return UNKNOWN;
  return r < 10 ? r.toFixed(1) : String(Math.round(r));
}

/** The time left as the pages print it ("4 min"), or "—" when it is not known. */
export function formatTimeLeft(rate: ProgressRate, stepsLeft: number): string {
  const ms = timeLeftMs(rate, stepsLeft);
  return ms === null ? UNKNOWN : formatDuration(ms);
}
