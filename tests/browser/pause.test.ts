// A pause that answers at once, and honest progress figures: on Figure 5 (16 runs over several
// workers) the button says "Pausing…" at once, the counter and the paths stand
// still from then on, and the step the pause names is the step shown, which then does not move;
// the rate is the real one in slow motion, and no rate or time left comes from steps taken by hand.
// Pause latencies are printed (not asserted: they depend on the machine and its load).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, openPage, pageErrors, screenshot, stepCount } from './browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

interface PauseObservation {
  /** What the play button said first after the click (its first change of text). */
  firstSaid: string;
  /** The step counter at the click and in every frame until Play was back. */
  counterAtClick: number;
  countersWhilePausing: number[];
  pausedMs: number;
}

/** Clicks `pause` inside the page and watches the button and the counter until `play` is back. */
function pauseAndWatch(page: Page, ids: { bar: string; pause: string; play: string; counter: string }): Promise<PauseObservation> {
  return page.evaluate((ids) => new Promise<PauseObservation>((resolve) => {
    const counter = () => Number(document.querySelector(ids.counter)?.textContent);
    const button = () => document.querySelector(`${ids.bar} .play-button`)?.textContent ?? '';
    // the button's texts are watched as the DOM changes, not per frame: on a loaded machine the
    // engine's answer can come before the first frame after the click
    const said = [button()];
    const observer = new MutationObserver(() => { if (button() !== said.at(-1)) said.push(button()); });
    observer.observe(document.querySelector(ids.bar)!, { subtree: true, childList: true, characterData: true });
    const counterAtClick = counter();
    const t0 = performance.now();
    (document.querySelector(ids.pause) as HTMLButtonElement).click();
    const countersWhilePausing: number[] = [];
    const frame = () => {
      if (document.querySelector(ids.play)) {
        observer.disconnect();
        resolve({ firstSaid: said[1] ?? button(), counterAtClick, countersWhilePausing, pausedMs: performance.now() - t0 });
      }
      else { countersWhilePausing.push(counter()); requestAnimationFrame(frame); }
    };
    requestAnimationFrame(frame);
  }), ids);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const text = (page: Page, id: string) => page.textContent(`[data-testid="${id}"]`).then((t) => (t ?? '').trim());

describe('pause and progress', () => {
  it('Figure 5: "Pausing…" at once, the counter stands still, and the paused step is the one shown', async () => {
    const page = await openPage(browser, '?preset=figure5');
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    expect(Number(await text(page, 'worker-count').then((t) => t.split(' ')[0]))).toBeGreaterThan(1);
    const latencies: number[] = [];
    for (let round = 0; round < 3; round++) {
      await page.click('[data-testid="play"]');
      const from = await stepCount(page);
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= n + 20, from, { timeout: 120_000 });
      await page.waitForTimeout(500 + 400 * round);
      const seen = await pauseAndWatch(page, { bar: '#training-controls', pause: '[data-testid="pause"]', play: '[data-testid="play"]', counter: '[data-testid="step-counter"]' });
      latencies.push(seen.pausedMs);
      expect(seen.firstSaid).toBe('Pausing…');
      // progress stands still from the click until the engine says where it stopped
      expect(new Set(seen.countersWhilePausing)).toEqual(new Set(seen.countersWhilePausing.length ? [seen.counterAtClick] : []));
      const shown = await stepCount(page);
      expect(await text(page, 'paused-at')).toBe(`paused at step ${shown}`);
      expect(shown).toBeGreaterThanOrEqual(seen.counterAtClick);
      if (round === 0) await screenshot(page, 'pause-paused');
      await page.waitForTimeout(1500);
      expect(await stepCount(page)).toBe(shown);
      expect(await text(page, 'paused-at')).toBe(`paused at step ${shown}`);
      // nothing trained is lost: every run's path ends at the paused step
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
      const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { runs: { steps: number[] }[] };
      expect(exported.runs).toHaveLength(16);
      for (const run of exported.runs) expect(run.steps.at(-1)).toBe(shown);
    }
    const cpu = await page.evaluate(() => navigator.hardwareConcurrency);
    console.log(`Figure 5 pause -> stopped (${cpu} cores): median ${median(latencies).toFixed(0)} ms of ${latencies.map((l) => l.toFixed(0)).join(', ')} ms`);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('slow motion at 10 steps/s states a rate of at most 10.5 steps/s; steps by hand state no rate and no time left', async () => {
    const page = await openPage(browser);
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    expect(await text(page, 'steps-per-second')).toBe('—');
    expect(await text(page, 'time-left')).toBe('— left');
    // three steps by hand: still nothing to estimate from
    for (let n = 1; n <= 3; n++) {
      await page.click('[data-testid="step"]');
      await page.waitForFunction((k) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(k), n, { timeout: 20_000 });
    }
    await page.click('[data-testid="critic-update"]');
    await page.click('[data-testid="generator-update"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="step-counter"]')?.textContent === '4', undefined, { timeout: 20_000 });
    expect(await text(page, 'steps-per-second')).toBe('—');
    expect(await text(page, 'time-left')).toBe('— left');

    await page.selectOption('[data-testid="speed"]', { label: '10 steps/s' });
    await page.click('[data-testid="play"]');
    await page.waitForFunction(() => /^\d/.test(document.querySelector('[data-testid="steps-per-second"]')?.textContent ?? ''), undefined, { timeout: 20_000 });
    const rates: number[] = [];
    for (let k = 0; k < 8; k++) {
      rates.push(Number(await text(page, 'steps-per-second')));
      await page.waitForTimeout(500);
    }
    const left = await text(page, 'time-left');
    await screenshot(page, 'pause-slow-motion');
    console.log(`10 steps/s setting: rates shown ${rates.join(', ')}; ${left}`);
    for (const r of rates) {
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThanOrEqual(10.5);
    }
    // about 3990 steps at (at most) 10 a second: at least six and a half minutes
    expect(left).toMatch(/^\d+ (min|h \d+ min) left$/);
    expect(Number(left.split(' ')[0]) >= 6 || left.includes(' h ')).toBe(true);
    await page.click('[data-testid="pause"]');
    await page.waitForSelector('[data-testid="play"]', { timeout: 20_000 });
    // paused: no rate, and the time left still at the measured rate
    expect(await text(page, 'steps-per-second')).toBe('—');
    expect(await text(page, 'time-left')).toMatch(/^\d+ (min|h \d+ min) left$/);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('the 2-D page: "Pausing…" at once, and the paused step is the one shown', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl()}?dim=2`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="planar-play"]:not([disabled])', { timeout: 60_000 });
    expect(await text(page, 'planar-time-left')).toBe('— left');
    await page.click('[data-testid="planar-play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="planar-step-count"] strong')?.textContent) >= 20, undefined, { timeout: 120_000 });
    await page.waitForTimeout(1500);
    expect(await text(page, 'planar-steps-per-second')).toMatch(/^\d/);
    const seen = await pauseAndWatch(page, { bar: '[data-testid="planar-controls"]', pause: '[data-testid="planar-pause"]', play: '[data-testid="planar-play"]', counter: '[data-testid="planar-step-count"] strong' });
    expect(seen.firstSaid).toBe('Pausing…');
    expect(new Set(seen.countersWhilePausing)).toEqual(new Set(seen.countersWhilePausing.length ? [seen.counterAtClick] : []));
    const shown = Number(await page.textContent('[data-testid="planar-step-count"] strong'));
    expect(await text(page, 'planar-paused-at')).toBe(`paused at step ${shown}`);
    await page.waitForTimeout(1000);
    expect(Number(await page.textContent('[data-testid="planar-step-count"] strong'))).toBe(shown);
    console.log(`2-D default pause -> stopped: ${seen.pausedMs.toFixed(0)} ms`);
    await page.close();
  });
});
