// The landscape panels at the four screen sizes, Figure 5 after a short training with the arrows
// on: the plots of a row align whatever their captions, every colour bar is titled with its
// divergence and unit, and the arrows' key hides no minimum and no start. Screenshots of each size
// go to the artifacts.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launch, openPage, pageErrors, waitForLandscapes, SCREEN_SIZES } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const TITLES: Record<string, string> = { js: 'DJS (nats)', srkl: 'Dsoftened RKL (nats)', rkl: 'DRKL (nats)', igog: 'DIGOG (nats)' };
const STEPS = 30;

describe('landscape panels at every size', () => {
  for (const size of SCREEN_SIZES) {
    it(`${size.width}×${size.height}: plots of a row align, colour bars are titled, the arrows' key hides no marker`, async () => {
      const page = await openPage(browser, `?preset=figure5&steps=${STEPS}`, size);
      await waitForLandscapes(page);
      await page.check('[data-testid="gradient-toggle"]');
      await page.click('[data-testid="play"]');
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="step-counter"]')?.textContent) >= n, STEPS, { timeout: 240_000, polling: 250 });
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="move-key"]').length === 4);
      await page.locator('.panels-section').scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(ARTIFACTS, `panels-trained-${size.width}x${size.height}.png`) });
      const panels = await page.$$eval('[data-testid="contour-panel"]', (ps) => ps.map((p) => {
        const rect = (e: Element) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, height: r.height }; };
        const svg = p.querySelector('svg.contour-svg')!;
        const key = p.querySelector('[data-testid="move-key"] rect')!;
        const centre = (e: Element) => { const r = e.getBoundingClientRect(); return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 }; };
        return {
          id: p.getAttribute('data-divergence')!,
          panel: rect(p),
          plot: rect(svg),
          title: p.querySelector('[data-testid="colour-bar-title"]')?.textContent ?? '',
          titleBox: rect(p.querySelector('[data-testid="colour-bar-title"]')!),
          key: rect(key),
          markers: [...p.querySelectorAll('[data-testid="minimum"], [data-testid="start-marker"]')].map(centre),
        };
      }));
      expect(panels).toHaveLength(4);
      const rows = new Map<number, typeof panels>();
      for (const p of panels) rows.set(Math.round(p.panel.top), [...(rows.get(Math.round(p.panel.top)) ?? []), p]);
      if (size.width >= 1280) expect(rows.size).toBeLessThan(4); // several panels share a row
      for (const row of rows.values()) {
        for (const p of row) {
          expect(Math.abs(p.plot.top - row[0].plot.top), `${p.id} beside ${row[0].id}`).toBeLessThan(0.5);
          expect(Math.abs(p.plot.height - row[0].plot.height), `${p.id} beside ${row[0].id}`).toBeLessThan(0.5);
        }
      }
      for (const p of panels) {
        expect(p.title).toBe(TITLES[p.id]);
        // the title stands inside the plot's SVG, right of the colour bar, within its height
        expect(p.titleBox.right).toBeLessThanOrEqual(p.plot.right + 0.5);
        expect(p.titleBox.top).toBeGreaterThanOrEqual(p.plot.top);
        expect(p.titleBox.bottom).toBeLessThanOrEqual(p.plot.bottom);
        for (const m of p.markers) {
          const covered = m.x > p.key.left && m.x < p.key.right && m.y > p.key.top && m.y < p.key.bottom;
          expect(covered, `${p.id}: a marker at (${m.x}, ${m.y}) under the key`).toBe(false);
        }
      }
      expect(pageErrors(page)).toEqual([]);
      await page.close();
    });
  }
});
