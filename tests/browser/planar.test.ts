// The 2-D page in Chromium: every preset trains and draws its views (screenshots of each), the
// problem switch keeps both experiments and their links, a bad link value is named and the rest
// kept, and the page fits a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { resolve } from 'node:path';
import { ARTIFACTS, baseUrl, launch, linkOf, openPlanarPage, pageErrors, planarStep, screenshot, stepCount } from './browser';
import { PLANAR_PRESETS } from '../../src/config/planarPresets';
import { planarConfigFromQuery } from '../../src/config/planarUrl';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});


/** Plays until `steps` steps are trained (or the experiment ends), then pauses. */
async function train(page: Page, steps: number): Promise<void> {
  await page.click('[data-testid="planar-play"]');
  await page.waitForFunction((n) => {
    const step = Number(document.querySelector('[data-testid="planar-step-count"] strong')?.textContent ?? 0);
    return step >= n || !!document.querySelector('[data-testid="planar-controls"] .done');
  }, steps, { timeout: 120_000 });
  if (await page.$('[data-testid="planar-pause"]')) await page.click('[data-testid="planar-pause"]');
  await page.waitForSelector('[data-testid="planar-play"]', { timeout: 30_000 });
}

describe('the 2-D page', () => {
  for (const preset of PLANAR_PRESETS) {
    it(`${preset.id}: trains from one click and draws the plane, the critics, the pushforward and the monitor`, async () => {
      const page = await openPlanarPage(browser, '?dim=2');
      await page.click(`[data-testid="planar-preset-${preset.id}"]`);
      await page.waitForSelector('[data-testid="planar-play"]:not([disabled])', { timeout: 60_000 });
      expect(page.url()).toContain(`preset=${preset.id}`);
      await train(page, 150);
      const trained = await planarStep(page);
      expect(trained).toBeGreaterThan(0);
      // the views show the step trained to
      await page.waitForFunction((n) => (document.querySelector('[data-testid="planar-data-plane"]')?.textContent ?? '').includes(`step ${n}`), trained, { timeout: 30_000 });
      const plane = await page.$eval('[data-testid="planar-data-plane"]', (el) => el.querySelectorAll('circle, path, line, polyline, canvas').length);
      expect(plane).toBeGreaterThan(20);
      for (const id of ['planar-critic-maps', 'planar-pushforward', 'planar-monitor']) {
        expect(await page.$(`[data-testid="${id}"]`), id).not.toBeNull();
      }
      if (preset.config.family.kind === 'isotropic') {
        await page.waitForSelector('[data-testid="planar-landscape"]', { timeout: 30_000 });
      }
      await page.screenshot({ path: resolve(ARTIFACTS, `planar-${preset.id}.png`), fullPage: true });
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    }, 240_000);
  }

  it('the problem switch keeps both experiments and restores each one\'s link', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl()}?steps=300&seeds=1`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    await page.click('[data-testid="step"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="step-counter"]')?.textContent === '1', undefined, { timeout: 30_000 });
    const oneD = new URL(page.url()).hash;
    await page.click('[data-testid="problem-2d"] >> visible=true');
    await page.waitForSelector('[data-testid="planar-play"]:not([disabled])', { timeout: 60_000 });
    expect(linkOf(page).get('dim')).toBe('2');
    expect(await page.isVisible('[data-testid="play"]')).toBe(false);
    await page.click('[data-testid="planar-step"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="planar-step-count"] strong')?.textContent === '1', undefined, { timeout: 30_000 });
    await page.click('[data-testid="problem-1d"] >> visible=true');
    expect(new URL(page.url()).hash).toBe(oneD);
    expect(await page.isVisible('[data-testid="play"]')).toBe(true);
    expect(await stepCount(page)).toBe(1);
    await page.click('[data-testid="problem-2d"] >> visible=true');
    expect(await planarStep(page)).toBe(1);
    // the problem left is paused: 1-D training stops when the page switches to 2-D
    await page.click('[data-testid="problem-1d"] >> visible=true');
    await page.click('[data-testid="play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) > 3, undefined, { timeout: 30_000 });
    await page.click('[data-testid="problem-2d"] >> visible=true');
    await page.click('[data-testid="problem-1d"] >> visible=true');
    await page.waitForSelector('[data-testid="play"]', { timeout: 30_000 });
    const paused = await stepCount(page);
    await page.waitForTimeout(1000);
    expect(await stepCount(page)).toBe(paused);
    await page.close();
  }, 120_000);

  it('a restart while playing plays on: Reset starts the experiment again and it keeps training', async () => {
    const page = await openPlanarPage(browser, '?dim=2&preset=fedus-rank-one&steps=100000');
    await page.click('[data-testid="planar-play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="planar-step-count"] strong')?.textContent) >= 3, undefined, { timeout: 60_000 });
    const before = await planarStep(page);
    await page.click('[data-testid="planar-reset"] >> visible=true');
    await page.locator('[data-testid="planar-notice"]', { hasText: /Restarted the 2-D experiment/ }).waitFor({ timeout: 10_000 });
    // the new experiment starts from step 0 and trains on without another click
    await page.waitForFunction((b) => {
      const step = Number(document.querySelector('[data-testid="planar-step-count"] strong')?.textContent);
      return step >= 2 && step < b + 2 && document.querySelector('[data-testid="planar-pause"]') !== null;
    }, before, { timeout: 60_000 });
    await page.click('[data-testid="planar-pause"]');
    await page.waitForSelector('[data-testid="planar-play"]', { timeout: 30_000 });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('a link with a bad value says which and keeps the rest; Copy link reproduces the configuration', async () => {
    const page = await openPlanarPage(browser, '?dim=2&preset=fedus-rank-one&steps=77&family=cubic');
    const notice = await page.textContent('[data-testid="planar-notice"]');
    expect(notice).toMatch(/family=cubic/);
    expect(await page.textContent('[data-testid="planar-step-count"]')).toMatch(/\/ 77/);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('[data-testid="copy-link"] >> visible=true');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const expected = planarConfigFromQuery('?dim=2&preset=fedus-rank-one&steps=77').config;
    expect(planarConfigFromQuery(link).config).toEqual(expected);
    await page.close();
  }, 120_000);

  it('fits a phone: no sideways scroll, Play on screen and tappable', async () => {
    const page = await openPlanarPage(browser, '?dim=2&preset=appendix-d-circle', { width: 390, height: 844 });
    await train(page, 10);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const play = await page.$eval('[data-testid="planar-play"]', (el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { inView: r.top >= 0 && r.bottom <= window.innerHeight, hit: !!top && (top === el || el.contains(top)) };
    });
    expect(play).toEqual({ inView: true, hit: true });
    await page.evaluate(() => window.scrollTo(0, 1400));
    await screenshot(page, 'planar-phone');
    await page.close();
  }, 120_000);
});
