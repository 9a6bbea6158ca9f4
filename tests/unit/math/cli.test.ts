import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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
