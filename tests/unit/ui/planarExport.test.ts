// The 2-D paths' CSV and JSON: the link first, one column per family parameter, one line per run
// and recorded point, numbers that read back exactly; and recorded points from a real trainer of
// every family, whose parameters agree with q's moments.
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/engine/backend';
import { FAMILY_KINDS, expandPlanarRuns, planarConfigSchema, type FamilyKind } from '../../../src/config/planar';
import { baseScheme } from '../../../src/config/schema';
import { PlanarTrainer } from '../../../src/engine/planar/trainer';
import type { PlanarPoint } from '../../../src/engine/planar/protocol';
import { frechetDistanceSquared } from '../../../src/math/planar/gaussian2';
import { circleTarget, planarMoments } from '../../../src/math/planar/mixture2';
import { planarPathRows, planarPathsToCsv, planarPathsToJson, type PlanarExportInput } from '../../../src/ui/planar/planarExport';
import { wrapText } from '../../../src/ui/exporting';

const LINK = 'https://example.org/fgan/?dim=2&preset=appendix-d-circle&glr=0.03,0.005@1000';
const TARGET = planarMoments(circleTarget(8, 5, 1));

/** The recorded points of `steps` steps of a real experiment of `kind` (two schemes; learned and optimal critics where q has a density). */
async function trained(kind: FamilyKind, steps = 3): Promise<{ input: PlanarExportInput; labels: string[] }> {
  const config = planarConfigSchema.parse({
    target: circleTarget(3, 2, 0.2), family: { kind, latent: 3, hidden: [6] }, start: { mean: [0.5, 0.5], std: [1, 1] },
    schemes: [baseScheme('ns', 'js'), baseScheme('hyb', 'js', 'rkl')], critics: 'both', batchSize: 16, criticSteps: 1, steps, critic: { hidden: [8] },
  });
  const { runs } = expandPlanarRuns(config);
  const trainer = new PlanarTrainer(config, runs, { recordEvery: 1 });
  trainer.recordCurrent();
  const { points } = await trainer.train(steps);
  trainer.dispose();
  const labels = runs.map((r) => r.label);
  return { input: { link: LINK, labels, points, target: planarMoments(config.target) }, labels };
}

/** Parses the CSV: comment lines, the header's names, and the data rows (the label unquoted). */
function readCsv(text: string) {
  const lines = text.trimEnd().split('\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  const [header, ...data] = lines.filter((l) => !l.startsWith('#'));
  const rows = data.map((line) => {
    const m = /^(\d+),"((?:[^"]|"")*)",(.*)$/.exec(line);
    if (!m) throw new Error(`unreadable CSV line: ${line}`);
    return { run: Number(m[1]), label: m[2].replace(/""/g, '"'), values: m[3].split(',').map(Number) };
  });
  return { comments, names: header.split(','), rows };
}

const EXPECTED_PARAMETERS: Record<FamilyKind, string[]> = {
  isotropic: ['mean_x', 'mean_y', 'std'],
  diagonal: ['mean_x', 'mean_y', 'std_x', 'std_y'],
  full: ['mean_x', 'mean_y', 'cholesky_11', 'cholesky_12', 'cholesky_21', 'cholesky_22'],
  linear: ['A_11', 'A_12', 'A_21', 'A_22', 'A_31', 'A_32', 'b_x', 'b_y', 'outputNoise'],
  mlp: [],
};
const MOMENTS = ['q_mean_x', 'q_mean_y', 'q_cov_xx', 'q_cov_xy', 'q_cov_yy', 'frechet2'];

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('2-D path exports', () => {
  for (const kind of FAMILY_KINDS) {
    it(`${kind}: the CSV has the link line, the family's columns and one line per run and recorded point`, async () => {
      const { input, labels } = await trained(kind);
      const csv = readCsv(planarPathsToCsv(input));
      expect(csv.comments[0]).toBe(`# link: ${LINK}`);
      // further per-point columns may follow these
      const named = ['run', 'label', 'step', ...EXPECTED_PARAMETERS[kind], ...MOMENTS];
      expect(csv.names.slice(0, named.length)).toEqual(named);
      expect(input.points.map((p) => p.step)).toEqual([0, 1, 2, 3]);
      expect(csv.rows).toHaveLength(labels.length * 4);
      labels.forEach((label, run) => {
        const mine = csv.rows.filter((r) => r.run === run);
        expect(mine.map((r) => r.values[0])).toEqual([0, 1, 2, 3]);
        expect(mine.every((r) => r.label === label)).toBe(true);
      });
      if (kind === 'mlp') expect(csv.comments.some((c) => /MLP generator's \d+ weights are not written/.test(c))).toBe(true);
    });
  }

  it('the parameters agree with q\'s moments (mean; std², L Lᵀ, Aᵀ A + noise² as the covariance)', async () => {
    for (const kind of ['isotropic', 'diagonal', 'full', 'linear'] as const) {
      const { input } = await trained(kind);
      for (const row of planarPathRows(input)) {
        const p = row.params as Record<string, unknown>;
        const cov = row.moments.cov;
        const close = (a: number, b: number) => expect(Math.abs(a - b), `${kind} ${row.label} step ${row.step}`).toBeLessThan(1e-5 * (1 + Math.abs(b)));
        const mean = (p.mean ?? p.b) as number[];
        close(mean[0], row.moments.mean[0]);
        close(mean[1], row.moments.mean[1]);
        if (kind === 'isotropic') { close((p.std as number) ** 2, cov[0][0]); close(cov[0][1], 0); }
        if (kind === 'diagonal') { const s = p.std as number[]; close(s[0] ** 2, cov[0][0]); close(s[1] ** 2, cov[1][1]); }
        if (kind === 'full') {
          const [[a, zero], [b, c]] = p.cholesky as number[][];
          expect(zero).toBe(0);
          close(a * a, cov[0][0]); close(a * b, cov[0][1]); close(b * b + c * c, cov[1][1]);
        }
        if (kind === 'linear') {
          const A = p.A as number[][];
          const noise2 = (p.outputNoise as number) ** 2;
          close(A.reduce((s, r) => s + r[0] * r[0], 0) + noise2, cov[0][0]);
          close(A.reduce((s, r) => s + r[0] * r[1], 0), cov[0][1]);
        }
        expect(row.frechet).toBe(frechetDistanceSquared(row.moments, input.target));
      }
    }
  });

  it('CSV and JSON numbers read back to the same doubles', async () => {
    const { input } = await trained('full', 2);
    const rows = planarPathRows(input);
    const csv = readCsv(planarPathsToCsv(input));
    const json = JSON.parse(planarPathsToJson(input)) as { link: string; runs: { run: number; label: string; points: { step: number; params: { mean: number[]; cholesky: number[][] }; moments: { mean: number[]; cov: number[][] }; frechet: number }[] }[] };
    expect(json.link).toBe(LINK);
    expect(json.runs.map((r) => r.label)).toEqual(input.labels);
    rows.forEach((row, k) => {
      const line = csv.rows[k].values;
      expect(line[csv.names.indexOf('cholesky_21') - 2]).toBe(((row.params as Record<string, unknown>).cholesky as number[][])[1][0]);
      expect(line[csv.names.indexOf('q_cov_xy') - 2]).toBe(row.moments.cov[0][1]);
      expect(line[csv.names.indexOf('frechet2') - 2]).toBe(row.frechet);
      const point = json.runs[row.run].points.find((p) => p.step === row.step)!;
      expect(point.params).toEqual(row.params);
      expect(point.moments).toEqual(row.moments);
      expect(point.frechet).toBe(row.frechet);
    });
  });

  it('quotes labels, keeps runs in order, and writes an empty experiment as its header only', () => {
    const g = (x: number) => ({ mean: [x, 0] as [number, number], cov: [[1, 0], [0, 1]] as [[number, number], [number, number]] });
    const points: PlanarPoint[] = [0, 10].map((step) => ({ step, runs: [g(step), g(-step)], params: [{ mean: [step, 0], std: 1 }, { mean: [-step, 0], std: 1 }] }));
    const csv = planarPathsToCsv({ link: LINK, labels: ['a "quoted", label', 'b'], points, target: TARGET });
    const lines = csv.trimEnd().split('\n');
    expect(lines.slice(-4).map((l) => l.split(',')[0])).toEqual(['0', '0', '1', '1']);
    expect(lines.at(-3)).toMatch(/^0,"a ""quoted"", label",10,10,0,1,10,0,1,0,1,\d/);
    const empty = planarPathsToCsv({ link: LINK, labels: ['a'], points: [], target: TARGET }).trimEnd().split('\n');
    expect(empty.at(-1)?.startsWith(['run', 'label', 'step', ...MOMENTS].join(','))).toBe(true);
    expect(JSON.parse(planarPathsToJson({ link: LINK, labels: ['a'], points: [], target: TARGET }))).toMatchObject({ link: LINK, runs: [{ run: 0, label: 'a', points: [] }] });
  });
});

describe('wrapping a figure\'s caption', () => {
  it('keeps every line within the width and every character of a link, breaking after & where it can', () => {
    const link = `${LINK}&target=${Array.from({ length: 25 }, (_, k) => `1:${k}:${-k}:1:0.25:1.5`).join(',')}`;
    const lines = wrapText(`Link: ${link}`, 80);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    expect(lines.join('')).toBe(`Link: ${link}`);
    expect(lines[0]).toBe('Link: https://example.org/fgan/?dim=2&preset=appendix-d-circle&glr=0.03,');
  });

  it('breaks prose at spaces, and a word longer than a line anywhere', () => {
    expect(wrapText('one two three four five six', 10)).toEqual(['one two', 'three four', 'five six']);
    expect(wrapText('abcdefghijklmnopqrstuvwxyz', 10)).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxyz']);
    expect(wrapText('', 10)).toEqual([]);
  });
});
