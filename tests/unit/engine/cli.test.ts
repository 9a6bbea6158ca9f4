import { describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, parseArgs, UsageError } from '../../../src/cli/experiment';

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
