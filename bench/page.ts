// The Figure 5 preset trained by the playground page itself (workers, merging and drawing
// included), with the engine's worker plan and with one worker, in the same run. Also records
// the longest main-thread task while it trains. Build first: npx vite build --config bench/vite.config.ts.
//   npx tsx bench/page.ts [--quick]
import { pathToFileURL } from 'node:url';
import { pageSettled, withBuiltApp } from './browser';

export interface PageRunFigures {
  workers: string;
  /** Workers the page reported using. */
  workersUsed: number;
  backend: string;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  projected4000s: number;
  longestTaskMs: number;
  tasksOver50ms: number;
}

export function benchPage(opts: { steps?: number; workers?: ('auto' | number)[] } = {}): Promise<PageRunFigures[]> {
  const steps = opts.steps ?? 400;
  return withBuiltApp(4791, async (browser, url) => {
    const out: PageRunFigures[] = [];
    for (const workers of opts.workers ?? ['auto', 1]) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript(() => {
        const w = window as unknown as { __longtasks: number[] };
        w.__longtasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(`${url}?preset=figure5&steps=${steps}${workers === 'auto' ? '' : `&workers=${workers}`}`, { waitUntil: 'commit' });
      await pageSettled(page);
      await page.waitForTimeout(1000);
      await page.evaluate(() => { (window as unknown as { __longtasks: number[] }).__longtasks = []; });
      const t0 = Date.now();
      await page.click('[data-testid="play"]');
      await page.waitForSelector('.training-bar .done', { timeout: 600_000 });
      const seconds = (Date.now() - t0) / 1000;
      const tasks = await page.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks);
      const shown = page.locator('[data-testid="worker-count"]'); // absent for one worker
      const workersUsed = (await shown.count()) > 0 ? Number((await shown.textContent())?.match(/\d+/)?.[0]) : 1;
      const backend = (await page.textContent('[data-testid="backend-in-use"]'))?.replace(/^backend:\s*/, '') ?? '?';
      out.push({
        workers: String(workers), workersUsed, backend, steps, seconds, stepsPerSecond: steps / seconds, projected4000s: (4000 * seconds) / steps,
        longestTaskMs: tasks.length ? Math.max(...tasks) : 0, tasksOver50ms: tasks.length,
      });
      await page.close();
    }
    return out;
  });
}

export function printPageFigures(figures: PageRunFigures[]): void {
  const one = figures.find((f) => f.workersUsed === 1);
  for (const f of figures) {
    const vs = one && f !== one ? ` (${(f.stepsPerSecond / one.stepsPerSecond).toFixed(2)}x one worker)` : '';
    console.log(`  workers=${f.workers.padEnd(4)} ${f.workersUsed} worker(s) on ${f.backend}: ${f.steps} steps in ${f.seconds.toFixed(1)} s, ${f.stepsPerSecond.toFixed(1)} steps/s -> 4000 steps in ${f.projected4000s.toFixed(0)} s${vs}; longest main-thread task ${f.longestTaskMs.toFixed(0)} ms (${f.tasksOver50ms} over 50 ms)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchPage({ steps: process.argv.includes('--quick') ? 100 : 400 }).then(printPageFigures, (e) => { console.error(e); process.exit(1); });
}
