// The page by keyboard alone: from Play to the generator's learning rate in a few Tabs (the
// training buttons and the presets are one Tab stop each, and a skip link leads to the settings);
// a focused landscape panel moves the start with the arrow keys (into the form and the link),
// zooms with + and pans in pan mode; a target handle moves by keys; the 2-D page's skip links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, linkOf, openPage, pageErrors, screenshot, waitForLandscapes } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** What has focus: its test id, its class and its text. */
function focused(page: Page): Promise<{ testId: string; className: string; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { testId: el?.getAttribute('data-testid') ?? '', className: el?.getAttribute('class') ?? '', text: (el?.textContent ?? '').trim() };
  });
}

/**
 * Presses Tab until `done` holds for the focused element (Enter on a skip link named `via` when
 * it is reached); returns the Tabs pressed, less those that stopped on a glossary term (a term
 * is a Tab stop of its own, for its explanation; what is counted is the controls passed).
 */
async function tabUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, via: string | null, limit: number): Promise<number> {
  let terms = 0;
  for (let tabs = 1; tabs <= limit; tabs++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (done(f)) return tabs - terms;
    if (f.className.includes('term-word')) terms++;
    if (via && f.className.includes('skip-link') && f.text === via) await page.keyboard.press('Enter');
  }
  throw new Error(`not reached in ${limit} Tabs`);
}

/** From the top of the page to Play by keyboard: the skip link, then Enter. */
async function focusPlay(page: Page, play = 'play'): Promise<void> {
  await page.waitForSelector(`[data-testid="${play}"]:not([disabled])`, { timeout: 60_000 });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  expect((await focused(page)).testId).toBe(play);
}

/** The 1-D page (optimal critics) at 1280×800 with its landscapes drawn, focus on Play. */
async function openAtPlay(): Promise<Page> {
  const page = await openPage(browser, '?critic=optimal', { width: 1280, height: 800 });
  await waitForLandscapes(page);
  await focusPlay(page);
  return page;
}

const windowOf = (page: Page, id: string) => page.$eval(`[data-divergence="${id}"] svg.contour-svg[data-window]`, (svg) => svg.getAttribute('data-window')!.split(',').map(Number));

describe('the page by keyboard', () => {
  it('from Play: the training buttons are one Tab stop, and the generator learning rate is within 12 Tabs', async () => {
    const page = await openAtPlay();
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).testId).toBe('step');
    await page.keyboard.press('Home');
    expect((await focused(page)).testId).toBe('play');
    const toRate = await tabUntil(page, (f) => f.testId === 'generator-lr', 'Skip to the settings', 30);
    expect(toRate).toBeLessThanOrEqual(12);
    // the rate typed there takes effect
    await page.keyboard.press('Control+a');
    await page.keyboard.type('0.003');
    await page.waitForFunction(() => document.location.href.includes('glr=0.003'));
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('a focused panel moves the start with the arrow keys, zooms with + and pans in pan mode', async () => {
    const page = await openAtPlay();
    // the charts: the first landscape panel is a few Tabs after its skip link
    await tabUntil(page, (f) => f.className.includes('contour-plot'), 'Skip to the charts', 20);
    const id = await page.evaluate(() => document.activeElement!.closest('[data-divergence]')!.getAttribute('data-divergence')!);
    expect(await page.isVisible(`[data-divergence="${id}"] [data-testid="plot-keys-hint"]`)).toBe(true);
    expect(await page.getAttribute(`[data-divergence="${id}"] .contour-plot`, 'aria-label')).toMatch(/Arrow keys move the start.*\+ and − zoom.*P: pan mode/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowUp');
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('[data-testid="sigma0"]')?.value !== '1.8');
    const mu0 = Number(await page.inputValue('[data-testid="mu0"]'));
    const sigma0 = Number(await page.inputValue('[data-testid="sigma0"]'));
    expect(mu0).toBeGreaterThan(1.8);
    expect(mu0).toBeLessThanOrEqual(2);
    expect(sigma0).toBeGreaterThanOrEqual(2);
    await page.waitForFunction(() => document.location.href.includes('sigma0'));
    expect(Number(linkOf(page).get('mu0'))).toBe(mu0);
    expect(Number(linkOf(page).get('sigma0'))).toBe(sigma0);
    // the fitted window follows the start: measure it once it stands (the engine has taken the
    // new start, so that no restart is on its way)
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    const before = await windowOf(page, id);
    // + zooms in about the start, into the link
    await page.keyboard.press('+');
    await page.waitForFunction(() => document.location.href.includes('view'));
    const zoomed = await windowOf(page, id);
    expect(zoomed[1] - zoomed[0]).toBeCloseTo((before[1] - before[0]) / 1.5, 2);
    expect(zoomed[0]).toBeLessThan(mu0);
    expect(zoomed[1]).toBeGreaterThan(mu0);
    // pan mode: the arrows move the window, not the start
    await page.keyboard.press('p');
    expect(await page.textContent(`[data-divergence="${id}"] [data-testid="plot-keys-hint"]`)).toMatch(/^Pan mode/);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(([d, m]) => Number(document.querySelector(`[data-divergence="${d}"] svg.contour-svg[data-window]`)?.getAttribute('data-window')?.split(',')[0]) > Number(m), [id, zoomed[0]] as const);
    const panned = await windowOf(page, id);
    expect(panned[0] - zoomed[0]).toBeCloseTo((zoomed[1] - zoomed[0]) / 10, 2);
    expect(Number(await page.inputValue('[data-testid="mu0"]'))).toBe(mu0);
    await screenshot(page, 'keyboard-panel');
    // 0 fits the view again
    await page.keyboard.press('0');
    await page.waitForFunction(() => !document.location.href.includes('view='));
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it('a target handle moves by keys: the mean, the weight and the spread', async () => {
    const page = await openAtPlay();
    const peak = '[data-testid="data-space-chart"] [data-testid="target-component"][data-index="1"] [data-testid="peak-handle"]';
    await page.waitForSelector(peak);
    await tabUntil(page, (f) => f.testId === 'spread-handle', 'Skip to the charts', 80);
    // the first component's spread, then its peak, then the second component's
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /0\.35/.test(document.location.href));
    expect(linkOf(page).get('target')).toBe('0.5:0:0.35,0.5:2:1');
    await tabUntil(page, (f) => f.testId === 'peak-handle', null, 2);
    await tabUntil(page, (f) => f.testId === 'peak-handle', null, 3);
    expect(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), peak)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /0\.5:2\.1:1/.test(decodeURIComponent(document.location.href)));
    // the handle keeps focus across the change: Up raises its weight
    await page.keyboard.press('Shift+ArrowUp');
    await page.waitForFunction(() => /0\.6:2\.1:1/.test(decodeURIComponent(document.location.href)));
    expect(linkOf(page).get('target')).toBe('0.4:0:0.35,0.6:2.1:1');
    await screenshot(page, 'keyboard-target');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it('2-D page: the skip links lead to the training controls and to the settings, whose presets are one Tab stop', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl()}?dim=2`, { waitUntil: 'commit' });
    await focusPlay(page, 'planar-play');
    await tabUntil(page, (f) => f.testId.startsWith('planar-preset-'), 'Skip to the settings', 6);
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).testId).toMatch(/^planar-preset-/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('planar-kind');
    await page.close();
  }, 120_000);
});
