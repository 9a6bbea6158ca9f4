// How quickly the page answers: from Play to the first drawn trajectory point, and from Pause
// to training stopped, for the default configuration, the Figure 5 preset and a heavy one.
// Build first: npx vite build --config bench/vite.config.ts.   npx tsx bench/responsiveness.ts
import { pathToFileURL } from 'node:url';
import { pageSettled, withBuiltApp } from './browser';

export interface ResponsivenessFigures {
  name: string;
  query: string;
  /** Play clicked -> a trajectory has a point beyond step 0 on the panels. */
  firstPointMs: number;
  /** Pause clicked -> the Play button is back (every worker stopped, at one step). */
  pauseMs: number;
  /** Steps counted in the second after the pause showed (0 when training really stopped). */
  stepsAfterPause: number;
}

export const RESPONSIVENESS_CASES = [
  { name: 'default', query: '' },
  { name: 'Figure 5', query: '?preset=figure5' },
  { name: 'heavy (64x64x64 critic, batch 1024, 8 runs)', query: '?arch=64x64x64&batch=1024&seeds=2&s=ns:js&s=sat:js' },
];

export function benchResponsiveness(rounds = 3): Promise<ResponsivenessFigures[]> {
  return withBuiltApp(4792, async (browser, url) => {
    const out: ResponsivenessFigures[] = [];
    for (const c of RESPONSIVENESS_CASES) {
      const first: number[] = [];
      const pause: number[] = [];
      let after = 0;
      for (let r = 0; r < rounds; r++) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(url + c.query, { waitUntil: 'commit' });
        await pageSettled(page);
        const t0 = Date.now();
        await page.click('[data-testid="play"]');
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="trajectory"]')].some((p) => Number(p.getAttribute('data-points')) > 1), undefined, { timeout: 120_000 });
        first.push(Date.now() - t0);
        await page.waitForTimeout(2000);
        const t1 = Date.now();
        await page.click('[data-testid="pause"]');
        await page.waitForSelector('[data-testid="play"]', { timeout: 120_000 });
        pause.push(Date.now() - t1);
        const stopped = Number(await page.textContent('[data-testid="step-counter"]'));
        await page.waitForTimeout(1000);
        after = Math.max(after, Number(await page.textContent('[data-testid="step-counter"]')) - stopped);
        await page.close();
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      out.push({ name: c.name, query: c.query, firstPointMs: median(first), pauseMs: median(pause), stepsAfterPause: after });
    }
    return out;
  });
}

export function printResponsiveness(figures: ResponsivenessFigures[]): void {
  for (const f of figures) {
    console.log(`  ${f.name.padEnd(44)} Play -> first point ${String(f.firstPointMs).padStart(5)} ms   Pause -> stopped ${String(f.pauseMs).padStart(5)} ms   steps after the pause ${f.stepsAfterPause}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchResponsiveness().then(printResponsiveness, (e) => { console.error(e); process.exit(1); });
}
