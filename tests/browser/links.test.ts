// Links in real Chromium: the settings live in the fragment (`#…`), so a link of any length opens
// the page; links in the older `?…` spelling are read and rewritten to `#…`; a new fragment
// (typed, or reached by Back) opens that link; in-page links leave the fragment alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, linkOf, openPage, pageErrors, screenshot, stepCount } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const fragmentOf = (url: string) => decodeURIComponent(new URL(url).hash);

describe('links in the fragment', () => {
  it('a 200 kB link with a long hostile value opens the page, says what was not used, and trains', async () => {
    const link = `#s=sat:js&mu0=${'9'.repeat(200_000)}x`;
    expect(link.length).toBeGreaterThan(200_000);
    const page = await openPage(browser, link);
    const notice = await page.waitForSelector('[data-testid="url-notice"]');
    expect(await notice.textContent()).toMatch(/ignored the whole link: it is 200014 characters long, at most 32768 are read/);
    // the notice is short: the value itself is never echoed
    expect((await notice.textContent())!.length).toBeLessThan(400);
    await page.waitForSelector('[data-testid="step"]:not([disabled])', { timeout: 60_000 });
    await page.click('[data-testid="step"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="step-counter"]')?.textContent === '1', undefined, { timeout: 30_000 });
    await screenshot(page, 'link-200kB');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('a configuration round-trips through the fragment, and Copy link shares a #… link', async () => {
    const page = await openPage(browser, '#s=hyb:igog:js;glr=0.003&seeds=2&mu0=0.5');
    expect(await page.inputValue('[data-testid="scheme-0-f"]')).toBe('igog');
    expect(await page.inputValue('[data-testid="generator-lr"]')).toBe('0.003');
    expect(await page.inputValue('[data-testid="mu0"]')).toBe('0.5');
    expect(await page.$('[data-testid="url-notice"]')).toBeNull();
    await page.fill('[data-testid="sigma0"]', '2.5');
    await page.waitForFunction(() => location.hash.includes('sigma0=2.5'));
    expect(new URL(page.url()).search).toBe('');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('[data-testid="copy-link"]');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(`${baseUrl()}#`)).toBe(true);
    const again = await openPage(browser, new URL(copied).hash);
    expect(await again.inputValue('[data-testid="scheme-0-f"]')).toBe('igog');
    expect(await again.inputValue('[data-testid="sigma0"]')).toBe('2.5');
    expect(fragmentOf(again.url())).toBe(fragmentOf(copied));
    await page.close();
    await again.close();
  });

  it('a ?… link still works and ends up as #… without a reload; presets in either spelling', async () => {
    const page = await openPage(browser, '?preset=figure5');
    await page.evaluate(() => { (window as unknown as { __sameDocument: boolean }).__sameDocument = true; });
    expect(new URL(page.url()).search).toBe('');
    expect(linkOf(page).get('preset')).toBe('figure5');
    expect(await page.$$eval('[data-testid^="scheme-"][data-testid$="-family"]', (s) => s.length)).toBe(4);
    const fragmentPreset = await openPage(browser, '#preset=figure5');
    expect(await fragmentPreset.$$eval('[data-testid^="scheme-"][data-testid$="-family"]', (s) => s.length)).toBe(4);
    // the rewrite did not reload the page (what the page set on its window is still there)
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await page.close();
    await fragmentPreset.close();
  });

  it('a link with settings after both ? and # reads the # part and says so', async () => {
    const page = await openPage(browser, '?seeds=3#seeds=2&mu0=0.5');
    expect(await page.textContent('[data-testid="url-notice"]')).toMatch(/read those after #, ignored those after \?/);
    expect(await page.inputValue('[data-testid="mu0"]')).toBe('0.5');
    expect(new URL(page.url()).search).toBe('');
    expect(linkOf(page).get('seeds')).toBe('2');
    await page.close();
  });

  it('a new fragment opens its link, Back returns to the previous one, and in-page links leave it alone', async () => {
    const page = await openPage(browser, '#mu0=0.5', { width: 390, height: 844 });
    // the tablet and phone layouts link to the configuration below the views: it scrolls there
    await page.click('.to-config');
    await page.waitForFunction(() => window.scrollY > 0);
    expect(linkOf(page).get('mu0')).toBe('0.5');
    await page.evaluate(() => { location.hash = 'mu0=1.5'; });
    await page.waitForFunction(() => (document.querySelector('[data-testid="mu0"]') as HTMLInputElement | null)?.value === '1.5', undefined, { timeout: 30_000 });
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => (document.querySelector('[data-testid="mu0"]') as HTMLInputElement | null)?.value === '0.5', undefined, { timeout: 30_000 });
    expect(linkOf(page).get('mu0')).toBe('0.5');
    await page.waitForSelector('[data-testid="step"]:not([disabled])', { timeout: 60_000 });
    expect(await stepCount(page)).toBe(0);
    await page.close();
  });

  it('2-D links: a ?… link ends up as #…, and a #… link opens the 2-D page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl()}?dim=2&preset=fedus-parallel-line&steps=77`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="planar-play"]:not([disabled])', { timeout: 60_000 });
    expect(new URL(page.url()).search).toBe('');
    expect(linkOf(page).get('dim')).toBe('2');
    expect(await page.textContent('[data-testid="planar-step-count"]')).toMatch(/\/ 77/);
    await page.goto(`${baseUrl()}#dim=2&preset=fedus-parallel-line&steps=55`, { waitUntil: 'commit' });
    await page.waitForFunction(() => /\/ 55/.test(document.querySelector('[data-testid="planar-step-count"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.close();
  }, 120_000);
});

describe('a shared schedule is visible before it fires', () => {
  it('1-D: the timeline has a tick at the scheduled step and the form says what will change; the path marks it once reached', async () => {
    const page = await openPage(browser, '#s=ns:js;glr=0.002,0.01@887&steps=2000');
    const tick = await page.waitForSelector('[data-testid="schedule-tick"]');
    expect(await tick.getAttribute('data-step')).toBe('887');
    expect(await tick.getAttribute('title')).toBe('step 887: non-saturating JS: generator learning rate 0.01');
    expect(await page.textContent('[data-testid="schedule-next"]')).toContain('step 887: non-saturating JS: generator learning rate 0.01');
    // the tick sits at 887/2000 of the track
    const track = (await page.locator('.timeline-track').boundingBox())!;
    const box = (await tick.boundingBox())!;
    expect((box.x + box.width / 2 - track.x) / track.width).toBeCloseTo(887 / 2000, 2);
    const hint = page.locator('[data-testid="generator-lr"] ~ .field-hint');
    expect(await hint.textContent()).toBe('0.002 → 0.01 at step 887');
    expect(await page.inputValue('[data-testid="generator-lr"]')).toBe('0.002');
    expect(await page.$$('[data-testid="change-marker"]')).toHaveLength(0);
    await screenshot(page, 'schedule-ahead-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'schedule-ahead-390');
    await page.close();

    // a change two steps ahead: stepping past it moves the tick behind the progress and marks the path
    const near = await openPage(browser, '#s=ns:js;glr=0.002,0.01@2&steps=40&critic=optimal');
    await near.waitForSelector('[data-testid="step"]:not([disabled])', { timeout: 60_000 });
    for (let k = 1; k <= 3; k++) {
      await near.click('[data-testid="step"]');
      await near.waitForFunction((n) => document.querySelector('[data-testid="step-counter"]')?.textContent === String(n), k, { timeout: 30_000 });
    }
    await near.waitForSelector('[data-testid="change-marker"][data-step="2"]', { state: 'attached', timeout: 30_000 });
    expect(await near.getAttribute('[data-testid="schedule-tick"]', 'class')).toContain('passed');
    expect(await near.$('[data-testid="schedule-next"]')).toBeNull();
    expect(await near.$('[data-testid="generator-lr"] ~ .field-hint')).toBeNull();
    expect(await near.inputValue('[data-testid="generator-lr"]')).toBe('0.01');
    await near.close();
  }, 120_000);

  it('2-D: the timeline has the tick and the scheme editor says what will change', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl()}#dim=2&preset=appendix-d-circle&steps=2000&s=ns:js;glr=0.03,0.005@1000`, { waitUntil: 'commit' });
    const tick = await page.waitForSelector('[data-testid="planar-controls"] [data-testid="schedule-tick"]', { timeout: 60_000 });
    expect(await tick.getAttribute('data-step')).toBe('1000');
    expect(await tick.getAttribute('title')).toBe('step 1000: non-saturating JS: generator learning rate 0.005');
    expect(await page.textContent('[data-testid="planar-schedule-ahead"]')).toBe('non-saturating JS: generator learning rate 0.03 → 0.005 at step 1000');
    await screenshot(page, 'schedule-ahead-2d');
    await page.close();
  }, 120_000);
});
