// Node engine benchmark (wasm and cpu). Printed figures, never a timed test.
//   npx tsx bench/engine.ts [--quick]
import { pathToFileURL } from 'node:url';
import { selectBackend } from '../src/engine/backend';
import { formatFigures, measureEngine, type EngineFigures } from './engineCore';

export interface NodeBenchOptions {
  backends?: Array<'wasm' | 'cpu'>;
  quick?: boolean;
}

export async function benchEngineNode(opts: NodeBenchOptions = {}): Promise<EngineFigures[]> {
  const out: EngineFigures[] = [];
  for (const backend of opts.backends ?? ['wasm', 'cpu']) {
    await selectBackend(backend);
    // measured steps sized for well under a minute per backend; the 4000-step times are projections
    const steps = opts.quick ? { singleSteps: 20, baselineSteps: 5, figure5Steps: 4 }
      : backend === 'cpu' ? { singleSteps: 30, baselineSteps: 10, figure5Steps: 8 } : { singleSteps: 600, baselineSteps: 120, figure5Steps: 200 };
    out.push(await measureEngine(steps));
  }
  return out;
}

export function printEngineFigures(figures: EngineFigures[], where = 'Node'): void {
  for (const f of figures) console.log(formatFigures(where, f));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  benchEngineNode({ quick }).then((f) => printEngineFigures(f), (e) => { console.error(e); process.exit(1); });
}
