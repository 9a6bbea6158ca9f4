import { describe, expect, it } from 'vitest';
import { emptyRate, formatRate, formatTimeLeft, observeProgress, stepsPerSecond, timeLeftMs, type ProgressRate } from '../../../src/ui/progressRate';

/** Feeds `seconds` of reports every `everyMs`, `steps(k)` steps in the k-th; returns the estimate and the step reached. */
function play(rate: ProgressRate, from: { step: number; ms: number }, seconds: number, everyMs: number, steps: (k: number) => number, playing = true) {
  let { step, ms } = from;
  let r = observeProgress(rate, step, playing, ms);
  const seen: number[] = [];
  for (let k = 0; ms < from.ms + seconds * 1000; k++) {
    step += steps(k);
    ms += everyMs;
    r = observeProgress(r, step, playing, ms);
    const now = stepsPerSecond(r);
    if (now !== null) seen.push(now);
  }
  return { rate: r, at: { step, ms }, seen };
}

describe('progress rate', () => {
  it('is unknown ("—") before any playing is measured, and manual steps do not make one', () => {
    expect(formatRate(emptyRate())).toBe('—');
    expect(formatTimeLeft(emptyRate(), 4000)).toBe('—');
    // twenty Step clicks, a second apart, while not playing
    const manual = play(emptyRate(), { step: 0, ms: 0 }, 20, 1000, () => 1, false);
    expect(manual.at.step).toBe(20);
    expect(stepsPerSecond(manual.rate)).toBeNull();
    expect(formatRate(manual.rate)).toBe('—');
    expect(formatTimeLeft(manual.rate, 3980)).toBe('—');
    // half a second of playing is not enough to state a rate
    const brief = play(manual.rate, manual.at, 0.5, 100, () => 3);
    expect(formatTimeLeft(brief.rate, 3000)).toBe('—');
  });

  it('follows a steady rate through uneven chunks without swinging', () => {
    // Figure 5 on two workers: chunks of 3 to 12 steps every 100 ms, about 75 steps/s on average
    const chunks = [3, 12, 5, 10, 4, 11, 9, 6];
    const run = play(emptyRate(), { step: 0, ms: 0 }, 30, 100, (k) => chunks[k % chunks.length]);
    const later = run.seen.slice(50);
    expect(Math.min(...later)).toBeGreaterThan(70);
    expect(Math.max(...later)).toBeLessThan(80);
    // the time left for 2000 steps stays within a few seconds of 27 s
    const left = timeLeftMs(run.rate, 2000)!;
    expect(left / 1000).toBeGreaterThan(25);
    expect(left / 1000).toBeLessThan(29);
    // one chunk at a time would have said anything from 30 to 120 steps/s
    expect(Math.max(...chunks) / Math.min(...chunks)).toBeGreaterThan(3);
  });

  it('moves to a new pace within seconds', () => {
    const fast = play(emptyRate(), { step: 0, ms: 0 }, 20, 100, () => 10);
    expect(stepsPerSecond(fast.rate)).toBeCloseTo(100, 5);
    const slow = play(fast.rate, fast.at, 15, 100, () => 2);
    expect(stepsPerSecond(slow.rate)!).toBeLessThan(30);
    expect(stepsPerSecond(slow.rate)!).toBeGreaterThan(20);
  });

  it('does not count the time spent paused', () => {
    const before = play(emptyRate(), { step: 0, ms: 0 }, 10, 100, () => 2);
    expect(stepsPerSecond(before.rate)).toBeCloseTo(20, 5);
    // paused for five minutes: reports come (snapshots, a critic update), the step stays
    const paused = play(before.rate, before.at, 300, 1000, () => 0, false);
    expect(stepsPerSecond(paused.rate)).toBeCloseTo(20, 5);
    expect(formatTimeLeft(paused.rate, 1200)).toBe('60 s');
    // playing again: the pause is not a stretch of zero steps
    const after = play(paused.rate, paused.at, 2, 100, () => 2);
    expect(stepsPerSecond(after.rate)).toBeCloseTo(20, 5);
  });

  it('says the real rate in slow motion: never above the chosen speed, below it when the engine is slower', () => {
    // 10 steps/s chosen; the reports bunch (two steps in one report, then none)
    const bunched = play(emptyRate(10), { step: 0, ms: 0 }, 10, 100, (k) => (k % 4 === 0 ? 2 : k % 4 === 2 ? 0 : 1));
    expect(Math.max(...bunched.seen)).toBeLessThanOrEqual(10);
    expect(formatRate(bunched.rate)).toMatch(/^(9\.[89]|10)$/);
    // a heavy configuration manages 4 steps/s at the 10 steps/s setting
    const heavy = play(emptyRate(10), { step: 0, ms: 0 }, 10, 250, () => 1);
    expect(stepsPerSecond(heavy.rate)).toBeCloseTo(4, 5);
    expect(formatRate(heavy.rate)).toBe('4.0');
    expect(formatTimeLeft(heavy.rate, 3960)).toBe('17 min');
  });

  it('starts afresh when the step counter goes back (a new experiment)', () => {
    const old = play(emptyRate(), { step: 0, ms: 0 }, 10, 100, () => 50);
    const restarted = observeProgress(old.rate, 0, true, old.at.ms + 100);
    expect(stepsPerSecond(restarted)).toBeNull();
  });
});
