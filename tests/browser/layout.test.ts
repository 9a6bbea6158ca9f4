// The page at phone, tablet, laptop and desktop sizes: no sideways scrolling, Play on screen,
// uncovered and tappable (also scrolled down), the skip link as the first Tab stop, chart SVGs
// that are not unnamed tab stops, and a divergence monitor whose axis follows the true values.
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

const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** Where the element sits, whether it is inside the viewport, and what the page shows at its centre. */
async function hitTest(page: Page, selector: string): Promise<{ inView: boolean; hit: boolean; top: string; box: { x: number; y: number; width: number; height: number } }> {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const top = document.elementFromPoint(cx, cy);
    return {
      inView: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth,
      hit: top !== null && (top === el || el.contains(top)),
      top: top ? `${top.tagName.toLowerCase()}.${[...top.classList].join('.')}` : 'nothing',
      box: { x: r.left, y: r.top, width: r.width, height: r.height },
    };
  });
}

/** Clicks the centre of the element where it is now, as a finger would (no scrolling into view). */
async function tapCentre(page: Page, selector: string): Promise<void> {
  const { box } = await hitTest(page, selector);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Checks Play where it is now: on screen, not covered, and a tap plays and a tap on Pause pauses. */
async function expectPlayTappable(page: Page, where: string): Promise<void> {
  const play = await hitTest(page, '[data-testid="play"]');
  expect(play.inView, `Play on screen (${where})`).toBe(true);
  expect(play.hit, `Play not covered (${where}): ${play.top} is on top`).toBe(true);
  await tapCentre(page, '[data-testid="play"]');
  await page.waitForSelector('[data-testid="pause"]', { timeout: 10_000 });
  const pause = await hitTest(page, '[data-testid="pause"]');
  expect(pause.hit, `Pause not covered (${where}): ${pause.top} is on top`).toBe(true);
  await tapCentre(page, '[data-testid="pause"]');
  await page.waitForSelector('[data-testid="play"]', { timeout: 10_000 });
}

describe('the page at every screen size', () => {
  for (const size of SIZES) {
    it(`${size.width}×${size.height}: no sideways scroll, Play reachable and tappable, skip link first, named chart SVGs`, async () => {
      const page = await openPage(browser, '', size);
      await waitForLandscapes(page);
      await page.waitForSelector('[data-testid="monitor-chart"] svg.recharts-surface', { timeout: 30_000 });

      // nothing sticks out sideways
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner);

      // the skip link is the first Tab stop and moves focus to the training controls
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
      const skip = await hitTest(page, '.skip-link');
      expect(skip.inView, 'the focused skip link is visible').toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.closest('#training-controls') !== null)).toBe(true);

      // no chart SVG is a tab stop without a name
      const svgs = await page.$$eval('svg', (all) => all.map((svg) => ({
        focusable: (svg as SVGSVGElement).tabIndex >= 0,
        name: [svg.getAttribute('aria-label') ?? '', svg.getAttribute('aria-labelledby') ?? '', svg.querySelector(':scope > title')?.textContent ?? ''].join('').trim(),
        where: svg.closest('[data-testid]')?.getAttribute('data-testid') ?? svg.getAttribute('class') ?? 'svg',
      })));
      expect(svgs.filter((s) => s.where.endsWith('-chart')).length).toBeGreaterThanOrEqual(4);
      expect(svgs.filter((s) => s.focusable && !s.name).map((s) => s.where)).toEqual([]);

      // Play at the top of the page, then with the page scrolled to the charts and to the end
      await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
      await screenshot(page, `size-${size.width}-top`);
      await expectPlayTappable(page, 'top of the page');
      await page.locator('[data-testid="monitor-chart"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await screenshot(page, `size-${size.width}-charts`);
      await expectPlayTappable(page, 'scrolled to the monitor');
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(300);
      await screenshot(page, `size-${size.width}-end`);
      await expectPlayTappable(page, 'scrolled to the end');
      expect(await stepCount(page)).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    });
  }

  it('at 1280×800 the landscape panels area holds two columns of 260 px panels', async () => {
    const page = await openPage(browser, '', { width: 1280, height: 800 });
    await waitForLandscapes(page);
    const width = await page.$eval('section.panels', (el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThanOrEqual(2 * 260 + 16);
    await page.close();
  });
});
