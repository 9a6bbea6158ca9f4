// The 2-D page on the engine's one shell, in Chromium: a setting of how training proceeds, edited
// while the experiment trains on two workers, applies from the next step without a restart and
// goes into the link as a schedule that replays; slow motion moves the critic and the generator
// apart; a lost WebGL context moves training to wasm and it goes on from where it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, linkOf, openPlanarPage, pageErrors, planarStep, screenshot } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const waitForStep = (page: Page, atLeast: number, timeout = 60_000) => page.waitForFunction(
  (n) => Number(document.querySelector('[data-testid="planar-step-count"] strong')?.textContent) >= n, atLeast, { timeout });

async function pause(page: Page): Promise<number> {
  await page.click('[data-testid="planar-pause"]');
  await page.waitForSelector('[data-testid="planar-play"]:not([disabled])', { timeout: 30_000 });
  return planarStep(page);
}

describe('2-D live changes and recovery', () => {
  it('a batch-size edit mid-run applies from the next step on both workers, and its link replays it as a schedule', async () => {
    const page = await openPlanarPage(browser, '?dim=2&preset=fedus-rank-one&steps=100000');
    await page.click('[data-testid="planar-play"]');
    await waitForStep(page, 5);
    const at = await pause(page);
    expect(await page.textContent('[data-testid="planar-worker-count"]')).toBe('2 workers');
    await page.fill('#planar-batch', '64');
    expect(await page.textContent('[data-testid="planar-apply"]')).toBe('Apply from the next step');
    await page.click('[data-testid="planar-apply"]');
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('batch')?.includes('@'), undefined, { timeout: 30_000 });
    expect(linkOf(page).get('batch')).toBe(`256,64@${at}`);
    // no restart: the counter stays, and training goes on from there
    expect(await planarStep(page)).toBe(at);
    expect(await page.locator('[data-testid="planar-notice"]', { hasText: 'Restarted' }).count()).toBe(0);
    await page.click('[data-testid="planar-play"]');
    await waitForStep(page, at + 5);
    await pause(page);
    expect(await page.inputValue('#planar-batch')).toBe('64');
    await screenshot(page, 'planar-live-batch');
    // the link opens the experiment with the schedule: batch 256 at the start, 64 from step `at`
    const copy = await openPlanarPage(browser, `#${new URL(page.url()).hash.slice(1)}`);
    expect(linkOf(copy).get('batch')).toBe(`256,64@${at}`);
    expect(await copy.inputValue('#planar-batch')).toBe(`256,64@${at}`);
    expect(await copy.textContent('[data-testid="planar-controls"]')).toContain(`step ${at}`);
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(copy)).toEqual([]);
    await copy.close();
    await page.close();
  }, 180_000);

  it('slow motion: a critic update moves the critic and not q, the generator update moves q and ends the step; a slow speed holds across Reset', async () => {
    const page = await openPlanarPage(browser, '?dim=2&preset=appendix-d-correlated&steps=1000&csteps=2');
    await page.click('[data-testid="planar-step"]');
    await waitForStep(page, 1);
    const html = (selector: string) => page.$eval(selector, (el) => el.innerHTML);
    // the critic's outputs on real and fake samples (the pushforward) show each critic update
    const critic = '[data-testid="planar-pushforward"] svg[role="application"]';
    const paths = '[data-testid="planar-data-plane"] .planar-mean-paths';
    await page.waitForSelector(critic);
    // charts follow the engine while they are on screen
    await page.locator(critic).scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    const before = { critic: await html(critic), paths: await html(paths) };
    await page.click('[data-testid="planar-critic-update"]');
    await page.waitForFunction((was) => document.querySelector('[data-testid="planar-pushforward"] svg[role="application"]')?.innerHTML !== was, before.critic, { timeout: 30_000 });
    expect(await page.textContent('[data-testid="planar-step-count"]')).toContain('critic update 1 of 2 done');
    expect(await html(paths)).toBe(before.paths);
    await page.click('[data-testid="planar-generator-update"]');
    await waitForStep(page, 2);
    await page.waitForFunction((was) => document.querySelector('[data-testid="planar-data-plane"] .planar-mean-paths')?.innerHTML !== was, before.paths, { timeout: 30_000 });
    expect(await page.textContent('[data-testid="planar-step-count"]')).not.toContain('critic update');
    await screenshot(page, 'planar-slow-motion');
    // a slow speed holds across Reset: the rate shown stays at or under it
    await page.selectOption('[data-testid="planar-speed"]', { label: '5 steps/s' });
    await page.click('[data-testid="planar-reset"]');
    await page.waitForSelector('[data-testid="planar-play"]:not([disabled])', { timeout: 60_000 });
    await page.click('[data-testid="planar-play"]');
    await page.waitForFunction(() => /^\d/.test(document.querySelector('[data-testid="planar-steps-per-second"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const rates: number[] = [];
    for (let k = 0; k < 4; k++) {
      rates.push(Number(await page.textContent('[data-testid="planar-steps-per-second"]')));
      await page.waitForTimeout(500);
    }
    for (const r of rates) expect(r).toBeGreaterThan(0);
    for (const r of rates) expect(r).toBeLessThanOrEqual(5.25);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('survives a lost WebGL context: 2-D training goes on on wasm from the last good step, with a notice', async () => {
    const page = await openPlanarPage(browser, '?dim=2&preset=fedus-rank-one&steps=100000&backend=webgl');
    expect(await page.textContent('[data-testid="planar-backend"]')).toContain('webgl');
    await page.click('[data-testid="planar-play"]');
    await waitForStep(page, 10);
    await page.evaluate(() => (window as unknown as { __fganTest: { loseWebglContext(): void } }).__fganTest.loseWebglContext());
    await page.waitForFunction(() => document.querySelector('[data-testid="planar-backend"]')?.textContent?.includes('wasm'), undefined, { timeout: 60_000 });
    expect(await page.textContent('body')).toMatch(/WebGL backend failed \(the WebGL context was lost\); training continues on wasm from generator step \d+/);
    const after = await planarStep(page);
    await waitForStep(page, after + 10);
    await pause(page);
    expect(await page.locator('[data-testid="planar-notice"]', { hasText: 'NaN' }).count()).toBe(0);
    await screenshot(page, 'planar-webgl-lost');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 180_000);
});

