// Training curves in Chromium: after a few hundred steps both pages draw a line per run in the
// training-curves chart (losses, and gradient norms on a log axis), and the 1-D CSV export has
// the readings' columns and the recording rule. Screenshots at 390 and 1280 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ARTIFACTS, baseUrl, launch, openPage, pageErrors, screenshot, stepCount } from './browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** The runs drawn in a curves chart (lines with a path). */
function linesIn(page: Page, testId: string): Promise<number> {
  return page.$$eval(`[data-testid="${testId}"] .recharts-line path.recharts-curve`, (paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 20).length);
}

async function showCurves(page: Page, testId: string, size: string): Promise<void> {
  const chart = page.locator(`[data-testid="${testId}"]`);
  await chart.scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => document.querySelectorAll(`[data-testid="${id}"] .recharts-line`).length > 0, testId, { timeout: 30_000 });
  await screenshot(page, `curves-${testId}-${size}`);
}

describe('training curves', () => {
  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`1-D page at ${size.width} px: a line per run for losses and gradient norms; the CSV has the columns`, async () => {
      // two schemes, learned and optimal critics: four runs; the optimal ones have no critic loss
      const page = await openPage(browser, '?s=ns:js&s=sat:js&critic=both', size);
      await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
      await page.click('[data-testid="play"]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent ?? 0) >= 300, undefined, { timeout: 120_000 });
      await page.click('[data-testid="pause"]');
      expect(await stepCount(page)).toBeGreaterThanOrEqual(300);
      // a paced view off screen keeps its last value: bring the chart into view
      await page.locator('[data-testid="training-curves"]').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="training-curves"] .recharts-line').length >= 2, undefined, { timeout: 30_000 });
      expect(await linesIn(page, 'training-curves')).toBe(2); // critic loss: the two learned critics
      await page.selectOption('[data-testid="training-curves-quantity"]', 'generatorGradNorm');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="training-curves"] .recharts-line').length === 4, undefined, { timeout: 30_000 });
      expect(await linesIn(page, 'training-curves')).toBe(4);
      expect(await page.textContent('[data-testid="training-curves"]')).toMatch(/logarithmic axis/);
      await showCurves(page, 'training-curves', String(size.width));
      if (size.width === 1280) {
        const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
        const text = readFileSync((await file.path())!, 'utf8');
        writeFileSync(resolve(ARTIFACTS, 'curves-trajectories.csv'), text);
        const lines = text.split('\n');
        // the link reopens the page on the configuration the file came from
        expect(lines[0]).toMatch(/^# link: http:\/\/\S+$/);
        expect(lines[1]).toMatch(/^# steps are multiples of the recording stride/);
        const header = lines.find((l) => l.startsWith('run,'))!;
        expect(header).toBe('run,label,step,mu,sigma,critic_loss,generator_loss,critic_grad_norm,generator_grad_norm');
        const rows = lines.filter((l) => /^\d/.test(l)).map((l) => l.split(','));
        const later = rows.filter((r) => Number(r.at(-7)) > 0);
        expect(later.length).toBeGreaterThan(0);
        for (const r of later) expect(Number.isFinite(Number(r.at(-1))) && r.at(-1) !== '').toBe(true);
      }
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    }, 240_000);
  }

  it('2-D page: a line per run after a few hundred steps', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl()}?dim=2&preset=fedus-parallel-line`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="planar-play"]:not([disabled])', { timeout: 60_000 });
    await page.click('[data-testid="planar-play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="planar-step-count"] strong')?.textContent ?? 0) >= 200, undefined, { timeout: 180_000 });
    await page.click('[data-testid="planar-pause"]');
    await page.locator('[data-testid="planar-curves"]').scrollIntoViewIfNeeded();
    await page.selectOption('[data-testid="planar-curves-quantity"]', 'generatorLoss');
    const runs = await page.$$eval('[data-testid^="planar-run-"]', (b) => b.length);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="planar-curves"] .recharts-line').length === n, runs, { timeout: 30_000 });
    expect(await linesIn(page, 'planar-curves')).toBe(runs);
    await showCurves(page, 'planar-curves', '1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await showCurves(page, 'planar-curves', '390');
    await page.close();
  }, 300_000);
});
