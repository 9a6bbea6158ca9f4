// Shared helpers of the browser tests: Debian's Chromium driven by playwright-core.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts', process.env.FGAN_ARTIFACTS ?? '');
mkdirSync(ARTIFACTS, { recursive: true });

/** The screen sizes every page is tried at: phone, tablet, laptop and desktop. */
export const SCREEN_SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

export function baseUrl(): string {
  return inject('baseUrl') ?? process.env.FGAN_BASE_URL ?? `http://127.0.0.1:${process.env.FGAN_PORT ?? 4179}/`;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens the page at `query` (e.g. '?s=sat:js') and waits until the app has rendered. */
export async function openPage(browser: Browser, query = '', size = { width: 1280, height: 800 }): Promise<Page> {
  const page = await newPageAt(browser, query, size);
  await page.waitForSelector('[data-testid="contour-panel"]', { timeout: 30_000 });
  return page;
}

/** Opens the 2-D page at `query` (e.g. '?dim=2&preset=…') and waits until its engine is ready. */
export async function openPlanarPage(browser: Browser, query: string, size = { width: 1280, height: 800 }): Promise<Page> {
  const page = await newPageAt(browser, query, size);
  await page.waitForSelector('[data-testid="planar-play"]:not([disabled])', { timeout: 60_000 });
  return page;
}

/** A new page at `query`, its uncaught errors recorded for pageErrors. */
async function newPageAt(browser: Browser, query: string, size: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  ERRORS.set(page, errors);
  await page.goto(baseUrl() + query, { waitUntil: 'commit' });
  return page;
}

const ERRORS = new WeakMap<Page, string[]>();

/** The settings of the page's link, as its fragment holds them. */
/** The 2-D page's step counter. */
export const planarStep = (page: Page): Promise<number> => page.$eval('[data-testid="planar-step-count"] strong', (el) => Number(el.textContent));

export function linkOf(page: Page): URLSearchParams {
  return new URLSearchParams(new URL(page.url()).hash.slice(1));
}

/** Uncaught errors the page has thrown since it was opened. */
export function pageErrors(page: Page): string[] {
  return ERRORS.get(page) ?? [];
}

/** Waits until every contour panel has traced its contour lines. */
/**
 * Waits until every panel has its contours and minima, and the engine has started (its backend
 * line shows above the views, so that positions measured afterwards stay where they are).
 */
export async function waitForLandscapes(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => {
    const panels = [...document.querySelectorAll('[data-testid="contour-panel"]')];
    const started = !/starting/.test(document.querySelector('[data-testid="backend-in-use"]')?.textContent ?? 'starting');
    return started && panels.length > 0 && panels.every((p) => p.querySelectorAll('.contour-level').length > 0 && p.querySelectorAll('[data-testid="minimum"]').length > 0);
  }, undefined, { timeout: Math.max(timeout, 60_000) });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: false });
}

export async function stepCount(page: Page): Promise<number> {
  return Number(await page.textContent('[data-testid="step-counter"]'));
}
