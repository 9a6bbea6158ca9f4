import { describe, expect, it, vi } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseArgs, trainingError, UsageError } from '../../../src/cli/experiment';
import { configFromQuery } from '../../../src/config/url';

async function runMain(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { stderr += String(s); return true; });
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { stdout += String(s); return true; });
  try {
    const code = await main(args);
    return { code, stderr, stdout };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}

describe('experiment command', () => {
  it.each([
    [['--steps', 'abc', '--preset', 'figure5'], /--steps/],
    [['--steps', '0', '--preset', 'figure5'], /--steps/],
    [['--critic', 'maybe', '--preset', 'figure5'], /--critic/],
    [['--backend', 'webgl', '--preset', 'figure5'], /--backend/],
    [['--seeds', '99', '--preset', 'figure5'], /--seeds/],
    [['--workers', '0', '--preset', 'figure5'], /--workers/],
    [['--workers', 'many', '--preset', 'figure5'], /--workers/],
    [['--preset', 'nope'], /--preset/],
    [['--frobnicate'], /--frobnicate/],
    [[], /--config or --preset/],
    [['--config', '/nonexistent/config.json'], /--config/],
  ])('rejects %j with exit code 2 and names the argument', async (args, pattern) => {
    const { code, stderr } = await runMain(args);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
  });

  it('names the bad config field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fgan-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ batchSize: -3 }));
    const { code, stderr } = await runMain(['--config', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/batchSize/);
  });

  it('parses overrides', () => {
    expect(parseArgs(['--preset', 'figure5', '--steps', '20', '--critic', 'optimal', '--seeds', '1', '--backend', 'cpu', '--workers', '2'])).toMatchObject({ preset: 'figure5', steps: 20, critic: 'optimal', seeds: 1, backend: 'cpu', workers: 2 });
    expect(() => parseArgs(['--preset'])).toThrow(UsageError);
  });

  it('writes the JSON result of a short run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fgan-'));
    const out = join(dir, 'r.json');
    const { code, stdout } = await runMain(['--preset', 'figure5', '--steps', '20', '--critic', 'optimal', '--seeds', '1', '--out', out, '--quiet']);
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.runs).toHaveLength(4);
    expect(json.runs[1]).toMatchObject({ minimises: 'srkl', critic: 'optimal', seed: 1 });
    expect(json.runs[1].scheme.label).toBe('non-saturating JS');
    expect(json.runs[1].trajectory[2][0]).toBe(20);
    expect(stdout).toMatch(/distance/);
  });

  it('exits with code 2 as a process', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/experiment.ts', '--steps', 'x', '--preset', 'figure5'], { encoding: 'utf8' });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--steps/);
  });
});

// Writes fail with ENOSPC while `diskFull` is set (a full disk in the middle of writing a file).
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: NodeJS.ArrayBufferView, offset?: number, length?: number) => {
    if (!disk.full) return fs.writeSync(fd, data as Uint8Array, offset, length);
    fs.writeSync(fd, data as Uint8Array, offset, Math.min(length ?? 0, 100));
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fgan-cli-'));
}

/** A folder holding a good result file, to check that refusals leave it as it was. */
function folderWithResult(): { dir: string; out: string; before: string } {
  const dir = tempDir();
  const out = join(dir, 'r.json');
  const before = '{"good": true}';
  writeFileSync(out, before);
  return { dir, out, before };
}

const QUICK = ['--steps', '3', '--critic', 'optimal', '--seeds', '1', '--quiet', '--backend', 'cpu'];

async function expectRefused(args: string[], pattern: RegExp, code = 2): Promise<string> {
  const { code: got, stderr, stdout } = await runMain(args);
  expect(got, stderr).toBe(code);
  expect(stderr.trim().split('\n'), stderr).toHaveLength(1);
  expect(stderr).toMatch(/^error: /);
  expect(stderr).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stdout).toBe('');
  return stderr;
}

describe('experiment command: output paths', () => {
  it.each([
    ['an empty name', () => '', /--out: the file name is empty/],
    ['a folder', (dir: string) => dir, /is a folder/],
    ['a missing folder', (dir: string) => join(dir, 'missing', 'r.json'), /folder .* does not exist/],
    ['a file as folder', (dir: string) => join(dir, 'r.json', 'x.json'), /is not a folder/],
    ['an unwritable place', () => '/sys/fgan-result.json', /cannot write in "\/sys": EACCES/],
  ])('refuses %s before training, leaving the existing file as it was', async (_, outOf, pattern) => {
    const { dir, out, before } = folderWithResult();
    await expectRefused(['--preset', 'figure5', ...QUICK, '--out', outOf(dir)], pattern);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('refuses --out naming the --config file, which stays as it was', async () => {
    const dir = tempDir();
    const config = join(dir, 'c.json');
    const text = JSON.stringify({ steps: 3 });
    writeFileSync(config, text);
    await expectRefused(['--config', config, ...QUICK, '--out', join(dir, '.', 'c.json')], /is the --config file/);
    expect(readFileSync(config, 'utf8')).toBe(text);
  });

  it('a full disk leaves the previous result whole, no temporary file, one line, exit 1', async () => {
    const { dir, out, before } = folderWithResult();
    disk.full = true;
    try {
      await expectRefused(['--preset', 'figure5', ...QUICK, '--out', out], /cannot write ".*r\.json": ENOSPC; the file was left as it was/, 1);
    } finally {
      disk.full = false;
    }
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('replaces a result whole and leaves no temporary file; the trajectory reaches the last step', async () => {
    const { dir, out } = folderWithResult();
    const { code } = await runMain(['--preset', 'figure5', ...QUICK, '--out', out]);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual(['r.json']);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.interrupted).toBe(false);
    for (const run of json.runs) expect(run.trajectory.map((p: number[]) => p[0])).toEqual([0, 3]);
  });
});

describe('experiment command: configurations', () => {
  function configFile(content: string): string {
    const file = join(tempDir(), 'config.json');
    writeFileSync(file, content);
    return file;
  }

  it.each([
    ['{"stpes": 50}', /unknown key "stpes"/],
    ['{"critic": {"hiden": [4]}}', /unknown key "critic\.hiden"/],
    ['{"steps": 5, "target": [{"weight": 1, "mean": 0, "std": 1, "sdt": 2}], "zzz": 1}', /unknown keys "target\.0\.sdt", "zzz"/],
    ['{"__proto__": {"polluted": 1}}', /unknown key "__proto__"/],
    ['{\n  "steps": \n}\n', /not valid JSON/],
    ['{"sigma0": 1e-300}', /sigma0: must be at least 1\.2e-38/],
    ['[1, 2]', /expected a JSON object/],
  ])('refuses the JSON config %j in one line naming what is wrong', async (content, pattern) => {
    await expectRefused(['--config', configFile(content), ...QUICK], pattern);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['a bad target', '?target=abc', /--config: target: ignored target=abc/],
    ['a repeated key', '?seeds=2&seeds=5', /seeds: ignored seeds=5: seeds is given more than once; kept the first, seeds=2/],
    ['a repeated preset', '?preset=figure5&preset=wgan', /kept the first, preset=figure5/],
    ['a sigma0 that is 0 in float32', '?sigma0=1e-300', /sigma0=1e-300: must be at least 1\.2e-38/],
    ['a learning rate that is 0 in float32', '?s=ns:js;glr=1e-300', /generatorOptimizer\.learningRate: must be at least 1\.2e-38/],
    ['a query of 100,000 characters', `?mu0=${'1'.repeat(100_000)}x`, /ignored the whole link: it is 100005 characters long/],
    ['a value of 5001 characters', `?mu0=${'1'.repeat(5000)}x`, /ignored mu0: its value is 5001 characters long, at most 4096/],
    ['three bad values', '?mu0=abc&sigma0=-1&zzz=2', /zzz.* \(and 2 more: mu0, sigma0\)/],
    ['an empty value', '', /--config: the value is empty/],
  ])('refuses a link with %s: exit 2 and one line', async (_, query, pattern) => {
    const stderr = await expectRefused(['--config', query, ...QUICK], pattern);
    expect(stderr.length).toBeLessThan(400);
  });

  it('refuses a repeated flag, naming both values', async () => {
    await expectRefused(['--preset', 'figure5', '--steps', '2', '--steps', '30'], /--steps is given twice \("2", then "30"\)/);
  });

  it('rescales unnormalised weights with a note, from a link and from a JSON file alike', async () => {
    for (const config of ['?target=1:0:0.3,3:2:1', configFile(JSON.stringify({ target: [{ weight: 1, mean: 0, std: 0.3 }, { weight: 3, mean: 2, std: 1 }] }))]) {
      const { code, stderr } = await runMain(['--config', config, ...QUICK]);
      expect(code, stderr).toBe(0);
      expect(stderr).toMatch(/^note: target: Target weights summed to 4; they were rescaled to sum to 1\.$/m);
    }
  });

  it('reads a results file fed back as --config by its configuration', async () => {
    const dir = tempDir();
    const first = join(dir, 'first.json');
    expect((await runMain(['--config', '?seeds=2&mu0=0.5', ...QUICK.filter((a) => a !== '1' && a !== '--seeds'), '--out', first])).code).toBe(0);
    const second = join(dir, 'second.json');
    const { code, stderr } = await runMain(['--config', first, '--quiet', '--backend', 'cpu', '--out', second]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/note: \(json\): a results file: read the configuration it holds/);
    expect(JSON.parse(readFileSync(second, 'utf8')).config).toEqual(JSON.parse(readFileSync(first, 'utf8')).config);
  });

  it('refuses before training a configuration the wasm heap cannot hold, saying what to reduce', async () => {
    const heavy = '?s=sat:js&s=ns:js&s=hyb:rkl:js&s=hyb:igog:js&s=sat:kl&s=ns:kl&s=sat:rkl&s=ns:rkl&seeds=8&arch=256x256x256x256&workers=1';
    await expectRefused(['--config', heavy, '--quiet'], /needs about [\d.]+ GiB of memory, more than the wasm backend can hold \([\d.]+ GiB\): reduce .*arch=20x20/);
    await expectRefused(['--config', '?s=ns:js&critic=learned&batch=4096&arch=256x256x256x256&csteps=50&seeds=8&workers=1', '--quiet'], /batch=256/);
  });
});

describe('experiment command: Ctrl-C', () => {
  it.each([['one thread', '1'], ['two threads', '2']])('saves the runs trained so far marked interrupted and exits 130 (%s)', async (_, workers) => {
    const out = join(tempDir(), 'r.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/experiment.ts', '--preset', 'figure5', '--critic', 'learned', '--seeds', '1', '--steps', '200000', '--workers', workers, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
      if (/\] [1-9]\d*\/200000/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted: saving the runs trained so far/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.interrupted).toBe(true);
    expect(json.runs).toHaveLength(4);
    const last = json.runs.map((r: { trajectory: number[][] }) => r.trajectory.at(-1)![0]);
    expect(last[0]).toBeGreaterThan(0);
    expect(last[0]).toBeLessThan(200000);
    expect(new Set(last).size).toBe(1);
  }, 180_000);
});

describe('landscape command: a full disk', () => {
  it('leaves the previous output whole, no temporary file, one line, exit 1', async () => {
    const { main: landscape } = await import('../../../src/cli/landscape');
    const { dir, out, before } = folderWithResult();
    disk.full = true;
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { stderr += String(s); return true; });
    try {
      expect(await landscape(['--ids', 'js', '--at', '1,1', '--out', out])).toBe(1);
    } finally {
      spy.mockRestore();
      disk.full = false;
    }
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^error: cannot write ".*r\.json": ENOSPC; the file was left as it was/);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['r.json']);
  });
});

describe('experiment command: running out of memory anyway', () => {
  it('says that training ran out of memory and what to reduce, in one line', () => {
    const { config } = configFromQuery('?s=ns:js&critic=learned&seeds=8&arch=256x256x256x256&workers=2');
    for (const error of [new WebAssembly.RuntimeError('memory access out of bounds'), new Error('Aborted(). Build with -sASSERTIONS for more info.')]) {
      const message = trainingError(error, config).message;
      expect(message).toMatch(/^training ran out of memory \(".+"\): reduce the critic \(256x256x256x256\): arch=20x20, or the seeds \(8\): seeds=1$/);
    }
    expect(trainingError(new Error('something else'), config).message).toBe('something else');
  });
});
