// The 2-D experiment's paths as files: every recorded point of every run (the generator's
// parameters named by its family, q's moments, the squared Fréchet distance to p's moments) as
// CSV and as JSON, each with the link of the configuration that trained them. Pure: no DOM.
// A new per-point quantity is a field of PlanarPathRow (JSON writes every field) and a column in
// pathColumns (CSV).
import type { FinalParameters } from '../../engine/planar/families';
import type { PlanarPoint } from '../../engine/planar/protocol';
import { frechetDistanceSquared, type Gaussian2 } from '../../math/planar/gaussian2';
import { csvText, READINGS, READINGS_CSV_NOTES, readingCell, readingValue } from '../readings';
import { RECORDING_RULE } from '../../engine/recordStride';
import type { ReadingKey } from '../../engine/trajectory';

export interface PlanarExportInput {
  /** The configuration's link. */
  link: string;
  /** The runs' labels, in run order. */
  labels: readonly string[];
  points: readonly PlanarPoint[];
  /** p's mean and covariance (the Fréchet distance is measured against them). */
  target: Gaussian2;
}

/** One recorded point of one run. */
export interface PlanarPathRow {
  run: number;
  label: string;
  step: number;
  params: FinalParameters;
  moments: Gaussian2;
  /** Squared Fréchet distance between q's and p's means and covariances. */
  frechet: number;
  /** The losses and gradient norms of the step that ended there (null: none). */
  readings: Record<ReadingKey, number | null>;
}

export interface PlanarPathColumn {
  name: string;
  value: (row: PlanarPathRow) => number;
}

/** Every recorded point, run by run, each run's in step order. */
export function planarPathRows(input: PlanarExportInput): PlanarPathRow[] {
  const rows: PlanarPathRow[] = [];
  input.labels.forEach((label, run) => {
    for (const p of input.points) {
      const moments = p.runs[run];
      const params = p.params[run];
      if (!moments || !params) continue;
      const readings = Object.fromEntries(READINGS.map((r) => [r.key, readingValue(p.readings?.[r.key][run])])) as PlanarPathRow['readings'];
      rows.push({ run, label, step: p.step, params, moments, frechet: frechetDistanceSquared(moments, input.target), readings });
    }
  });
  return rows;
}

const AXES = ['x', 'y'] as const;

/** Columns of a family's parameters: a number as itself, a 2-vector as name_x, name_y, a matrix
 * as name_ij (row i, column j, from 1). The MLP's weights are not written (only their count, in
 * the header). */
function parameterColumns(params: FinalParameters): PlanarPathColumn[] {
  const columns: PlanarPathColumn[] = [];
  for (const [key, value] of Object.entries(params) as [string, unknown][]) {
    const read = (row: PlanarPathRow) => (row.params as Record<string, unknown>)[key];
    if (key === 'parameters') continue;
    if (typeof value === 'number') columns.push({ name: key, value: (row) => read(row) as number });
    else if (Array.isArray(value) && typeof value[0] === 'number') {
      AXES.forEach((axis, j) => columns.push({ name: `${key}_${axis}`, value: (row) => (read(row) as number[])[j] }));
    } else if (Array.isArray(value)) {
      (value as number[][]).forEach((line, i) => line.forEach((_, j) => columns.push({ name: `${key}_${i + 1}${j + 1}`, value: (row) => (read(row) as number[][])[i][j] })));
    }
  }
  return columns;
}

/** The CSV's numeric columns for a family whose parameters look like `params`. */
export function pathColumns(params: FinalParameters): PlanarPathColumn[] {
  return [
    { name: 'step', value: (row) => row.step },
    ...parameterColumns(params),
    { name: 'q_mean_x', value: (row) => row.moments.mean[0] },
    { name: 'q_mean_y', value: (row) => row.moments.mean[1] },
    { name: 'q_cov_xx', value: (row) => row.moments.cov[0][0] },
    { name: 'q_cov_xy', value: (row) => row.moments.cov[0][1] },
    { name: 'q_cov_yy', value: (row) => row.moments.cov[1][1] },
    { name: 'frechet2', value: (row) => row.frechet },
    ...READINGS.map((r) => ({ name: r.column, value: (row: PlanarPathRow) => row.readings[r.key] ?? NaN })),
  ];
}

/** The paths as CSV: comment lines (the link first), a header, then one line per run and recorded
 * point. Numbers are written in full (they read back to the same doubles); a cell without a value
 * (a reading a run lacks) is empty. */
export function planarPathsToCsv(input: PlanarExportInput): string {
  const rows = planarPathRows(input);
  const first = rows[0]?.params ?? input.points[0]?.params[0];
  const columns = pathColumns(first ?? { parameters: 0 });
  const lines = [`# link: ${input.link}`, '# q_mean, q_cov: the generator\'s mean and covariance; frechet2: squared Fréchet distance to the target\'s mean and covariance', ...READINGS_CSV_NOTES];
  if (first && 'parameters' in first) lines.push(`# the MLP generator's ${first.parameters} weights are not written; its moments are estimated from 2048 samples`);
  lines.push(['run', 'label', ...columns.map((c) => c.name)].join(','));
  for (const row of rows) lines.push([row.run, csvText(row.label), ...columns.map((c) => readingCell(c.value(row)))].join(','));
  return lines.join('\n') + '\n';
}

/** The paths as JSON: the link, and per run its label and every recorded point (every field of its rows). */
export function planarPathsToJson(input: PlanarExportInput): string {
  const rows = planarPathRows(input);
  return JSON.stringify({
    link: input.link,
    target: input.target,
    recording: RECORDING_RULE,
    runs: input.labels.map((label, run) => ({
      run, label,
      points: rows.filter((r) => r.run === run).map(({ run: _run, label: _label, ...point }) => point),
    })),
  });
}
