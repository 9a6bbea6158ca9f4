import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNoticeClock, dropNotice, noticeLifetime, NOTICE_FADE_MS, NOTICE_FADE_OUT_MS, putNotice, withoutRepeatedPhrases, type NoticeRecord } from '../../../src/ui/notices';
import { classifyChange } from '../../../src/config/schedule';
import { defaultConfig } from '../../../src/config/schema';

const restart = (step: number): NoticeRecord => ({ cause: 'restart', kind: 'info', text: `Restarted (the start point changed) at step ${step}.` });

describe('notice rules', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('keeps one notice per cause: a newer one replaces the older, at the end', () => {
    let list: NoticeRecord[] = [];
    for (const step of [10, 20, 30, 40, 50, 60]) list = putNotice(list, restart(step));
    expect(list).toEqual([{ ...restart(60), serial: 6 }]);
    list = putNotice(list, { cause: 'export', kind: 'error', text: 'PNG export failed' });
    list = putNotice(list, restart(70));
    expect(list.map((n) => n.cause)).toEqual(['export', 'restart']);
    expect(list[1].text).toContain('step 70');
    expect(dropNotice(list, 'restart')).toEqual([list[0]]);
  });

  it('tells a repeated notice from the one it replaces, so it gets its whole lifetime', () => {
    const once = putNotice([], restart(3));
    const again = putNotice(once, restart(3));
    expect(again[0].text).toBe(once[0].text);
    expect(again[0].serial).toBeGreaterThan(once[0].serial!);
  });

  it('never repeats a phrase inside a notice', () => {
    expect(withoutRepeatedPhrases('Restarted (the start point changed, the start point changed) at step 5: the trajectories stay, faded.'))
      .toBe('Restarted (the start point changed) at step 5: the trajectories stay, faded.');
    expect(withoutRepeatedPhrases('Restarted (the target changed, the seed changed, The target changed) at step 1.'))
      .toBe('Restarted (the target changed, the seed changed) at step 1.');
    // different phrases, numbers with commas and a phrase repeated after other punctuation are kept
    expect(withoutRepeatedPhrases('glr=0.002,0.002@10; ignored x: x')).toBe('glr=0.002,0.002@10; ignored x: x');
    const put = putNotice([], { cause: 'restart', kind: 'info', text: 'Restarted (a, b, a) at step 2.' });
    expect(put[0].text).toBe('Restarted (a, b) at step 2.');
  });

  it('moving the start point in mu and sigma at once gives one reason, said once', () => {
    const before = defaultConfig();
    const { kind, restartReason } = classifyChange(before, { ...before, mu0: before.mu0 + 1, sigma0: before.sigma0 + 1 });
    expect(kind).toBe('restart');
    expect(restartReason).toBe('the start point changed');
  });

  it('errors and warnings persist; informational notices expire', () => {
    expect(noticeLifetime('error')).toBeNull();
    expect(noticeLifetime('warn')).toBeNull();
    expect(noticeLifetime('info')).toBe(NOTICE_FADE_MS);
    expect(NOTICE_FADE_MS).toBeGreaterThanOrEqual(6000);
    expect(NOTICE_FADE_MS).toBeLessThanOrEqual(8000);
  });

  it('an informational notice fades, then expires; a hold (hover or focus) stops its clock and a release gives it its whole time again', () => {
    vi.useFakeTimers();
    const events: string[] = [];
    const clock = createNoticeClock(NOTICE_FADE_MS, NOTICE_FADE_OUT_MS, { fade: () => events.push('fade'), expire: () => events.push('expire') });
    clock.start();
    vi.advanceTimersByTime(NOTICE_FADE_MS - NOTICE_FADE_OUT_MS - 1);
    expect(events).toEqual([]);
    clock.stop(); // hovered
    vi.advanceTimersByTime(10 * NOTICE_FADE_MS);
    expect(events).toEqual([]);
    clock.start(); // released
    vi.advanceTimersByTime(NOTICE_FADE_MS - NOTICE_FADE_OUT_MS);
    expect(events).toEqual(['fade']);
    vi.advanceTimersByTime(NOTICE_FADE_OUT_MS);
    expect(events).toEqual(['fade', 'expire']);
  });
});
