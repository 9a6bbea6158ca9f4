// A phone: the stuck training bar is one compact row (Play, Step, the step counter, "More"), and
// over a landscape panel one finger scrolls the page (with a hint) while two fingers pan it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { baseUrl, launch, pageErrors, screenshot, waitForLandscapes } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const PHONE = { width: 390, height: 844 };

async function openPhone(query = ''): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(baseUrl() + query, { waitUntil: 'commit' });
  return { context, page, cdp: await context.newCDPSession(page) };
}

/** The panel's window as its SVG states it: muMin, muMax, sigmaMin, sigmaMax. */
const windowOf = (page: Page) => page.$eval('[data-divergence="js"] svg.contour-svg[data-window]', (svg) => svg.getAttribute('data-window')!.split(',').map(Number));

/** Fingers at `points`, moved in `steps` by (dx, dy), then lifted. */
async function drag(cdp: CDPSession, points: { x: number; y: number }[], dx: number, dy: number, steps = 8): Promise<void> {
  const at = (k: number) => points.map((p, i) => ({ x: p.x + (dx * k) / steps, y: p.y + (dy * k) / steps, id: i + 1 }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let k = 1; k <= steps; k++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(k) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

/** Waits until the page's scroll position stands still (a fling has ended). */
async function settle(page: Page): Promise<void> {
  let last = -1;
  for (let k = 0; k < 50; k++) {
    const y = await page.evaluate(() => window.scrollY);
    if (y === last) return;
    last = y;
    await page.waitForTimeout(100);
  }
}

describe('on a phone', () => {
  it('the stuck bar is one row of at most 15% of the screen: Play, Step and the step counter; "More" opens the rest', async () => {
    for (const query of ['', '?dim=2']) {
      const { context, page } = await openPhone(query);
      const prefix = query ? 'planar-' : '';
      await page.waitForSelector(`[data-testid="${prefix}play"]:not([disabled])`, { timeout: 60_000 });
      const bar = () => page.$eval('.training-dock', (d) => d.getBoundingClientRect().height);
      expect(await bar(), query).toBeLessThanOrEqual(0.15 * PHONE.height);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
      await page.waitForTimeout(200);
      await screenshot(page, `phone-bar${query ? '-2d' : ''}`);
      const play = await page.$eval(`[data-testid="${prefix}play"]`, (el) => {
        const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { top: r.top, bottom: r.bottom, hit: !!top && el.contains(top), height: r.height };
      });
      expect(play.hit, 'Play is on top where it is drawn').toBe(true);
      expect(play.top).toBeGreaterThanOrEqual(0);
      expect(play.height).toBeGreaterThanOrEqual(36);
      expect(await page.isVisible(`[data-testid="${prefix}step"]`)).toBe(true);
      expect(await page.isVisible(query ? '[data-testid="planar-step-count"]' : '[data-testid="step-counter"]')).toBe(true);
      const reset = `[data-testid="${prefix}reset"]`;
      expect(await page.isVisible(reset)).toBe(false);
      // both pages stay mounted: the toggle of the one shown
      const more = `${query ? '[data-testid="planar-controls"]' : '#training-controls'} [data-testid="more-toggle"]`;
      await page.tap(more);
      expect(await page.getAttribute(more, 'aria-expanded')).toBe('true');
      expect(await page.isVisible(reset)).toBe(true);
      await screenshot(page, `phone-bar-more${query ? '-2d' : ''}`);
      // a tap on Play plays
      await page.tap(`[data-testid="${prefix}play"]`);
      await page.waitForSelector(`[data-testid="${prefix}pause"]`, { timeout: 60_000 });
      await page.tap(`[data-testid="${prefix}pause"]`);
      expect(pageErrors(page)).toEqual([]);
      await context.close();
    }
  }, 240_000);

  it('one finger over a panel scrolls the page and says to use two; two fingers pan the panel', async () => {
    const { context, page, cdp } = await openPhone('?critic=optimal');
    await waitForLandscapes(page);
    await page.locator('[data-divergence="js"] svg.contour-svg[data-window]').scrollIntoViewIfNeeded();
    const before = await windowOf(page);
    const box = (await page.locator('[data-divergence="js"] .contour-plot').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const scrolled = await page.evaluate(() => window.scrollY);
    // one finger upwards by 200 px: the page scrolls down, the window stays
    await drag(cdp, [centre], 0, -200);
    await page.waitForFunction((y) => window.scrollY > y + 100, scrolled, { timeout: 5_000 });
    await page.waitForSelector('[data-divergence="js"] [data-testid="touch-hint"]', { timeout: 5_000 });
    expect(await page.textContent('[data-divergence="js"] [data-testid="touch-hint"]')).toBe('Use two fingers to pan');
    await screenshot(page, 'touch-one-finger');
    expect(await windowOf(page)).toEqual(before);
    expect(page.url()).not.toContain('view=');
    // two fingers 80 px apart, moved 60 px to the left together: the window moves right, its size kept
    await settle(page);
    await page.evaluate(() => document.querySelector('[data-divergence="js"] .contour-plot')!.scrollIntoView({ block: 'center' }));
    await settle(page);
    const box2 = (await page.locator('[data-divergence="js"] .contour-plot').boundingBox())!;
    const mid = { x: box2.x + box2.width / 2, y: box2.y + box2.height / 2 };
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await drag(cdp, [{ x: mid.x - 40, y: mid.y }, { x: mid.x + 40, y: mid.y }], -60, 0);
    await page.waitForFunction(() => document.location.href.includes('view='), undefined, { timeout: 5_000 });
    const after = await windowOf(page);
    const span = before[1] - before[0];
    expect(after[1] - after[0]).toBeCloseTo(span, 2);
    const plotWidth = await page.$eval('[data-divergence="js"] svg.contour-svg[data-box]', (svg) => {
      const box = svg.getAttribute('data-box')!.split(',').map(Number);
      return box[2] * (svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width);
    });
    expect(after[0] - before[0]).toBeCloseTo((60 / plotWidth) * span, 1);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    await screenshot(page, 'touch-two-fingers');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  }, 180_000);
});
