// Engine benchmark in headless Chromium against the benchmark build (dist-bench/, built by
// `npx vite build --config bench/vite.config.ts`; npm run bench does), served by `vite preview`.
//   npx tsx bench/browser.ts [--quick]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { preview } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatFigures } from './engineCore';
import type { BrowserBenchOptions, BrowserBenchResult } from './pageHook';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The benchmark build: the playground page with window.__fganBench (bench/vite.config.ts). */
export const BENCH_DIST = resolve(import.meta.dirname, '../dist-bench');

/** Serves the benchmark build (vite preview), opens Chromium, and hands both to `use`; closes them after. */
export async function withBuiltApp<T>(port: number, use: (browser: Browser, url: string) => Promise<T>): Promise<T> {
  const server = await preview({ root: resolve(import.meta.dirname, '..'), build: { outDir: BENCH_DIST }, preview: { port, strictPort: false, host: '127.0.0.1' }, logLevel: 'error' });
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    return await use(browser, url);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/** Waits until the page has traced its landscapes and started its engine, so that a measurement
 * does not share the two cores with the page's own start-up. */
export async function pageSettled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 120_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="contour-panel"]')].every((p) => p.querySelector('.contour-level')), undefined, { timeout: 120_000 });
}

export function benchEngineBrowser(opts: { backends?: BrowserBenchOptions['backend'][]; quick?: boolean } = {}): Promise<BrowserBenchResult[]> {
  return withBuiltApp(4789, async (browser, url) => {
    const results: BrowserBenchResult[] = [];
    for (const backend of opts.backends ?? ['webgl', 'wasm', 'cpu']) {
      const page = await browser.newPage(); // a fresh page per backend
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => !!window.__fganBench, null, { timeout: 60_000 }).catch(() => {
        throw new Error('window.__fganBench is missing: build the benchmark build first (npx vite build --config bench/vite.config.ts).');
      });
      await pageSettled(page);
      // measured steps per backend, sized for about a minute each on the 2-core reference machine
      // (webgl runs on SwiftShader there); the 4000-step times are projections
      const steps: Record<BrowserBenchOptions['backend'], Omit<BrowserBenchOptions, 'backend'>> = {
        webgl: { singleSteps: 60, baselineSteps: 12, figure5Steps: 12 },
        wasm: { singleSteps: 600, baselineSteps: 120, figure5Steps: 200 },
        cpu: { singleSteps: 30, baselineSteps: 10, figure5Steps: 8 },
      };
      const runOpts: BrowserBenchOptions = opts.quick
        ? { backend, singleSteps: 20, baselineSteps: 5, figure5Steps: 4 }
        : { backend, ...steps[backend] };
      results.push(await page.evaluate((o) => window.__fganBench!.run(o), runOpts));
      await page.close();
    }
    return results;
  });
}

export function printBrowserFigures(results: BrowserBenchResult[]): void {
  for (const r of results) {
    const note = r.backend.softwareRenderer ? ' (software renderer)' : '';
    console.log(formatFigures(`Chromium${note}`, r.figures) + (r.backend.fallbackReason ? `\n  note: ${r.backend.fallbackReason}` : ''));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchEngineBrowser({ quick: process.argv.includes('--quick') }).then(printBrowserFigures, (e) => { console.error(e); process.exit(1); });
}
