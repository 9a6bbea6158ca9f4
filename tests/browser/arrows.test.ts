// The runs' move arrows on the landscape panels in real Chromium: one stated scale per step (a key
// on the panel and in its export), a moving run drawn long, a converged one at rest.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, pageErrors, screenshot, stepCount, waitForLandscapes } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Figure 5's eight optimal-critic runs trained to their last step with the arrows on, and every
 * run's move arrow on every panel once the arrows have caught up with that step.
 */
async function trainFigure5Optimal(steps: number, timeout: number): Promise<{ page: Page; drawn: Drawn[] }> {
  const page = await openPage(browser, `?preset=figure5&critic=optimal&steps=${steps}`);
  await waitForLandscapes(page);
  await page.check('[data-testid="gradient-toggle"]');
  await page.click('[data-testid="play"]');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= n, steps, { timeout, polling: 250 });
  expect(await stepCount(page)).toBe(steps);
  const drawn = await moveArrows(page);
  expect(drawn).toHaveLength(8);
  return { page, drawn };
}

interface Drawn {
  run: number;
  length: number;
  atRest: boolean;
  title: string;
  /** The panel's full arrow length: an eighth of its plot's smaller side. */
  full: number;
}

/** Every run's move arrow on every panel. */
async function moveArrows(page: Page): Promise<Drawn[]> {
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-direction"]').length > 0);
  return page.$$eval('[data-testid="contour-panel"]', (panels) => panels.flatMap((p) => {
    const [, , width, height] = p.querySelector('svg.contour-svg[data-box]')!.getAttribute('data-box')!.split(',').map(Number);
    return [...p.querySelectorAll('[data-testid="run-direction"]')].map((d) => ({
      run: Number(d.getAttribute('data-run')),
      length: Number(d.getAttribute('data-arrow-length')),
      atRest: d.getAttribute('data-at-rest') === 'true',
      title: d.querySelector('title')?.textContent ?? '',
      full: Math.min(width, height) / 8,
    }));
  }));
}

describe('move arrows', () => {
  it('after a few steps the optimal-critic runs still descend: arrows on one scale, keyed per step', async () => {
    const { page, drawn } = await trainFigure5Optimal(30, 60_000);
    // Adam's first steps are its largest: every run still moves at a good part of the fastest pace
    for (const d of drawn) {
      expect(d.atRest, d.title).toBe(false);
      expect(d.length, d.title).toBeGreaterThan(0.2 * d.full);
      expect(d.length, d.title).toBeLessThanOrEqual(d.full + 1e-6);
    }
    const keys = await page.$$eval('[data-testid="move-key"]', (ks) => ks.map((k) => ({ value: Number(k.getAttribute('data-value')), text: k.textContent ?? '' })));
    expect(keys).toHaveLength(4);
    // one scale: the same key on every panel (they share one window)
    expect(new Set(keys.map((k) => k.text)).size).toBe(1);
    expect(keys[0].text).toContain(`${keys[0].value} per step`);
    await screenshot(page, 'arrows-moving');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('a converged optimal-critic run draws no long arrow, on the panel and in its export', async () => {
    const { page, drawn } = await trainFigure5Optimal(4000, 240_000);
    for (const d of drawn) {
      if (!d.atRest) expect(d.length, d.title).toBeLessThan(0.25 * d.full);
      else expect(d.title).toMatch(/at rest/);
    }
    expect(drawn.filter((d) => d.atRest).length).toBeGreaterThanOrEqual(4);
    await page.locator('[data-divergence="srkl"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'arrows-converged');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-divergence="srkl"] button[aria-label$="as SVG"]')]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg).toMatch(/data-testid="move-key"[^>]*>.*per step/s);
    expect(svg).toContain('data-testid="run-direction"');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
