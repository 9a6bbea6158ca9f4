// The other seeds' objectives in the page: each preset trains, WGAN schemes bring the exact W1
// panel with its minimum, and a gradient penalty chosen on an f-GAN scheme goes into the URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, pageErrors, screenshot, stepCount, waitForLandscapes } from './browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('WGAN, gradient penalties and KL-WGAN in the page', () => {
  it('the WGAN-GP preset shows the W1 panel with its minimum and trains', async () => {
    const page = await openPage(browser);
    await page.click('[data-testid="preset-wgan-gp"]');
    await waitForLandscapes(page, 60_000);
    const w1 = page.locator('[data-testid="contour-panel"][data-divergence="w1"]');
    expect(await w1.count()).toBe(1);
    expect(await w1.locator('[data-testid="minimum"][data-global="true"]').count()).toBe(1);
    expect(await page.textContent('[data-testid="scheme-0-minimises"]')).toMatch(/Wasserstein/);
    expect(decodeURIComponent(page.url())).toContain('s=wgan-gp');
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    const before = await stepCount(page);
    await page.click('[data-testid="play"]');
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= b + 20, before, { timeout: 60_000 });
    await page.click('[data-testid="pause"]');
    expect(await page.locator('[data-testid="run-stopped"]').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await screenshot(page, 'wgan-gp');
    await page.close();
  });

  for (const preset of ['wgan', 'gan-gp', 'dragan-ns', 'kl-wgan']) {
    it(`the ${preset} preset trains without stopping`, async () => {
      const page = await openPage(browser, `?preset=${preset}`);
      await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
      await page.click('[data-testid="step"]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 1, undefined, { timeout: 30_000 });
      await page.click('[data-testid="play"]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 15, undefined, { timeout: 60_000 });
      await page.click('[data-testid="pause"]');
      expect(await page.locator('[data-testid="run-stopped"]').count()).toBe(0);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    });
  }

  it('the KL-WGAN preset says which variant it trains and shows its spectral norms as they train', async () => {
    const page = await openPage(browser, '?preset=kl-wgan');
    expect(await page.textContent('.config')).toMatch(/KL-WGAN as the authors' code trains it: hinge loss .* gradient through r/);
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    await page.click('[data-testid="play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 20, undefined, { timeout: 60_000 });
    await page.click('[data-testid="pause"]');
    await page.locator('[data-testid="data-space-chart"]').scrollIntoViewIfNeeded();
    const norms = page.locator('[data-testid="spectral-norms"]');
    await norms.waitFor({ timeout: 20_000 });
    // the page's 20x20 critic has three weight matrices; each estimate is a positive number
    const text = (await norms.textContent())!;
    expect(text).toMatch(/σ_max\(W₁…W₃\) ≈ [\d.]+, [\d.]+, [\d.]+ at step \d+/);
    expect(text.match(/[\d.]+(?=,|\s+at)/g)!.map(Number).every((x) => x > 0)).toBe(true);
    await screenshot(page, 'kl-wgan-spectral-norms');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
