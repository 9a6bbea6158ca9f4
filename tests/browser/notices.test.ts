// Notices that clear (one per cause, no repeated phrase, informational ones fade, held while
// hovered) and glossary terms that show their entry on keyboard focus and on a tap, on both pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { baseUrl, launch, openPage, pageErrors, screenshot, stepCount, waitForLandscapes } from './browser';
import { NOTICE_FADE_MS } from '../../src/ui/notices';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

async function stepsPast(page: Page, n: number, when = ''): Promise<void> {
  await page.waitForFunction((k) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) > k, n, { timeout: 60_000 }).catch(async (e) => {
    const seen = await page.evaluate(() => ({ step: document.querySelector('[data-testid="step-counter"]')?.textContent, bar: document.querySelector('#training-controls')?.textContent, notices: [...document.querySelectorAll('.notice')].map((x) => x.textContent), hash: location.hash.slice(0, 120), log: window.__fganTest?.engineLog().slice(-40) }));
    throw new Error(`${String(e)} ${when}; page: ${JSON.stringify(seen, null, 1)}`);
  });
}

/** The entry the focused or tapped word shows (visible), its box and text. */
async function shownEntry(page: Page, word: Locator) {
  const entry = page.locator(`[id="${await word.getAttribute('aria-describedby')}"]`);
  await entry.waitFor({ state: 'visible', timeout: 5_000 });
  return { entry, box: (await entry.boundingBox())!, text: (await entry.textContent()) ?? '' };
}

describe('notices and plain words', () => {
  it('restarts leave one restart notice, said once, that fades unless hovered', async () => {
    const page = await openPage(browser, '?steps=5000');
    await waitForLandscapes(page);
    const playTop = (await page.locator('[data-testid="play"]').boundingBox())!.y;
    await page.selectOption('[data-testid="speed"]', { label: '10 steps/s' });
    await page.click('[data-testid="play"]');
    for (const [field, value] of [['mu0', '0.5'], ['mu0', '0.7'], ['sigma0', '1.5'], ['mu0', '0.9'], ['sigma0', '1.7']]) {
      await stepsPast(page, 2, `before ${field}=${value}`);
      await page.fill(`[data-testid="${field}"]`, value);
      await page.locator(`[data-testid="${field}"]`).press('Tab');
      // the link holds the new start and a restart notice is up (it may read as the last one did)
      await page.waitForFunction(([f, v]) => new URLSearchParams(location.hash.slice(1)).get(f) === v
        && [...document.querySelectorAll('[data-testid="config-notice"]')].some((n) => /Restarted/.test(n.textContent ?? '')), [field, value], { timeout: 10_000 });
    }
    const restarts = page.locator('[data-testid="config-notice"]', { hasText: /Restarted|Reset/ });
    expect(await restarts.count()).toBe(1);
    const text = (await restarts.textContent()) ?? '';
    expect(text).toMatch(/Restarted \(the start point changed\) at step \d+/);
    expect(text.split('the start point changed').length - 1).toBe(1);
    expect(await page.locator('.notices .notice').count()).toBe(1 + (await page.locator('[data-testid="url-notice"], [data-testid="skipped-notice"], [data-testid="engine-notice"]').count()));
    await screenshot(page, 'notices-1280');
    // the notices pushed Play down by at most one notice
    const playNow = (await page.locator('[data-testid="pause"], [data-testid="play"]').first().boundingBox())!.y;
    expect(playNow - playTop).toBeLessThan(80);
    // hovered, it stays past its lifetime; let go, it fades and goes
    await restarts.hover();
    await page.waitForTimeout(NOTICE_FADE_MS + 1500);
    expect(await restarts.count()).toBe(1);
    await page.mouse.move(5, 790);
    await restarts.waitFor({ state: 'detached', timeout: NOTICE_FADE_MS + 5_000 });
    await page.click('[data-testid="pause"]').catch(() => undefined);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it('an error stays until dismissed', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    await page.evaluate(() => { HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback) { callback(null); }; });
    await page.click('[data-divergence="js"] button[aria-label$="as PNG"]');
    const notice = page.locator('[data-testid="config-notice"]', { hasText: 'PNG export' });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.getAttribute('data-kind')).toBe('error');
    await page.waitForTimeout(NOTICE_FADE_MS + 1500);
    expect(await notice.count()).toBe(1);
    await notice.getByRole('button', { name: /Dismiss/ }).click();
    expect(await notice.count()).toBe(0);
    await page.close();
  }, 60_000);

  it('a glossary term shows its entry on keyboard focus, hides it on Escape; the backend note is plain', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    const first = page.locator('.panel-title .term-word').first();
    const id = (await first.getAttribute('data-testid'))!;
    // reach it by the keyboard: focus it, then Tab away and Shift+Tab back
    await first.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(id);
    const { entry, box, text } = await shownEntry(page, first);
    expect(text.length).toBeGreaterThan(40);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    await screenshot(page, 'term-focus-1280');
    await page.keyboard.press('Escape');
    expect(await entry.isVisible()).toBe(false);
    // the scheme editor's words and the minimised divergence are terms too
    expect(await page.locator('[data-testid="scheme-0-minimises"] [data-term]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-term="critic-divergence"]').count()).toBeGreaterThan(0);
    const note = page.locator('[data-testid="backend-fallback"]');
    if (await note.count()) {
      // informational, in plain words; the renderer's name only behind Details
      expect(await note.locator('span').first().textContent()).toMatch(/^Training (runs on|moved to) the CPU/);
      expect(await note.locator('details').getAttribute('open')).toBeNull();
    }
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('at 390 px a tap shows a term\'s entry within the screen; the 2-D page has its terms', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(baseUrl(), { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="contour-panel"]', { timeout: 30_000 });
    await waitForLandscapes(page);
    const term = page.locator('.run-legend .term-word').first();
    await term.scrollIntoViewIfNeeded();
    await term.tap();
    const { box, text } = await shownEntry(page, term);
    expect(text.length).toBeGreaterThan(40);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await stepCount(page)).toBe(0);
    await screenshot(page, 'term-tap-390');
    await term.tap();
    await page.waitForFunction(() => [...document.querySelectorAll('[role="tooltip"]')].every((t) => (t as HTMLElement).hidden));
    await page.goto(`${baseUrl()}#dim=2`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="planar-controls"]', { timeout: 30_000 });
    const pushforward = page.locator('[data-testid="planar-pushforward"] [data-testid="term-pushforward"]');
    await pushforward.scrollIntoViewIfNeeded();
    await pushforward.tap();
    expect((await shownEntry(page, pushforward)).text).toMatch(/critic/);
    await screenshot(page, 'term-tap-390-2d');
    await context.close();
  }, 120_000);
});
