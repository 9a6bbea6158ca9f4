// The experiment command on the 2-D problems: presets and JSON files with "dimension": 2, the
// family's parameters named in `final`, and refusals with exit 2.
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/experiment';
import { getPlanarPreset } from '../../../src/config/planarPresets';

const dir = mkdtempSync(join(tmpdir(), 'planar-cli-'));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('experiment command, 2-D', () => {
  it('runs a 2-D preset and names each family\'s parameters in final', async () => {
    const out = join(dir, 'fedus.json');
    const res = await run(['--preset', 'fedus-parallel-line', '--steps', '3', '--backend', 'cpu', '--out', out, '--quiet']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/Fréchet/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.config.dimension).toBe(2);
    expect(json.runs).toHaveLength(4);
    expect(Object.keys(json.runs[0].final).sort()).toEqual(['A', 'b', 'outputNoise']);
    expect(json.runs[0].trajectory.at(-1)[0]).toBe(3);
  }, 60_000);

  it('reads a JSON configuration with dimension 2 (or a results file of one); isotropic and diagonal finals', async () => {
    const config = { ...getPlanarPreset('appendix-d-circle')!.config, steps: 2, critics: 'optimal', changes: [] };
    const file = join(dir, 'circle.json');
    writeFileSync(file, JSON.stringify(config));
    const out = join(dir, 'circle-out.json');
    expect((await run(['--config', file, '--backend', 'cpu', '--out', out, '--quiet'])).code).toBe(0);
    const first = JSON.parse(readFileSync(out, 'utf8'));
    expect(typeof first.runs[0].final.std).toBe('number');
    expect(first.runs[0].final.mean).toHaveLength(2);
    // the results file as --config
    const again = join(dir, 'again.json');
    expect((await run(['--config', out, '--backend', 'cpu', '--out', again, '--quiet'])).code).toBe(0);
    const diag = join(dir, 'diag.json');
    writeFileSync(diag, JSON.stringify({ ...config, family: { kind: 'diagonal' } }));
    expect((await run(['--config', diag, '--backend', 'cpu', '--out', join(dir, 'diag-out.json'), '--quiet'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'diag-out.json'), 'utf8')).runs[0].final.std).toHaveLength(2);
  }, 60_000);

  it('refuses a bad 2-D configuration with exit 2, naming the field', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...getPlanarPreset('appendix-d-circle')!.config, family: { kind: 'cubic' } }));
    const res = await run(['--config', file, '--backend', 'cpu', '--quiet']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/family\.kind/);
    const unknown = join(dir, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ ...getPlanarPreset('appendix-d-circle')!.config, wobble: 1 }));
    const res2 = await run(['--config', unknown, '--backend', 'cpu', '--quiet']);
    expect(res2.code).toBe(2);
    expect(res2.err).toMatch(/wobble/);
  }, 60_000);
});
