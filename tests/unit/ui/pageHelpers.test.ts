import { describe, expect, it } from 'vitest';
import { configToQuery } from '../../../src/config/url';
import { defaultConfig } from '../../../src/config/schema';
import { formatReading, monitorKeys, monitorScale } from '../../../src/ui/monitorScale';
import { ECHO_LIMIT, NOTICE_LIMIT, clipEcho, noticeText } from '../../../src/ui/noticeText';
import { addComponent, roundWeight } from '../../../src/ui/targetEdit';
import type { MonitorRow } from '../../../src/ui/chartData';

const row = (step: number, fields: Record<string, number | null>) => ({ step, ...fields }) as MonitorRow;

describe('the monitor axis', () => {
  it('follows the true values: an estimate dipping to -7 is clamped to the edge, not stretching the axis', () => {
    const rows = [
      row(0, { true_js: 0.42, est_js: -7 }),
      row(10, { true_js: 0.3, est_js: 0.25 }),
      row(20, { true_js: 0.2, est_js: 1.9 }),
    ];
    const { y, rows: drawn } = monitorScale(rows, ['js']);
    expect(y.domain).toEqual([0, 0.5]);
    const k = monitorKeys('js');
    expect(drawn.map((r) => r[k.estimate])).toEqual([0, 0.25, 0.5]);
    expect(drawn.map((r) => r[k.edge] ?? null)).toEqual([0, null, 0.5]);
    expect(drawn.map((r) => r[k.raw])).toEqual([-7, 0.25, 1.9]);
    // the input rows are left as they were
    expect(rows[0].est_js).toBe(-7);
  });
  it('takes every shown divergence into account and keeps 0 on the axis', () => {
    const { y } = monitorScale([row(0, { true_js: 0.4, true_kl: 2.3 }), row(1, { true_js: 0.1, true_kl: 1.1 })], ['js', 'kl']);
    expect(y.domain[0]).toBe(0);
    expect(y.domain[1]).toBeGreaterThanOrEqual(2.3);
    expect(y.domain[1]).toBeLessThan(3.5);
  });
  it('uses the estimates while there is no true value yet, and skips missing ones', () => {
    const { y, rows } = monitorScale([row(0, { true_js: null, est_js: 0.7 }), row(5, { est_js: null })], ['js']);
    expect(y.domain).toEqual([0, 0.8]);
    expect(rows.map((r) => r.edge_js ?? null)).toEqual([null, null]);
  });
});

describe('readings', () => {
  it('print noise below 1e-12 as 0 and other values to 4 significant digits', () => {
    expect(formatReading(6.74e-17)).toBe('0');
    expect(formatReading(-7.26e-13)).toBe('0');
    expect(formatReading(7.26e-12)).toBe('7.26e-12');
    expect(formatReading(7.26e-12, 1e-6)).toBe('0');
    expect(formatReading(0)).toBe('0');
    expect(formatReading(0.30000000000000004)).toBe('0.3');
    expect(formatReading(1.23456)).toBe('1.235');
    expect(formatReading(2.5e-6)).toBe('2.50e-6');
    expect(formatReading(Infinity)).toBe('∞');
  });
});

describe('notice text', () => {
  it('echoes a 9,000-character value as at most 60 characters ending in an ellipsis', () => {
    const bad = 'x'.repeat(9000);
    const shown = clipEcho(`ignored s=${bad}: unknown family`);
    const long = shown.split(' ').find((w) => w.startsWith('s='))!;
    // the value, cut to ECHO_LIMIT characters with its ellipsis, then the colon that followed it
    expect([...long].length).toBe(ECHO_LIMIT + 1);
    expect(long.endsWith('…:')).toBe(true);
    expect(shown.endsWith(': unknown family')).toBe(true);
  });
  it('leaves short text alone and keeps start and end of a long notice made of short words', () => {
    expect(noticeText('ignored mu0=abc: expected a number')).toBe('ignored mu0=abc: expected a number');
    const words = `${'ab '.repeat(1000)}the end`;
    const shown = noticeText(words);
    expect([...shown].length).toBe(NOTICE_LIMIT);
    expect(shown.startsWith('ab ab')).toBe(true);
    expect(shown.endsWith('the end')).toBe(true);
    expect(shown).toContain('…');
  });
});

describe('adding a target component', () => {
  it('gives round weights that sum to 1: 1/3 each as 0.333', () => {
    const target = addComponent([{ weight: 0.5, mean: 0, std: 0.3 }, { weight: 0.5, mean: 2, std: 1 }]);
    expect(target.map((c) => c.weight).sort()).toEqual([0.333, 0.333, 0.334]);
    expect(Math.abs(target.reduce((s, c) => s + c.weight, 0) - 1)).toBeLessThan(1e-9);
    expect(target[2]).toEqual({ weight: 0.333, mean: 1, std: 0.5 });
  });
  it('writes short numbers into the link', () => {
    const config = { ...defaultConfig(), target: addComponent(defaultConfig().target) };
    const query = configToQuery(config);
    const weights = [...query.matchAll(/(\d*\.\d+):/g)].map((m) => m[1]);
    expect(weights.length).toBeGreaterThan(0);
    for (const w of weights) expect(w.length).toBeLessThanOrEqual(5);
  });
  it('keeps every weight positive, however small', () => {
    const target = addComponent([{ weight: 0.9995, mean: 0, std: 1 }, { weight: 0.0005, mean: 3, std: 1 }]);
    expect(target.every((c) => c.weight > 0)).toBe(true);
    expect(roundWeight(0.0003333)).toBe(0.000333);
    expect(Math.abs(target.reduce((s, c) => s + c.weight, 0) - 1)).toBeLessThan(1e-9);
  });
});
