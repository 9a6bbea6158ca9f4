// `npm run bench`: every benchmark in one run, so that ratios hold on a noisy machine. Prints
// tables and writes bench/results.json. Figures, never assertions.
//   npm run bench [-- --quick] [-- --skip-browser]
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { benchLandscape } from './landscape';
import { benchEngineNode, printEngineFigures } from './engine';
import { CHROMIUM_FLAGS, benchEngineBrowser, printBrowserFigures } from './browser';

const quick = process.argv.includes('--quick');
const skipBrowser = process.argv.includes('--skip-browser');

/** The longest main-thread task while the page trains the Figure 5 preset for `seconds`. */
async function longestMainThreadTask(seconds: number): Promise<{ longestMs: number; tasksOver50ms: number; generatorSteps: number }> {
  const server = await preview({ preview: { port: 4790, strictPort: false, host: '127.0.0.1' }, logLevel: 'error' });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4790/';
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __longtasks: number[] };
      w.__longtasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${url}?preset=figure5`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="play"]:not([disabled])', { timeout: 120_000 });
    await page.waitForTimeout(2000); // let the landscapes settle before measuring training alone
    await page.evaluate(() => { (window as unknown as { __longtasks: number[] }).__longtasks = []; });
    const before = Number(await page.textContent('[data-testid="step-counter"]'));
    await page.click('[data-testid="play"]');
    await page.waitForTimeout(seconds * 1000);
    const tasks = await page.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks);
    const after = Number(await page.textContent('[data-testid="step-counter"]'));
    return { longestMs: tasks.length ? Math.max(...tasks) : 0, tasksOver50ms: tasks.length, generatorSteps: after - before };
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

async function main(): Promise<void> {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`fgan-playground benchmarks — ${new Date().toISOString()} — ${machine}\n`);
  const results: Record<string, unknown> = { date: new Date().toISOString(), machine };

  console.log('== Exact landscapes (Node)');
  const landscape = await benchLandscape(quick ? 2 : 5);
  for (const r of landscape) console.log(`  ${r.name.padEnd(60)} ${r.ms.toFixed(0).padStart(6)} ms`);
  results.landscape = landscape;

  console.log('\n== Training engine (Node)');
  const node = await benchEngineNode({ quick });
  printEngineFigures(node);
  results.node = node;

  if (!skipBrowser) {
    console.log('\n== Training engine (headless Chromium; build first: npm run build)');
    const browser = await benchEngineBrowser({ quick });
    printBrowserFigures(browser);
    results.browser = browser;

    console.log('\n== Page responsiveness while the Figure 5 preset trains');
    const responsiveness = await longestMainThreadTask(10);
    console.log(`  longest main-thread task: ${responsiveness.longestMs.toFixed(0)} ms (${responsiveness.tasksOver50ms} tasks over 50 ms, ${responsiveness.generatorSteps} generator steps in 10 s)`);
    results.responsiveness = responsiveness;
  }

  const out = resolve(import.meta.dirname, 'results.json');
  writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`\nwrote ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
