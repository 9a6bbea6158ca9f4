// The landscape panels in real Chromium: a window that fits a far target and a far start, zoom and
// pan in the URL, the paper's per-panel runs, exports with title and colour bar, the hover
// read-out against the landscape module, gradient arrows that point downhill, and sizes that
// read at 1280×800 and on a phone.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, baseUrl, launch, linkOf, openPage, pageErrors, screenshot, waitForLandscapes } from './browser';
import { divergenceValue, findMinima } from '../../src/math/landscape';
import type { LandscapeId } from '../../src/config/schema';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

interface Geometry {
  window: { muMin: number; muMax: number; sigmaMin: number; sigmaMax: number };
  box: { left: number; top: number; width: number; height: number };
  /** The SVG's place on the page and its viewBox width (pixels of the page per SVG unit). */
  client: { x: number; y: number; scale: number };
}

async function geometry(page: Page, id: string): Promise<Geometry> {
  return page.$eval(`[data-divergence="${id}"] svg.contour-svg[data-window]`, (svg) => {
    const [muMin, muMax, sigmaMin, sigmaMax] = svg.getAttribute('data-window')!.split(',').map(Number);
    const [left, top, width, height] = svg.getAttribute('data-box')!.split(',').map(Number);
    const rect = svg.getBoundingClientRect();
    return { window: { muMin, muMax, sigmaMin, sigmaMax }, box: { left, top, width, height }, client: { x: rect.left, y: rect.top, scale: rect.width / (svg as SVGSVGElement).viewBox.baseVal.width } };
  });
}

/** The page position of (mu, sigma) on a panel. */
function pagePoint(g: Geometry, mu: number, sigma: number): { x: number; y: number } {
  const { window: w, box, client } = g;
  const px = box.left + ((mu - w.muMin) / (w.muMax - w.muMin)) * box.width;
  const py = box.top + box.height - ((sigma - w.sigmaMin) / (w.sigmaMax - w.sigmaMin)) * box.height;
  return { x: client.x + px * client.scale, y: client.y + py * client.scale };
}

const inside = (w: Geometry['window'], mu: number, sigma: number) => mu >= w.muMin && mu <= w.muMax && sigma >= w.sigmaMin && sigma <= w.sigmaMax;

/** The global minimum over a region far wider than any panel, found independently of the page. */
function globalMinimum(id: LandscapeId, target: { weight: number; mean: number; std: number }[]) {
  const [best] = findMinima(id, target, { muMin: -6, muMax: 14, sigmaMin: 0.04, sigmaMax: 10, nMu: 161, nSigma: 161 });
  return best;
}

const viewOf = (page: Page) => linkOf(page).get('view');

describe('landscape panels', () => {
  const FAR_TARGET = [{ weight: 0.5, mean: 0, std: 0.3 }, { weight: 0.5, mean: 8, std: 1 }];
  const PAPER_TARGET = [{ weight: 0.5, mean: 0, std: 0.3 }, { weight: 0.5, mean: 2, std: 1 }];

  for (const { query, target, start } of [
    { query: '?target=0.5:0:0.3,0.5:8:1', target: FAR_TARGET, start: { mu: 1.8, sigma: 1.8 } },
    { query: '?mu0=10&sigma0=5', target: PAPER_TARGET, start: { mu: 10, sigma: 5 } },
  ]) {
    it(`${query}: the modes, the start and the global minimum of the whole space are in view`, async () => {
      const page = await openPage(browser, query);
      await waitForLandscapes(page);
      for (const id of ['js', 'srkl', 'rkl', 'igog'] as const) {
        const g = await geometry(page, id);
        for (const c of target) expect(inside(g.window, c.mean, c.std), `${id}: mode at ${c.mean}`).toBe(true);
        expect(inside(g.window, start.mu, start.sigma), `${id}: start`).toBe(true);
        const shown = await page.$eval(`[data-divergence="${id}"] [data-testid="minimum"][data-global="true"]`, (m) => ({ mu: Number(m.getAttribute('data-mu')), sigma: Number(m.getAttribute('data-sigma')) }));
        const best = globalMinimum(id, target);
        // equal-weight far modes make two minima of equal value: the page's global one is either
        const value = divergenceValue(id, target, shown.mu, shown.sigma);
        expect(value, `${id}: the page's global minimum is as low as the whole space's`).toBeLessThanOrEqual(best.value * (1 + 1e-6) + 1e-9);
        expect(inside(g.window, best.mu, best.sigma), `${id}: global minimum in view`).toBe(true);
      }
      expect(await page.$$('[data-testid="start-marker"]')).toHaveLength(4);
      const outside = await page.$$eval('[data-testid="minimum-offscreen"] title', (ts) => ts.map((t) => t.textContent ?? ''));
      expect(outside.filter((t) => t.startsWith('global'))).toEqual([]);
      await screenshot(page, `fit${query.replace(/[^a-z0-9]+/gi, '-')}`);
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    });
  }

  it('zoom and pan go into the URL and come back from it; an outside minimum gets an edge arrow', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    expect(viewOf(page)).toBeNull();
    const fitted = (await geometry(page, 'js')).window;
    await page.click('[data-testid="zoom-in"]');
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('view'));
    const zoomed = (await geometry(page, 'js')).window;
    expect(zoomed.muMax - zoomed.muMin).toBeLessThan(0.8 * (fitted.muMax - fitted.muMin));
    expect(viewOf(page)).toBe(`${zoomed.muMin}:${zoomed.muMax},${zoomed.sigmaMin}:${zoomed.sigmaMax}`);
    // drag to the left by a quarter of the plot: the window moves right by a quarter of its span
    let g = await geometry(page, 'js');
    const from = pagePoint(g, (zoomed.muMin + zoomed.muMax) / 2, (zoomed.sigmaMin + zoomed.sigmaMax) / 2);
    const dx = (g.box.width * g.client.scale) / 4;
    const beforePan = viewOf(page);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(from.x - (dx * k) / 5, from.y);
    await page.mouse.up();
    await page.waitForFunction((v) => new URLSearchParams(location.hash.slice(1)).get('view') !== v, beforePan);
    const panned = (await geometry(page, 'srkl')).window;
    expect(panned.muMin - zoomed.muMin).toBeCloseTo((zoomed.muMax - zoomed.muMin) / 4, 1);
    expect(panned.sigmaMin).toBeCloseTo(zoomed.sigmaMin, 2);
    expect(linkOf(page).has('mu0')).toBe(false); // a drag is not a click
    // the wheel zooms about the pointer
    g = await geometry(page, 'js');
    const at = pagePoint(g, (panned.muMin + panned.muMax) / 2, (panned.sigmaMin + panned.sigmaMax) / 2);
    const beforeWheel = viewOf(page);
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, 400);
    await page.waitForFunction((v) => new URLSearchParams(location.hash.slice(1)).get('view') !== v, beforeWheel);
    const wheeled = (await geometry(page, 'js')).window;
    expect(wheeled.muMax - wheeled.muMin).toBeGreaterThan(1.5 * (panned.muMax - panned.muMin));
    const view = viewOf(page)!;
    // zoom far into a corner: the minima are outside, drawn as arrows and listed as outside
    await page.goto(`${page.url().split(/[?#]/)[0]}?view=3.5:4,2.5:3`);
    await waitForLandscapes(page).catch(() => undefined);
    await page.waitForSelector('[data-divergence="srkl"] [data-testid="minimum-offscreen"]');
    expect(await page.$$('[data-divergence="srkl"] [data-testid="minimum-offscreen"]')).toHaveLength(2);
    expect(await page.textContent('[data-divergence="srkl"] [data-testid="minima-list"]')).toMatch(/outside the view/);
    await screenshot(page, 'zoomed-corner');
    // the link brings the window back
    const again = await openPage(browser, `?view=${view}`);
    await waitForLandscapes(again);
    const restored = (await geometry(again, 'rkl')).window;
    expect(`${restored.muMin}:${restored.muMax},${restored.sigmaMin}:${restored.sigmaMax}`).toBe(view);
    await again.click('[data-testid="zoom-reset"]');
    await again.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).has('view'));
    expect((await geometry(again, 'rkl')).window).toEqual(fitted);
    // a bad window is reported like any other bad field and the fitted one stands in
    const bad = await openPage(browser, '?view=4:1,0.1:3');
    expect(await bad.textContent('[data-testid="url-notice"]')).toMatch(/view.*muMin must be below muMax/);
    expect((await geometry(bad, 'js')).window).toEqual(fitted);
    for (const p of [page, again, bad]) {
      expect(pageErrors(p)).toEqual([]);
      await p.close();
    }
  });

  it('Figure 5: each panel draws the four runs that minimise it; "all runs" draws sixteen', async () => {
    const page = await openPage(browser, '?preset=figure5');
    await waitForLandscapes(page);
    // runs are numbered scheme by scheme (2 learned, 2 optimal each): sat JS, NS JS, hyb RKL, hyb IGOG
    const schemeOf: Record<string, number> = { js: 0, srkl: 1, rkl: 2, igog: 3 };
    for (const [id, scheme] of Object.entries(schemeOf)) {
      const runs = await page.$$eval(`[data-divergence="${id}"] [data-testid="trajectory"]`, (ps) => ps.map((p) => Number(p.getAttribute('data-run'))));
      expect(runs.sort((a, b) => a - b), id).toEqual([0, 1, 2, 3].map((k) => 4 * scheme + k));
      expect(await page.getAttribute(`[data-divergence="${id}"]`, 'data-filter')).toBe('minimisers');
    }
    await page.selectOption('[data-divergence="rkl"] [data-testid="run-filter"]', 'all');
    await page.waitForFunction(() => document.querySelectorAll('[data-divergence="rkl"] [data-testid="trajectory"]').length === 16);
    expect(await page.$$('[data-divergence="js"] [data-testid="trajectory"]')).toHaveLength(4);
    // end points are drawn after (above) the minimum markers
    const order = await page.$eval('[data-divergence="js"] .contour-overlay', (svg) => {
      const all = [...svg.querySelectorAll('[data-testid="minimum"], [data-testid="trajectory-end"]')];
      return all.map((e) => e.getAttribute('data-testid'));
    });
    expect(order.indexOf('trajectory-end')).toBeGreaterThan(order.lastIndexOf('minimum'));
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('a PNG and an SVG export hold the title, the colour bar, the legend and the runs', async () => {
    const page = await openPage(browser, '?preset=figure5');
    await waitForLandscapes(page);
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-divergence="srkl"] button[aria-label$="as SVG"]')]);
    const svg = readFileSync(await svgDownload.path(), 'utf8');
    expect(svg).toMatch(/data-testid="figure-title"[^>]*>Softened reverse KL/);
    expect(svg).toContain('data-testid="colour-bar"');
    expect(svg.match(/data-testid="colour-bar-label"/g)?.length).toBeGreaterThan(3);
    expect(svg.match(/data-testid="figure-legend"/g)).toHaveLength(4);
    expect(svg.match(/data-testid="trajectory"/g)).toHaveLength(4);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-divergence="srkl"] button[aria-label$="as PNG"]')]);
    const bytes = readFileSync(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeFileSync(resolve(ARTIFACTS, 'export-srkl.png'), bytes);
    // the PNG is taller than the panel's plot: the title above it, the legend below it
    const height = bytes.readUInt32BE(20) / 2;
    const plotHeight = await page.$eval('[data-divergence="srkl"] svg.contour-svg', (s) => (s as SVGSVGElement).viewBox.baseVal.height);
    expect(height).toBeGreaterThan(plotHeight + 40 + 4 * 17);
    await page.close();
  });

  it('hover reads the value the landscape module computes at that point', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    await page.locator('[data-divergence="rkl"] .contour-plot').scrollIntoViewIfNeeded();
    const g = await geometry(page, 'rkl');
    const p = pagePoint(g, 0.7, 0.9);
    await page.mouse.move(p.x, p.y);
    const readout = page.locator('[data-divergence="rkl"] [data-testid="readout"][data-value]');
    await readout.waitFor({ timeout: 5_000 });
    const mu = Number(await readout.getAttribute('data-mu'));
    const sigma = Number(await readout.getAttribute('data-sigma'));
    const value = Number(await readout.getAttribute('data-value'));
    expect(mu).toBeCloseTo(0.7, 1);
    expect(sigma).toBeCloseTo(0.9, 1);
    // the very function of the landscape module, at the point read: equal to 1e-12 relative
    const exact = divergenceValue('rkl', PAPER_TARGET, mu, sigma);
    expect(Math.abs(value - exact)).toBeLessThanOrEqual(1e-12 * exact);
    const h = 1e-5;
    const gradient = Math.hypot(
      (divergenceValue('rkl', PAPER_TARGET, mu + h, sigma) - divergenceValue('rkl', PAPER_TARGET, mu - h, sigma)) / (2 * h),
      (divergenceValue('rkl', PAPER_TARGET, mu, sigma + h) - divergenceValue('rkl', PAPER_TARGET, mu, sigma - h)) / (2 * h),
    );
    expect(Number(await readout.getAttribute('data-gradient'))).toBeCloseTo(gradient, 4);
    expect(await readout.textContent()).toContain(`RKL = ${String(+value.toPrecision(4))}`);
    await page.close();
  });

  it('the gradient arrows point downhill: their direction has a negative dot product with the exact gradient', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    await page.check('[data-testid="gradient-toggle"]');
    await page.waitForSelector('[data-divergence="js"] [data-testid="gradient-arrow"]');
    for (const id of ['js', 'srkl'] as const) {
      const g = await geometry(page, id);
      const kx = g.box.width / (g.window.muMax - g.window.muMin);
      const ky = g.box.height / (g.window.sigmaMax - g.window.sigmaMin);
      const arrows = await page.$$eval(`[data-divergence="${id}"] [data-testid="gradient-arrow"]`, (as) => as.map((a) => ['mu', 'sigma', 'dx', 'dy'].map((k) => Number(a.getAttribute(`data-${k}`)))));
      expect(arrows.length).toBeGreaterThan(60);
      let checked = 0;
      for (const [mu, sigma, dx, dy] of arrows.filter((_, k) => k % 5 === 0)) {
        const h = 1e-5;
        const gMu = (divergenceValue(id, PAPER_TARGET, mu + h, sigma) - divergenceValue(id, PAPER_TARGET, mu - h, sigma)) / (2 * h);
        const gSigma = (divergenceValue(id, PAPER_TARGET, mu, sigma + h) - divergenceValue(id, PAPER_TARGET, mu, sigma - h)) / (2 * h);
        if (Math.hypot(gMu, gSigma) < 1e-3) continue; // flat: no direction to check
        // the arrow in (mu, sigma): pixels back through the scale (sigma grows upwards)
        const dot = (dx / kx) * gMu + (-dy / ky) * gSigma;
        expect(dot, `${id} at (${mu}, ${sigma})`).toBeLessThan(0);
        checked++;
      }
      expect(checked).toBeGreaterThan(10);
    }
    await screenshot(page, 'gradient-arrows');
    await page.close();
  });

  it('on a touch screen a tap on a panel sets the start and a pinch zooms it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(baseUrl(), { waitUntil: 'commit' });
    await waitForLandscapes(page);
    await page.locator('[data-divergence="js"] svg.contour-svg[data-window]').scrollIntoViewIfNeeded();
    let g = await geometry(page, 'js');
    const tap = pagePoint(g, 0.5, 1);
    await page.touchscreen.tap(tap.x, tap.y);
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('mu0'), undefined, { timeout: 5_000 });
    expect(Number(linkOf(page).get('mu0'))).toBeCloseTo(0.5, 1);
    expect(Number(linkOf(page).get('sigma0'))).toBeCloseTo(1, 1);
    // two fingers moving apart from 60 to 120 px: the window halves about their midpoint
    g = await geometry(page, 'js');
    const before = g.window;
    const centre = pagePoint(g, (before.muMin + before.muMax) / 2, (before.sigmaMin + before.sigmaMax) / 2);
    const cdp = await context.newCDPSession(page);
    const fingers = (half: number) => [{ x: centre.x - half, y: centre.y, id: 1 }, { x: centre.x + half, y: centre.y, id: 2 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(30) });
    for (const half of [36, 42, 48, 54, 60]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(half) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('view'), undefined, { timeout: 5_000 });
    g = await geometry(page, 'js');
    const ratio = (g.window.muMax - g.window.muMin) / (before.muMax - before.muMin);
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.65);
    expect(Number(linkOf(page).get('mu0'))).toBeCloseTo(0.5, 1);
    await screenshot(page, 'touch-pinch');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('beside each run, its last move and the exact -grad D: an optimal-critic run minimising the panel moves downhill', async () => {
    // the paper's start, SGD: the optimal-critic run of non-saturating JS descends softened reverse KL
    const page = await openPage(browser, '?steps=60&seed=4');
    await waitForLandscapes(page);
    await page.check('[data-testid="gradient-toggle"]');
    await page.click('[data-testid="play"]');
    await page.waitForSelector('.training-bar .done', { timeout: 60_000 });
    const directions = (id: string) => page.$$eval(`[data-divergence="${id}"] [data-testid="run-direction"]`, (ds) => ds.map((d) => ({
      run: Number(d.getAttribute('data-run')),
      at: ['data-mu', 'data-sigma'].map((k) => Number(d.getAttribute(k))),
      move: d.getAttribute('data-move')!.split(',').map(Number),
      gradient: d.getAttribute('data-gradient')!.split(',').map(Number),
      title: d.querySelector('title')?.textContent ?? '',
    })));
    await page.waitForFunction(() => document.querySelectorAll('[data-divergence="srkl"] [data-testid="run-direction"]').length === 2, undefined, { timeout: 10_000 });
    const srkl = await directions('srkl');
    const optimal = srkl.find((d) => /optimal/.test(d.title))!;
    expect(optimal.title).toMatch(/moves \(.+\) per step in \(mu, sigma\); -grad D here is \(.+\)/);
    const cosine = (a: number[], b: number[]) => (a[0] * b[0] + a[1] * b[1]) / (Math.hypot(a[0], a[1]) * Math.hypot(b[0], b[1]));
    // the move is -lr times a sampled gradient of the divergence it minimises: close to -grad D
    expect(cosine(optimal.move, optimal.gradient.map((g) => -g))).toBeGreaterThan(0.8);
    // the exact gradient the page shows is the landscape module's at the run's point
    const [mu, sigma] = optimal.at;
    const h = 1e-5;
    const gMu = (divergenceValue('srkl', PAPER_TARGET, mu + h * Math.max(1, Math.abs(mu)), sigma) - divergenceValue('srkl', PAPER_TARGET, mu - h * Math.max(1, Math.abs(mu)), sigma)) / (2 * h * Math.max(1, Math.abs(mu)));
    expect(optimal.gradient[0]).toBeCloseTo(gMu, 4);
    await screenshot(page, 'run-directions');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('dragging a target component in the data-space view moves its mean, weight and spread; target presets apply', async () => {
    const page = await openPage(browser);
    await waitForLandscapes(page);
    // the engine's start adds the backend's line above the views: measure after it
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 60_000 });
    const chart = page.locator('[data-testid="data-space-chart"]');
    await chart.scrollIntoViewIfNeeded();
    const peak = chart.locator('[data-testid="target-component"][data-index="1"] [data-testid="peak-handle"]');
    await peak.waitFor();
    const box = (await peak.boundingBox())!;
    const drag = async (x: number, y: number, dx: number, dy: number) => {
      await page.mouse.move(x, y);
      await page.mouse.down();
      for (let k = 1; k <= 4; k++) await page.mouse.move(x + (dx * k) / 4, y + (dy * k) / 4);
      await page.mouse.up();
    };
    const targetOf = () => linkOf(page).get('target');
    // right and down: the mean grows, the weight falls, the first component keeps its mean and std
    await drag(box.x + box.width / 2, box.y + box.height / 2, 40, 25);
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has('target'));
    const [first, second] = targetOf()!.split(',').map((c) => c.split(':').map(Number));
    expect(second[1]).toBeGreaterThan(2.1);
    expect(second[0]).toBeLessThan(0.5);
    expect(second[2]).toBe(1);
    expect(first.slice(1)).toEqual([0, 0.3]);
    expect(first[0] + second[0]).toBeCloseTo(1, 12);
    expect(await page.$('[data-testid="config-notice"]')).toBeNull(); // weights sum to 1: nothing rescaled
    // the spread handle on the right of the first component: dragging it outwards widens it
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="data-space-chart"] [data-testid="target-component"][data-index="1"]')?.getAttribute('data-mean')) > 2.1);
    const spread = chart.locator('[data-testid="target-component"][data-index="0"] [data-testid="spread-handle"]').nth(1);
    // the view re-fits and the page may shift after the first change: measure the handle once it stands still
    let sb = (await spread.boundingBox())!;
    for (let k = 0; k < 30; k++) {
      await page.waitForTimeout(100);
      const next = (await spread.boundingBox())!;
      const still = next.x === sb.x && next.y === sb.y && next.width === sb.width;
      sb = next;
      if (still) break;
    }
    const before = targetOf();
    await drag(sb.x + sb.width / 2, sb.y + sb.height / 2, 30, 0);
    await page.waitForFunction((b) => new URLSearchParams(location.hash.slice(1)).get('target') !== b, before);
    const widened = targetOf()!.split(',').map((c) => c.split(':').map(Number));
    expect(widened[0][2]).toBeGreaterThan(0.4);
    expect(widened[0][1]).toBe(0);
    await screenshot(page, 'target-dragged');
    await page.click('[data-testid="target-preset-three-modes"]');
    await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('target') === '0.333:-2:0.5,0.334:1:0.5,0.333:4:0.5');
    expect(await page.getAttribute('[data-testid="target-preset-three-modes"]', 'aria-pressed')).toBe('true');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    it(`at ${size.width}×${size.height} panels are at least 260 px wide with tick labels of at least 11 px`, async () => {
      const page = await openPage(browser, '?preset=figure5', size);
      await waitForLandscapes(page);
      const sizes = await page.$$eval('[data-testid="contour-panel"]', (panels) => panels.map((p) => {
        const svg = p.querySelector('svg.contour-svg') as SVGSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const fonts = [...svg.querySelectorAll('.tick-label')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
        return { width: p.getBoundingClientRect().width, smallestFont: Math.min(...fonts) };
      }));
      expect(sizes).toHaveLength(4);
      for (const s of sizes) {
        expect(s.width).toBeGreaterThanOrEqual(Math.min(260, size.width - 40));
        expect(s.smallestFont).toBeGreaterThanOrEqual(11);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await page.locator('.panels-section').scrollIntoViewIfNeeded();
      await screenshot(page, `panels-${size.width}x${size.height}`);
      await page.locator('[data-divergence="srkl"]').screenshot({ path: resolve(ARTIFACTS, `panel-srkl-${size.width}.png`) });
      await page.close();
    });
  }
});
