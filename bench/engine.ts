// Node engine benchmark (wasm and cpu). Printed figures, never a timed test.
//   npx tsx bench/engine.ts [--quick]
import { pathToFileURL } from 'node:url';
import { selectBackend } from '../src/engine/backend';
import { formatFigures, measureEngine, type EngineFigures } from '../src/engine/benchCore';

export interface NodeBenchOptions {
  backends?: Array<'wasm' | 'cpu'>;
  quick?: boolean;
}

export async function benchEngineNode(opts: NodeBenchOptions = {}): Promise<EngineFigures[]> {
  const out: EngineFigures[] = [];
  for (const backend of opts.backends ?? ['wasm', 'cpu']) {
    await selectBackend(backend);
    const slow = backend === 'cpu' || opts.quick;
    out.push(await measureEngine(slow ? { singleSteps: 40, baselineSteps: 15, figure5Steps: 20 } : { singleSteps: 200, baselineSteps: 50, figure5Steps: 100 }));
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
