// `npm run bench`: every benchmark in one run, so that ratios hold on a noisy machine. Prints
// tables and writes bench/results.json. Figures, never assertions.
//   npm run bench [-- --quick] [-- --skip-browser] [-- --skip-torch]
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { benchLandscape } from './landscape';
import { benchEngineNode, printEngineFigures } from './engine';
import { benchEngineBrowser, printBrowserFigures } from './browser';
import { benchPage, printPageFigures } from './page';
import { benchResponsiveness, printResponsiveness } from './responsiveness';
import { benchUrlDecode, printUrlDecode } from './urlDecode';
import { benchTorch, printTorchFigures } from './torch';

const quick = process.argv.includes('--quick');
const skipBrowser = process.argv.includes('--skip-browser');
const skipTorch = process.argv.includes('--skip-torch');

async function main(): Promise<void> {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`fgan-playground benchmarks — ${new Date().toISOString()} — ${machine}\n`);
  const results: Record<string, unknown> = { date: new Date().toISOString(), machine };

  console.log('== Exact landscapes (Node)');
  const landscape = await benchLandscape(quick ? 2 : 5);
  for (const r of landscape) console.log(`  ${r.name.padEnd(60)} ${r.ms.toFixed(0).padStart(6)} ms`);
  results.landscape = landscape;

  console.log('\n== Link decoding against the link\'s length (Node; medians)');
  const urlDecode = benchUrlDecode();
  printUrlDecode(urlDecode);
  results.urlDecode = urlDecode;

  console.log('\n== Training engine (Node)');
  const node = await benchEngineNode({ quick });
  printEngineFigures(node);
  results.node = node;

  if (!skipTorch) {
    // the headless command and the same training in PyTorch, one right after the other
    console.log('\n== PyTorch baselines: the headless command against PyTorch on one thread; torch/project > 1: the project is faster');
    const torch = benchTorch({ quick });
    printTorchFigures(torch);
    results.torch = torch;
  }

  if (!skipBrowser) {
    console.log('\n== Training engine (headless Chromium; the benchmark build, which npm run bench makes)');
    const browser = await benchEngineBrowser({ quick });
    printBrowserFigures(browser);
    results.browser = browser;

    console.log('\n== The Figure 5 preset trained by the page (workers, merging and drawing included)');
    // the page's own plan in full; one worker for a quarter of the steps, projected
    const page = [
      ...(await benchPage({ steps: quick ? 100 : 4000, workers: ['auto'] })),
      ...(await benchPage({ steps: quick ? 100 : 1000, workers: [1] })),
    ];
    printPageFigures(page);
    results.page = page;

    console.log('\n== Responsiveness of the page (medians of 3; Play -> first drawn point, Pause -> stopped)');
    const responsiveness = await benchResponsiveness(quick ? 1 : 3);
    printResponsiveness(responsiveness);
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
