// PyTorch baselines: the project's headless command against the same training written
// in PyTorch (bench/torch_fig5.py: all runs as one batch of bmm critics; bench/torch_planar.py:
// the runs one after another), one right after the other on this machine. Wall-clock seconds of
// each whole command (start-up included) and the training seconds each reports; the ratio is
// torch / project, so > 1 means the project is faster. Figures, never assertions.
//   npx tsx bench/torch.ts [--quick]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');

/** The Python that has torch, its version and the BLAS library it loaded. */
export interface TorchPython {
  python: string;
  torch: string;
  blas: string;
}

export interface TorchPair {
  name: string;
  runs: number;
  steps: number;
  project: { command: string; wallSeconds: number; trainingSeconds: number; workers: number; backend: string };
  torch: { command: string; wallSeconds: number; trainingSeconds: number; threads: 1 };
  /** The 1-minute load average before the pair: other work on the machine skews the ratio. */
  loadBefore: number;
  /** torch / project wall-clock seconds (> 1: the project is faster), and the same for training alone. */
  ratio: number;
  trainingRatio: number;
}

export interface TorchFigures {
  cpu: string;
  cores: number;
  python: TorchPython;
  pairs: TorchPair[];
}

/** The CPU model from /proc/cpuinfo (os.cpus() elsewhere). */
export function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch { /* not Linux */ }
  return cpus()[0]?.model ?? 'unknown CPU';
}

// torch's version and the BLAS shared objects it mapped (Debian's torch uses the system
// libblas.so.3: reference BLAS or OpenBLAS, whichever the alternatives system points to)
const PROBE = "import torch, os; print(torch.__version__); print(' '.join(sorted({os.path.realpath(l.split()[-1]) for l in open('/proc/self/maps') if 'blas' in l.lower() and '/' in l})) or '?')";

/** The first of $TORCH_PYTHON, python3 and /usr/bin/python3 that imports torch (null: none does). */
export function findTorchPython(): TorchPython | null {
  const candidates = [process.env.TORCH_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  for (const python of new Set(candidates)) {
    const probe = spawnSync(python, ['-c', PROBE], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const [torch, libs] = probe.stdout.trim().split('\n');
    // name the optimised library when one is loaded (OpenBLAS, MKL), else the BLAS file itself
    const list = libs.split(' ');
    const blas = list.map((l) => l.split('/').pop() ?? l).find((name) => /openblas|mkl/i.test(name)) ?? list.find((l) => /libblas/.test(l)) ?? libs;
    return { python, torch, blas };
  }
  return null;
}

/** Runs a command to its end; its wall-clock seconds. Throws with its stderr when it fails. */
function timed(command: string, args: string[]): number {
  const start = performance.now();
  const run = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${run.status}: ${run.stderr.slice(-500)}`);
  return seconds;
}

interface PairSpec {
  name: string;
  /** Arguments of npm run experiment (without --steps, --out, --quiet). */
  projectArgs: string[];
  script: string;
  steps: number;
}

/** The project's command, then the PyTorch script, each writing its results to a temporary file. */
function measurePair(py: TorchPython, spec: PairSpec): TorchPair {
  const dir = mkdtempSync(join(tmpdir(), 'fgan-torch-'));
  const loadBefore = loadavg()[0];
  try {
    const projectOut = join(dir, 'project.json');
    const torchOut = join(dir, 'torch.json');
    const projectArgs = ['run', '--silent', 'experiment', '--', ...spec.projectArgs, '--steps', String(spec.steps), '--quiet', '--out', projectOut];
    const torchArgs = [spec.script, '--steps', String(spec.steps), '--out', torchOut];
    const projectWall = timed('npm', projectArgs);
    const torchWall = timed(py.python, torchArgs);
    const project = JSON.parse(readFileSync(projectOut, 'utf8')) as { seconds: number; workers: number; backend: string; runs: unknown[] };
    const torch = JSON.parse(readFileSync(torchOut, 'utf8')) as { seconds: number };
    return {
      name: spec.name, runs: project.runs.length, steps: spec.steps, loadBefore,
      project: { command: `npm ${projectArgs.slice(0, -2).join(' ')}`, wallSeconds: projectWall, trainingSeconds: project.seconds, workers: project.workers, backend: project.backend },
      torch: { command: `${py.python} ${torchArgs.slice(0, -2).join(' ')}`, wallSeconds: torchWall, trainingSeconds: torch.seconds, threads: 1 },
      ratio: torchWall / projectWall,
      trainingRatio: torch.seconds / project.seconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (a) the Figure 5 preset, headless with the default workers, against bench/torch_fig5.py. */
export function benchTorchFigure5(py: TorchPython, steps = 4000): TorchPair {
  return measurePair(py, { name: 'Figure 5', projectArgs: ['--preset', 'figure5'], script: 'bench/torch_fig5.py', steps });
}

/** (b) the circle of five's 9 learned-critic runs, headless with the default workers, against bench/torch_planar.py. */
export function benchTorchPlanar(py: TorchPython, steps = 1500): TorchPair {
  return measurePair(py, { name: 'circle of five, learned', projectArgs: ['--preset', 'appendix-d-circle', '--critic', 'learned', '--seeds', '3'], script: 'bench/torch_planar.py', steps });
}

/** Both pairs; prints "PyTorch not installed" and returns null when no Python imports torch. */
export function benchTorch(opts: { quick?: boolean } = {}): TorchFigures | null {
  const py = findTorchPython();
  if (!py) {
    console.log('  PyTorch not installed (tried $TORCH_PYTHON, python3, /usr/bin/python3; on Debian: apt-get install python3-torch)');
    return null;
  }
  const pairs = [benchTorchFigure5(py, opts.quick ? 400 : 4000), benchTorchPlanar(py, opts.quick ? 150 : 1500)];
  return { cpu: cpuModel(), cores: cpus().length, python: py, pairs };
}

export function printTorchFigures(f: TorchFigures | null): void {
  if (!f) return;
  console.log(`  ${f.cores} × ${f.cpu}; torch ${f.python.torch} (${f.python.python}, BLAS ${f.python.blas}), one thread`);
  for (const p of f.pairs) {
    const threads = p.project.workers > 1 ? `${p.project.workers} threads` : '1 thread';
    console.log(`  ${p.name}, ${p.runs} runs, ${p.steps} steps: project ${p.project.wallSeconds.toFixed(1)} s (${p.project.backend}, ${threads}; training ${p.project.trainingSeconds.toFixed(1)} s), `
      + `PyTorch ${p.torch.wallSeconds.toFixed(1)} s (training ${p.torch.trainingSeconds.toFixed(1)} s): torch/project ${p.ratio.toFixed(2)}× (training ${p.trainingRatio.toFixed(2)}×); load before ${p.loadBefore.toFixed(2)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    printTorchFigures(benchTorch({ quick: process.argv.includes('--quick') }));
  } catch (e) {
    console.error(e);
    process.exit(1);
  }
}
