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
