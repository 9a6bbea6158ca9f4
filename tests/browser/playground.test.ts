// The playground in real Chromium: the first page, playing, the URL round trip, malformed links,
// refused input, presets, exports, names for screen readers, layouts that show training, and a
// responsiveness measurement while training.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, linkOf, openPage, pageErrors, screenshot, stepCount, waitForLandscapes } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function minimaCounts(page: Page): Promise<Record<string, { all: number; global: number }>> {
  return page.$$eval('[data-testid="contour-panel"]', (panels) => Object.fromEntries(panels.map((p) => [
    p.getAttribute('data-divergence'),
    { all: p.querySelectorAll('[data-testid="minimum"]').length, global: p.querySelectorAll('[data-testid="minimum"][data-global="true"]').length },
  ])));
}

/**
 * Waits until each named series of a recharts chart (the layer with class series-<key>) has drawn
 * a curve through at least the given number of vertices (the M/L/C commands of its path's d: one
 * per point for lines, two or three per bin for step areas).
 */
async function waitForSeries(page: Page, chart: string, least: Record<string, number>): Promise<void> {
  // a chart updates only while it is on screen
  await page.locator(`[data-testid="${chart}"]`).scrollIntoViewIfNeeded();
  await page.waitForFunction(({ chart, least }) => Object.entries(least).every(([key, n]) => {
    const path = document.querySelector(`[data-testid="${chart}"] .series-${key} path.recharts-line-curve, [data-testid="${chart}"] .series-${key} path.recharts-area-curve`);
    return (path?.getAttribute('d')?.match(/[MLC]/g)?.length ?? 0) >= n;
  }), { chart, least }, { timeout: 30_000 }).catch(async (e: Error) => {
    const seen = await page.$$eval(`[data-testid="${chart}"] .recharts-layer[class*="series-"]`, (gs) => gs.map((g) => {
      const key = [...g.classList].find((c) => c.startsWith('series-'));
      const d = g.querySelector('path.recharts-line-curve, path.recharts-area-curve')?.getAttribute('d') ?? '';
      return `${key}:${d.match(/[MLC]/g)?.length ?? 0}`;
    }).join(' '));
    throw new Error(`${chart}: expected vertices ${JSON.stringify(least)}, have ${seen} (${e.message})`);
  });
}

/** Hovers the middle of a chart's plot area and returns the recharts tooltip's text. */
async function hoverReadout(page: Page, chart: string): Promise<string> {
  await page.locator(`[data-testid="${chart}"]`).scrollIntoViewIfNeeded();
  const box = await page.locator(`[data-testid="${chart}"] .recharts-cartesian-grid`).boundingBox();
  if (!box) throw new Error(`${chart}: no plot area`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tip = page.locator(`[data-testid="${chart}"] .recharts-tooltip-wrapper .recharts-default-tooltip`);
  await tip.waitFor({ state: 'visible', timeout: 5_000 });
  const text = (await tip.textContent()) ?? '';
  await page.mouse.move(0, 0);
  return text;
}

async function longestTrajectory(page: Page): Promise<number> {
  return page.$$eval('[data-testid="contour-panel"] [data-testid="trajectory"]', (paths) =>
    Math.max(0, ...paths.map((p) => Number(p.getAttribute('data-points') ?? 0))));
}

describe('the playground page', () => {
  it('shows the four Figure 5 panels with their minima and the start point', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    const ids = await page.$$eval('[data-testid="contour-panel"]', (ps) => ps.map((p) => p.getAttribute('data-divergence')));
    expect(new Set(ids)).toEqual(new Set(['js', 'srkl', 'rkl', 'igog']));
    const minima = await minimaCounts(page);
    expect(minima.js).toEqual({ all: 1, global: 1 });
    for (const id of ['srkl', 'rkl', 'igog']) expect(minima[id]).toEqual({ all: 2, global: 1 });
    // a contour panel has many traced levels and the start marker
    const levels = await page.$$eval('[data-divergence="js"] .contour-level', (l) => l.length);
    expect(levels).toBeGreaterThan(8);
    expect(await page.$$eval('[data-testid="start-marker"]', (m) => m.length)).toBe(4);
    // the scheme says what it minimises
    expect(await page.textContent('[data-testid="scheme-0-minimises"]')).toMatch(/non-saturating JS minimises Softened reverse KL/i);
    await screenshot(page, 'first-page');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('plays: the step counter rises and the trajectories grow; pause stops them', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    const before = await longestTrajectory(page);
    await page.click('[data-testid="play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 20, undefined, { timeout: 60_000 });
    const s1 = await stepCount(page);
    await page.waitForFunction((s) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) > s + 20, s1, { timeout: 60_000 });
    const s2 = await stepCount(page);
    expect(s2).toBeGreaterThan(s1);
    // the engine records a trajectory point every few generator steps
    expect(await longestTrajectory(page)).toBeGreaterThan(before + 2);
    // the data-space, pushforward and monitor views fill in from the engine's snapshots
    await page.locator('[data-testid="pushforward-chart"]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid="pushforward-chart"] svg.recharts-surface', { timeout: 30_000 });
    await waitForSeries(page, 'data-space-chart', { p: 50, q: 50, samples: 20, d: 50, dStar: 50 });
    await waitForSeries(page, 'pushforward-chart', { real: 10, fake: 10, pTilde: 10, qTilde: 10 });
    // the monitor updates only on screen: scroll to it; the critic's estimates are a line over steps
    await page.locator('[data-testid="monitor-chart"]').scrollIntoViewIfNeeded();
    await waitForSeries(page, 'monitor-chart', { true_js: 3, est_js: 2, true_srkl: 3, est_srkl: 2 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'training');
    await page.click('[data-testid="pause"]');
    await page.waitForSelector('[data-testid="play"]', { timeout: 10_000 });
    const paused = await stepCount(page);
    await page.waitForTimeout(600);
    expect(await stepCount(page)).toBe(paused);
    // hover read-outs: the recharts tooltip names the x value and the series' values
    expect(await hoverReadout(page, 'data-space-chart')).toMatch(/^x = .*generator samples.*p\(x\) target.*q\(x\) generator.*d\(x\) learned critic.*d\*\(x\) optimal/);
    expect(await hoverReadout(page, 'pushforward-chart')).toMatch(/^d ≈ .*critic on real.*critic on fake.*p̃ exact.*q̃ exact/);
    const backend = await page.textContent('[data-testid="backend-in-use"]');
    console.log(`backend shown: ${backend}; steps/s at the end: ${await page.textContent('[data-testid="steps-per-second"]')}`);
    await page.screenshot({ path: 'tests/artifacts/training-full.png', fullPage: true });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('space toggles play and pause, but not while typing', async () => {
    const page = await openPage(browser);
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    await page.click('h1');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="pause"]', { timeout: 10_000 });
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid="play"]', { timeout: 10_000 });
    await page.focus('[data-testid="mu0"]');
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    expect(await page.$('[data-testid="pause"]')).toBeNull();
    await page.close();
  });

  it('a scheme change goes into the URL, and reloading that URL restores it', async () => {
    const page = await openPage(browser);
    expect(new URL(page.url()).hash).toBe('');
    await page.selectOption('[data-testid="scheme-0-family"]', 'hyb');
    await page.selectOption('[data-testid="scheme-0-f"]', 'igog');
    await page.fill('[data-testid="generator-lr"]', '0.003');
    await page.waitForFunction(() => location.hash.includes('hyb'));
    const url = page.url();
    expect(decodeURIComponent(url)).toContain('s=hyb:igog:js;glr=0.003');
    const page2 = await openPage(browser, new URL(url).hash);
    expect(await page2.inputValue('[data-testid="scheme-0-family"]')).toBe('hyb');
    expect(await page2.inputValue('[data-testid="scheme-0-f"]')).toBe('igog');
    expect(await page2.inputValue('[data-testid="generator-lr"]')).toBe('0.003');
    expect(await page2.textContent('[data-testid="scheme-0-minimises"]')).toMatch(/minimises IGOG/);
    expect(await page2.$('[data-testid="url-notice"]')).toBeNull();
    // the minimised divergence gets its panel (IGOG is among the defaults; add KL and check it appears)
    await page2.selectOption('[data-testid="scheme-0-f"]', 'kl');
    await page2.waitForSelector('[data-testid="contour-panel"][data-divergence="kl"]', { timeout: 10_000 });
    expect(page2.url()).toContain('hyb:kl:js');
    await page.close();
    await page2.close();
  });

  it('a malformed URL shows what was ignored and a working page', async () => {
    const page = await openPage(browser, '?sigma0=-3&s=bogus&zzz=1');
    const notice = await page.waitForSelector('[data-testid="url-notice"]');
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('sigma0');
    expect(text).toContain('bogus');
    expect(text).toContain('zzz');
    // defaults stand in: sigma0 1.8, the default scheme, four panels with minima
    expect(await page.inputValue('[data-testid="sigma0"]')).toBe('1.8');
    await waitForLandscapes(page);
    expect(await page.$$eval('[data-testid="contour-panel"]', (p) => p.length)).toBe(4);
    await screenshot(page, 'malformed-url');
    await page.click('[data-testid="url-notice"] button');
    expect(await page.$('[data-testid="url-notice"]')).toBeNull();
    // text in the URL is shown as text, never as markup
    const page2 = await openPage(browser, `?s=${encodeURIComponent('<img src=x onerror="window.__pwned=1">')}`);
    await page2.waitForSelector('[data-testid="url-notice"]');
    expect(await page2.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page2.$('[data-testid="url-notice"] img')).toBeNull();
    expect(pageErrors(page)).toEqual([]);
    await page.close();
    await page2.close();
  });

  it('refuses invalid numbers at the input with a message and keeps the last valid value', async () => {
    const page = await openPage(browser);
    await page.fill('[data-testid="sigma0"]', '-3');
    expect(await page.getAttribute('[data-testid="sigma0"]', 'aria-invalid')).toBe('true');
    const message = await page.textContent('[data-testid="sigma0"] ~ .field-error');
    expect(message).toMatch(/sigma must be > 0/);
    expect(message).toMatch(/kept 1\.8/);
    await page.fill('[data-testid="critic-lr"]', '0');
    expect(await page.textContent('[data-testid="critic-lr"] ~ .field-error')).toMatch(/learning rate must be > 0/);
    await page.fill('[data-testid="batchSize"]', 'lots');
    expect(await page.textContent('[data-testid="batchSize"] ~ .field-error')).toMatch(/not a number/);
    await page.waitForTimeout(300);
    expect(new URL(page.url()).hash).toBe('');
    await screenshot(page, 'invalid-input');
    // a valid value clears the message and is committed
    await page.fill('[data-testid="sigma0"]', '2.5');
    expect(await page.getAttribute('[data-testid="sigma0"]', 'aria-invalid')).toBe('false');
    await page.waitForFunction(() => location.hash.includes('sigma0=2.5'));
    await page.close();
  });

  it('the Figure 5 preset is one click: four schemes, sixteen runs, four panels', async () => {
    const page = await openPage(browser);
    await page.click('[data-testid="preset-figure5"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-legend-item"]').length === 16, undefined, { timeout: 10_000 });
    expect(await page.$$eval('[data-testid="scheme"]', (s) => s.length)).toBe(4);
    await waitForLandscapes(page);
    const ids = await page.$$eval('[data-testid="contour-panel"]', (ps) => ps.map((p) => p.getAttribute('data-divergence')));
    expect(new Set(ids)).toEqual(new Set(['js', 'srkl', 'rkl', 'igog']));
    expect(decodeURIComponent(page.url())).toContain('s=sat:js');
    expect(await page.getAttribute('[data-testid="preset-figure5"]', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('[data-testid="preset-saturating"]', 'aria-pressed')).toBe('false');
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    await page.click('[data-testid="play"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 20, undefined, { timeout: 60_000 });
    await page.click('[data-testid="pause"]');
    // on wasm the runs are split over one worker per core (at most 4); a pause brings them to one step
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const workers = Math.min(cores, 4);
    if (workers > 1) expect(await page.textContent('[data-testid="worker-count"]')).toBe(`${workers} workers`);
    await page.waitForFunction(() => {
      const counts = [...document.querySelectorAll('[data-testid="trajectory"]')].map((p) => p.getAttribute('data-points'));
      // the paper's layout: each of the four panels draws the four runs that minimise it
      return counts.length === 16 && new Set(counts).size === 1;
    }, undefined, { timeout: 10_000 });
    await screenshot(page, 'figure5-training');
    await page.close();
  });

  it('clicking a contour panel sets the generator start there', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    // the engine's start adds the backend's line above the panels: measure after it
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    // the panel's window in (mu, sigma) and its plot box in the SVG's pixels, as the SVG states them
    const svg = page.locator('[data-divergence="js"] svg.contour-svg').first();
    const box = (await svg.boundingBox())!;
    const [muMin, muMax, sMin, sMax] = (await svg.getAttribute('data-window'))!.split(',').map(Number);
    const [left, top, width, height] = (await svg.getAttribute('data-box'))!.split(',').map(Number);
    const k = box.width / Number((await svg.getAttribute('viewBox'))!.split(' ')[2]);
    const px = (mu: number) => left + ((mu - muMin) / (muMax - muMin)) * width;
    const py = (sigma: number) => top + height - ((sigma - sMin) / (sMax - sMin)) * height;
    const at = (mu: number, sigma: number) => ({ x: box.x + px(mu) * k, y: box.y + py(sigma) * k });
    const p = at(0.5, 1);
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('mu0'), undefined, { timeout: 5_000 });
    const link = linkOf(page);
    expect(Number(link.get('mu0'))).toBeCloseTo(0.5, 1);
    expect(Number(link.get('sigma0'))).toBeCloseTo(1, 1);
    expect(Number(await page.inputValue('[data-testid="mu0"]'))).toBeCloseTo(0.5, 1);
    // the start marker of every panel moved there, in the window as it is once it stands still (a
    // fitted window follows the start): the marker's pixel is the link's start in that window
    const offBy = await page.waitForFunction(([mu, sigma]) => {
      const svg = document.querySelector('[data-divergence="rkl"] svg.contour-svg');
      const marker = document.querySelector('[data-divergence="rkl"] [data-testid="start-marker"]');
      if (!svg || !marker) return false;
      const [muMin, muMax, sMin, sMax] = svg.getAttribute('data-window')!.split(',').map(Number);
      const [left, top, width, height] = svg.getAttribute('data-box')!.split(',').map(Number);
      const [mx, my] = (marker.getAttribute('transform')?.match(/translate\(([-\d.]+),([-\d.]+)\)/) ?? []).slice(1).map(Number);
      const dx = mx - (left + ((mu - muMin) / (muMax - muMin)) * width);
      const dy = my - (top + height - ((sigma - sMin) / (sMax - sMin)) * height);
      const off = Math.max(Math.abs(dx), Math.abs(dy));
      return off < 0.05 ? off : false;
    }, [Number(link.get('mu0')), Number(link.get('sigma0'))], { timeout: 5_000 });
    expect(await offBy.jsonValue()).toBeLessThan(0.05);
    await page.close();
  });

  it('exports a panel as one SVG with the landscape, the trajectories and the minima, and as a PNG', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    await page.click('[data-testid="step"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-divergence="srkl"] button[aria-label$="as SVG"]')]);
    expect(download.suggestedFilename()).toBe('landscape-srkl.svg');
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/class="contour-level"/g)?.length).toBeGreaterThan(5);
    expect(svg.match(/data-testid="trajectory"/g)).toHaveLength(2);
    expect(svg.match(/data-testid="minimum"/g)?.length).toBe(2); // softened RKL: global and local
    expect(svg).toContain('clipPath');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-divergence="srkl"] button[aria-label$="as PNG"]')]);
    expect(png.suggestedFilename()).toBe('landscape-srkl.png');
    const bytes = readFileSync(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(10_000); // a drawn landscape, not an empty canvas
    await page.close();
  });

  it('names every control for a screen reader (all sections, Figure 5 schemes)', async () => {
    const page = await openPage(browser, '?preset=figure5');
    await waitForLandscapes(page);
    const unnamed = await page.evaluate(() => {
      const nameOf = (el: Element): string => {
        const aria = el.getAttribute('aria-label') ?? '';
        const by = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
        const forLabel = el.id ? [...document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)].map((l) => l.textContent ?? '').join(' ') : '';
        const wrapping = el.closest('label')?.textContent ?? '';
        const own = el.tagName === 'BUTTON' || el.tagName === 'SUMMARY' ? el.textContent ?? '' : '';
        return [aria, by, forLabel, wrapping, own, el.getAttribute('title') ?? ''].join(' ').trim();
      };
      const controls = [...document.querySelectorAll('input, select, textarea, button, summary')];
      return { count: controls.length, unnamed: controls.filter((el) => !nameOf(el)).map((el) => el.outerHTML.slice(0, 120)) };
    });
    expect(unnamed.count).toBeGreaterThan(60);
    expect(unnamed.unnamed).toEqual([]);
    await page.close();
  });

  it('a failed PNG export shows a notice, not a dialog', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.evaluate(() => {
      HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback) { callback(null); };
    });
    await page.click('[data-divergence="js"] button[aria-label$="as PNG"]');
    const notice = await page.waitForSelector('[data-testid="config-notice"]:has-text("PNG export")', { timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/PNG export of the Jensen-Shannon.*failed: the canvas gave no PNG/);
    expect(dialogs).toEqual([]);
    await notice.$('button').then((b) => b?.click());
    expect(await page.$('[data-testid="config-notice"]')).toBeNull();
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
    it(`lays out at ${size.width}×${size.height}: readable selects, charts that show training`, async () => {
      const page = await openPage(browser, '?s=hyb:srkl:js&s=ns:js', size);
      await waitForLandscapes(page);
      // every select in the configuration shows its whole chosen option
      const clipped = await page.$$eval('.config select', (selects) => {
        const ctx = document.createElement('canvas').getContext('2d')!;
        return selects.flatMap((el) => {
          const sel = el as HTMLSelectElement;
          const style = getComputedStyle(sel);
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const text = sel.options[sel.selectedIndex]?.text ?? '';
          const room = sel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20; // 20 px: the arrow
          return ctx.measureText(text).width > room ? [`"${text}" (${ctx.measureText(text).width.toFixed(0)} px in ${room.toFixed(0)} px)`] : [];
        });
      });
      expect(clipped).toEqual([]);
      await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
      await page.click('[data-testid="play"]');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= 40, undefined, { timeout: 60_000 });
      await waitForSeries(page, 'data-space-chart', { p: 50, q: 50, samples: 20, d: 50, dStar: 50 });
      await waitForSeries(page, 'pushforward-chart', { real: 10, fake: 10, pTilde: 10, qTilde: 10 });
      await page.locator('[data-testid="monitor-chart"]').scrollIntoViewIfNeeded();
      await waitForSeries(page, 'monitor-chart', { true_js: 3, est_js: 2 });
      await page.click('[data-testid="pause"]');
      await page.waitForSelector('[data-testid="play"]', { timeout: 10_000 });
      // the snapshot taken on pause reaches the views (the monitor updates when on screen)
      const last = await stepCount(page);
      await page.waitForFunction((s) => document.querySelector('[data-testid="pushforward-chart"] .chart-note')?.textContent?.includes(`at step ${s}.`), last, { timeout: 10_000 });
      await page.locator('[data-testid="monitor-chart"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(1500);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `layout-${size.width}`);
      await page.screenshot({ path: `tests/artifacts/layout-${size.width}-full.png`, fullPage: true });
      // nothing sticks out sideways
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    });
  }

  for (const setup of ['default', 'figure5'] as const) {
    it(`measures the longest main-thread task during a 10-second training run (${setup === 'default' ? 'default page' : 'Figure 5 preset, monitor on screen'})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript(() => {
        const w = window as unknown as { __longtasks: number[] };
        w.__longtasks = [];
        try {
          new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
        } catch { /* longtask unsupported */ }
      });
      await page.goto(baseUrl(), { waitUntil: 'commit' });
      await waitForLandscapes(page, 60_000);
      if (setup === 'figure5') {
        await page.click('[data-testid="preset-figure5"]');
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="run-legend-item"]').length === 16, undefined, { timeout: 10_000 });
        await waitForLandscapes(page, 60_000);
      }
      await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
      await page.evaluate(() => { (window as unknown as { __longtasks: number[] }).__longtasks = []; });
      const s0 = await stepCount(page);
      await page.click('[data-testid="play"]');
      // (clicking scrolls Play into view: bring the monitor on screen afterwards)
      if (setup === 'figure5') await page.locator('[data-testid="monitor-chart"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(10_000);
      const tasks = await page.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks);
      const s1 = await stepCount(page);
      await page.click('[data-testid="pause"]', { timeout: 2_000 }).catch(() => undefined); // gone once training finished
      const longest = tasks.length ? Math.max(...tasks) : 0;
      const sorted = [...tasks].sort((a, b) => b - a).map((t) => t.toFixed(0));
      console.log(`[${setup}] longest main-thread task during 10 s of training: ${longest.toFixed(0)} ms (${tasks.length} tasks over 50 ms: ${sorted.slice(0, 12).join(', ')}; ${s1 - s0} generator steps)`);
      if (setup === 'figure5') {
        await page.locator('[data-testid="monitor-chart"]').scrollIntoViewIfNeeded();
        await waitForSeries(page, 'monitor-chart', { true_js: 3, est_js: 2 });
        await screenshot(page, 'figure5-monitor');
      }
      expect(s1).toBeGreaterThan(s0);
      await page.close();
    });
  }

});
