// The 2-D page's downloads in Chromium: after a few steps of a preset, the paths' CSV and JSON
// (the link, one row per recorded point per run) and every view's SVG and PNG (title, legend, the
// link; a PNG of plausible size); and the export buttons on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ARTIFACTS, launch, openPlanarPage, pageErrors, screenshot } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const PRESET = 'appendix-d-circle';
const VIEWS = [
  { id: 'data-plane', panel: 'planar-data-plane', title: 'Data plane', everyRun: true },
  { id: 'critic', panel: 'planar-critic-maps', title: 'Critic maps', everyRun: false },
  { id: 'pushforward', panel: 'planar-pushforward', title: 'Pushforward of critic outputs', everyRun: false },
  { id: 'monitor', panel: 'planar-monitor', title: 'Divergence monitor', everyRun: false },
  { id: 'curves', panel: 'planar-curves', title: 'Training curves', everyRun: true },
  { id: 'landscape', panel: 'planar-landscape', title: 'Landscape over the mean', everyRun: false },
];


/** Plays until at least `steps` steps are trained, pauses, and waits until the views show the step paused at. */
async function trainAndPause(page: Page, steps: number): Promise<number> {
  await page.click('[data-testid="planar-play"]');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="planar-step-count"] strong')?.textContent ?? 0) >= n, steps, { timeout: 120_000 });
  await page.click('[data-testid="planar-pause"]');
  await page.waitForSelector('[data-testid="planar-play"]', { timeout: 30_000 });
  const step = Number(await page.textContent('[data-testid="planar-step-count"] strong'));
  await page.waitForFunction((n) => (document.querySelector('[data-testid="planar-data-plane"]')?.textContent ?? '').includes(`step ${n}`), step, { timeout: 30_000 });
  await page.waitForSelector('[data-testid="planar-landscape-plot"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="planar-monitor"] .recharts-wrapper svg', { timeout: 30_000 });
  // the curves are drawn while on screen only
  await page.locator('[data-testid="planar-curves"]').scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-testid="planar-curves"] .recharts-wrapper svg', { timeout: 30_000 });
  return step;
}

/** Clicks and returns the downloaded file's name and bytes. */
async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('2-D exports', () => {
  it('CSV and JSON hold the link and every recorded point of every run; each view\'s SVG and PNG its title, legend and link', async () => {
    const page = await openPlanarPage(browser, `?dim=2&preset=${PRESET}`);
    const step = await trainAndPause(page, 30);
    const link = await page.evaluate(() => window.location.href);
    expect(link).toContain(PRESET);
    const labels = await page.$$eval('[data-testid^="planar-run-"]', (els) => els.map((e) => e.textContent?.trim() ?? ''));
    expect(labels.length).toBeGreaterThan(1);

    const json = JSON.parse((await download(page, '[data-testid="planar-export-json"]')).bytes.toString('utf8')) as {
      link: string; runs: { run: number; label: string; points: { step: number; params: { mean: number[]; std: number }; moments: { mean: number[] }; frechet: number }[] }[];
    };
    expect(json.link).toBe(link);
    expect(json.runs.map((r) => r.label)).toEqual(labels);
    const recorded = json.runs[0].points.map((p) => p.step);
    expect(recorded[0]).toBe(0);
    expect(recorded.at(-1)).toBe(step);
    for (const run of json.runs) {
      expect(run.points.map((p) => p.step)).toEqual(recorded);
      for (const p of run.points) {
        expect(p.params.mean).toEqual(p.moments.mean);
        expect(p.params.std).toBeGreaterThan(0);
        expect(Number.isFinite(p.frechet)).toBe(true);
      }
    }

    const csv = (await download(page, '[data-testid="planar-export-csv"]')).bytes.toString('utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(`# link: ${link}`);
    const header = csv.find((l) => !l.startsWith('#'))!;
    expect(header.startsWith('run,label,step,mean_x,mean_y,std,q_mean_x,q_mean_y,q_cov_xx,q_cov_xy,q_cov_yy,frechet2')).toBe(true);
    const rows = csv.slice(csv.indexOf(header) + 1);
    expect(rows).toHaveLength(labels.length * recorded.length);
    // the label is quoted (commas inside): columns are counted from the end
    const fromEnd = (name: string) => header.split(',').indexOf(name) - header.split(',').length;
    json.runs.forEach((run) => {
      const mine = rows.filter((r) => r.startsWith(`${run.run},`));
      expect(mine.map((r) => Number(r.split(',').at(fromEnd('step'))))).toEqual(recorded);
      expect(mine.map((r) => Number(r.split(',').at(fromEnd('frechet2'))))).toEqual(run.points.map((p) => p.frechet));
    });

    for (const view of VIEWS) {
      const scope = `[data-testid="${view.panel}"]`;
      const svgFile = await download(page, `${scope} [data-testid="figure-svg"]`);
      expect(svgFile.name).toBe(`planar-${view.id}.svg`);
      const text = svgFile.bytes.toString('utf8');
      writeFileSync(resolve(ARTIFACTS, `planar-export-${view.id}.svg`), text);
      const parsed = await page.evaluate((source) => {
        const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          title: doc.querySelector('[data-testid="figure-title"]')?.textContent ?? '',
          legend: Array.from(doc.querySelectorAll('[data-testid="figure-legend"]'), (e) => e.textContent ?? ''),
          metadata: doc.querySelector('metadata')?.textContent ?? '',
          desc: doc.querySelector('desc')?.textContent ?? '',
          caption: Array.from(doc.querySelectorAll('[data-testid="figure-link-caption"]'), (e) => e.textContent ?? '').join(''),
          plots: doc.querySelectorAll('svg svg').length,
        };
      }, text);
      expect(parsed.error, view.id).toBeNull();
      expect(parsed.title).toBe(view.title);
      expect(parsed.metadata).toBe(link);
      expect(parsed.desc).toContain(link);
      expect(parsed.caption.replace(/^Link: /, '')).toBe(link);
      expect(parsed.plots, view.id).toBeGreaterThan(0);
      // the runs the view draws: every run on the data plane, the selected one elsewhere
      const runs = view.everyRun ? labels : [labels[0]];
      for (const label of runs) expect(parsed.legend, `${view.id}: ${label}`).toContain(label);
      if (view.id === 'critic' || view.id === 'landscape') expect(text, `${view.id}: its colour bar`).toContain('Colour scale of');

      const pngFile = await download(page, `${scope} [data-testid="figure-png"]`);
      expect(pngFile.name).toBe(`planar-${view.id}.png`);
      expect([...pngFile.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const [width, height] = [pngFile.bytes.readUInt32BE(16), pngFile.bytes.readUInt32BE(20)];
      expect(width, view.id).toBeGreaterThan(400);
      expect(height, view.id).toBeGreaterThan(300);
      expect(pngFile.bytes.length, view.id).toBeGreaterThan(10_000);
      writeFileSync(resolve(ARTIFACTS, `planar-export-${view.id}.png`), pngFile.bytes);
    }
    expect(await page.$('[data-testid="planar-notice"]')).toBeNull();

    // a PNG that cannot be made says so in one line, and nothing is lost
    await page.evaluate(() => { HTMLCanvasElement.prototype.toBlob = function toBlob(callback: BlobCallback) { callback(null); }; });
    await page.click('[data-testid="planar-data-plane"] [data-testid="figure-png"]');
    const notice = page.locator('[data-testid="planar-notice"]', { hasText: 'PNG export' });
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/PNG export of the Data plane view failed: the canvas gave no PNG/);
    expect(Number(await page.textContent('[data-testid="planar-step-count"] strong'))).toBe(step);
    const again = (await download(page, '[data-testid="planar-export-csv"]')).bytes.toString('utf8').trimEnd().split('\n');
    expect(again).toEqual(csv);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('on a phone the export buttons are reachable and overlap nothing; a long link is cut short in the caption and whole in the SVG', async () => {
    const target = Array.from({ length: 25 }, (_, k) => `1:${((k % 5) * 2.123457).toFixed(6)}:${(Math.floor(k / 5) * 2.654321).toFixed(6)}:1:0:1`).join(',');
    const page = await openPlanarPage(browser, `?dim=2&preset=${PRESET}&target=${target}`, { width: 390, height: 844 });
    await trainAndPause(page, 5);
    const buttons = ['[data-testid="planar-export-csv"]', '[data-testid="planar-export-json"]',
      ...VIEWS.flatMap((v) => [`[data-testid="${v.panel}"] [data-testid="figure-svg"]`, `[data-testid="${v.panel}"] [data-testid="figure-png"]`])];
    for (const selector of buttons) {
      const button = page.locator(selector);
      await button.scrollIntoViewIfNeeded();
      // the element at the button's centre is the button itself: nothing covers it
      const free = await button.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { covered: !(top === el || el.contains(top)), inside: r.left >= 0 && r.right <= window.innerWidth, width: r.width, height: r.height };
      });
      expect(free, selector).toEqual({ covered: false, inside: true, width: free.width, height: free.height });
      expect(Math.min(free.width, free.height), selector).toBeGreaterThanOrEqual(24);
    }
    // the title lines' buttons do not overlap the titles
    const overlaps = await page.$$eval('[data-testid^="planar-"] figcaption', (caps) => caps.flatMap((cap) => {
      const title = cap.querySelector('.panel-title')!.getBoundingClientRect();
      return Array.from(cap.querySelectorAll('button'), (b) => b.getBoundingClientRect())
        .filter((b) => b.left < title.right && title.left < b.right && b.top < title.bottom && title.top < b.bottom).map(() => cap.textContent);
    }));
    expect(overlaps).toEqual([]);
    await page.locator('[data-testid="planar-data-plane"] [data-testid="figure-svg"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'planar-export-phone-data-plane');
    await page.locator('[data-testid="planar-export"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'planar-export-phone-bar');
    // the link as the page writes it (numbers in their shortest spelling), the same in every file
    const link = (JSON.parse((await download(page, '[data-testid="planar-export-json"]')).bytes.toString('utf8')) as { link: string }).link;
    expect(link).toContain('target=1:0:0:1:0:1,1:2.123457:0:1:0:1,');
    expect(link.length).toBeGreaterThan(600);
    const text = (await download(page, '[data-testid="planar-data-plane"] [data-testid="figure-svg"]')).bytes.toString('utf8');
    const figure = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      return { metadata: doc.querySelector('metadata')?.textContent, caption: Array.from(doc.querySelectorAll('[data-testid="figure-link-caption"]'), (e) => e.textContent ?? '') };
    }, text);
    expect(figure.metadata).toBe(link);
    expect(figure.caption).toHaveLength(6);
    // the caption's first lines begin the link; its last say how long the link is and where it is whole
    const end = figure.caption.findIndex((line) => line.startsWith('…'));
    expect(end).toBeGreaterThan(2);
    expect(link.startsWith(figure.caption.slice(0, end).join('').replace(/^Link: /, ''))).toBe(true);
    expect(figure.caption.slice(end).join(' ')).toBe(`… (${link.length} characters: the whole link is in the SVG and the CSV)`);
    writeFileSync(resolve(ARTIFACTS, 'planar-export-phone-data-plane.png'), (await download(page, '[data-testid="planar-data-plane"] [data-testid="figure-png"]')).bytes);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
