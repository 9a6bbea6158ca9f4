import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
function run(args: string[]) {
  return spawnSync('npx', ['tsx', 'src/cli/landscape.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

describe('landscape CLI', () => {
  it.each([
    [['--at', '1,-2', '--out', 'x.json'], '--at expects MU,SIGMA with sigma > 0, got "1,-2"'],
    [['--ids', 'js,nope', '--out', 'x.json'], '--ids'],
    [['--at', '1,1'], '--out FILE is required'],
    [['--at', '1e6,1', '--out', 'x.json'], '--at: mu must be a finite number in [-10000, 10000], got 1000000'],
    [['--at', '1,1e-9', '--out', 'x.json'], '--at: sigma must be a number in'],
    [['--bogus', '--out', 'x.json'], 'unknown option --bogus'],
    [['--window', '3,1,0.1,2', '--out', 'x.json'], '--window'],
    [['--config', '/no/such/file.json', '--out', 'x.json'], '--config'],
  ])('bad arguments %j exit with code 2 and name the argument', (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });

  it('writes the minima, point values (Infinity as a string) and grids as JSON', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'landscape-')), 'out.json');
    const result = run(['--ids', 'js,rkl,pearson', '--at', '1.8,0.3', '--grid', '--window', '-0.5,3,0.1,2.5,61', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.target).toEqual([{ weight: 0.5, mean: 0, std: 0.3 }, { weight: 0.5, mean: 2, std: 1 }]);
    expect(json.window).toMatchObject({ muMin: -0.5, muMax: 3, nMu: 61 });
    expect(Object.keys(json.divergences)).toEqual(['js', 'rkl', 'pearson']);
    expect(json.divergences.js.name).toBe('Jensen-Shannon (4·JS)');
    expect(json.divergences.pearson.value).toBe('Infinity'); // sigma = 0.3 < 1/sqrt(2)
    expect(json.divergences.js.minima).toHaveLength(1);
    expect(json.divergences.js.minima[0].mu).toBeCloseTo(1.1416106, 5);
    const rkl = json.divergences.rkl.minima;
    expect(rkl).toHaveLength(2);
    expect(rkl[0]).toMatchObject({ global: true });
    expect(rkl[1].mu).toBeCloseTo(0.1221938, 5);
    expect(rkl[1].sigma).toBeCloseTo(0.4234181, 5);
    expect(json.divergences.js.grid.values).toHaveLength(61 * 61);
    expect(json.divergences.pearson.grid.values).toContain('Infinity');
  });
});

describe('landscape CLI: refusals before any work', () => {
  async function runInProcess(args: string[]): Promise<{ code: number; stderr: string }> {
    const { main } = await import('../../../src/cli/landscape');
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { stderr += String(s); return true; });
    try {
      return { code: await main(args), stderr };
    } finally {
      spy.mockRestore();
    }
  }

  function folderWithResult(): { dir: string; out: string; before: string } {
    const dir = mkdtempSync(join(tmpdir(), 'landscape-'));
    const out = join(dir, 'out.json');
    writeFileSync(out, '{"good": true}');
    return { dir, out, before: '{"good": true}' };
  }

  it.each([
    ['a bad target in a link', (_: string) => ['--config', '?target=abc'], /--config: target: ignored target=abc/],
    ['a repeated link key', (_: string) => ['--config', '?target=1:0:1&target=1:2:1'], /target is given more than once; kept the first, target=1:0:1/],
    ['an empty --out', (_: string) => ['--out', ''], /--out: the file name is empty/],
    ['a folder as --out', (dir: string) => ['--out', dir], /is a folder/],
    ['a missing folder', (dir: string) => ['--out', join(dir, 'no', 'x.json')], /does not exist/],
    ['a repeated flag', (_: string) => ['--ids', 'js', '--ids', 'kl'], /--ids is given twice \("js", then "kl"\)/],
    ['a JSON config with an unknown key', (dir: string) => { writeFileSync(join(dir, 'c.json'), '{"taget": []}'); return ['--config', join(dir, 'c.json')]; }, /unknown key "taget"/],
    ['a JSON config that does not parse', (dir: string) => { writeFileSync(join(dir, 'c.json'), '{\n"target":\n'); return ['--config', join(dir, 'c.json')]; }, /not valid JSON/],
  ])('refuses %s with exit 2, one line, the existing file as it was', async (_, argsOf, pattern) => {
    const { dir, out, before } = folderWithResult();
    const args = argsOf(dir);
    const { code, stderr } = await runInProcess(args.includes('--out') ? args : [...args, '--out', out]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(pattern);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('refuses --out naming the --config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'landscape-'));
    const config = join(dir, 'c.json');
    writeFileSync(config, '{"target": [{"weight": 1, "mean": 0, "std": 1}]}');
    const { code, stderr } = await runInProcess(['--config', config, '--out', config, '--ids', 'js']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is the --config file/);
    expect(readFileSync(config, 'utf8')).toBe('{"target": [{"weight": 1, "mean": 0, "std": 1}]}');
  });

  it('reads the target of an experiment results file and replaces the output whole', async () => {
    const { dir, out } = folderWithResult();
    const results = join(dir, 'results.json');
    writeFileSync(results, JSON.stringify({ config: { target: [{ weight: 1, mean: 8, std: 0.5 }] }, runs: [] }));
    const { code, stderr } = await runInProcess(['--config', results, '--ids', 'js', '--at', '8,0.5', '--out', out]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/note: \(json\): a results file/);
    expect(JSON.parse(readFileSync(out, 'utf8')).target).toEqual([{ weight: 1, mean: 8, std: 0.5 }]);
    expect(readdirSync(dir).sort()).toEqual(['out.json', 'results.json']);
  });
});
