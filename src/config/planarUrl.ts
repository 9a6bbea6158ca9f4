// The 2-D configuration as a query string, as the 1-D one is: `dim=2`, then one typed table of
// fields, only what differs from the default (the appendix-d-correlated preset, or the preset
// `preset=` names), scheme tokens as in 1-D with learning-rate schedules (`s=ns:js;glr=0.03,0.005@1000`).
//
//   ?dim=2&preset=appendix-d-circle&family=full&start=1:0:2:2&target=1:0:0:1:0:1,1:3:0:1:0.5:1
import { type ConfigIssue, type LiveChange, type SchemeConfig } from './schema';
import { FAMILY_KINDS, planarConfigSchema, type PlanarConfig } from './planar';
import { getPlanarPreset } from './planarPresets';
import { decodeScheduledScheme, encodeScheme, engineFields, globalSchedule, runFields, validChanges, withSchedule } from './url';
import { fieldsOf, formatNumber, int, num, oneOf, q } from './codecs';
import { linkSettings, queryParams } from './queryParams';

type Shape = PlanarConfig;


const field = fieldsOf<Shape>();

const numbers = (text: string, count: number, what: string): number[] => {
  const bits = text.split(':');
  if (bits.length !== count) throw new Error(`"${q(text)}" should be ${what}`);
  return bits.map(num);
};
const hidden = (text: string) => text.split('x').map(int);

const FIELDS = [
  field('target', 'target',
    (t) => t.map((c) => [c.weight, ...c.mean, c.cov[0][0], c.cov[0][1], c.cov[1][1]].map(formatNumber).join(':')).join(','),
    (text) => text.split(',').map((part) => {
      const [weight, mx, my, cxx, cxy, cyy] = numbers(part, 6, 'weight:meanX:meanY:varX:covXY:varY');
      return { weight, mean: [mx, my] as [number, number], cov: [[cxx, cxy], [cxy, cyy]] as [[number, number], [number, number]] };
    })),
  field('family', 'family',
    (f) => [f.kind, f.latent, formatNumber(f.outputNoise), f.hidden.join('x')].join(':'),
    (text) => {
      const [kind, latent, noise, layers] = text.split(':');
      return { kind: oneOf(FAMILY_KINDS)(kind), latent: latent ? int(latent) : 2, outputNoise: noise ? num(noise) : 0.05, hidden: layers ? hidden(layers) : [64, 64] };
    }),
  field('start', 'start',
    (s) => [...s.mean, ...s.std].map(formatNumber).join(':') + (s.A ? `:${s.A.map((row) => row.map(formatNumber).join(':')).join(':')}` : ''),
    (text) => {
      const v = text.split(':').map(num);
      if (v.length < 4 || v.length % 2 !== 0) throw new Error(`"${q(text)}" should be meanX:meanY:stdX:stdY, then the rows of A`);
      const A = v.length > 4 ? Array.from({ length: (v.length - 4) / 2 }, (_, i) => [v[4 + 2 * i], v[5 + 2 * i]] as [number, number]) : undefined;
      return { mean: [v[0], v[1]] as [number, number], std: [v[2], v[3]] as [number, number], ...(A ? { A } : {}) };
    }),
  ...runFields('leaky-relu'),
  ...engineFields(),
] as const;

export const DEFAULT_PLANAR_PRESET = 'appendix-d-correlated';

export function defaultPlanarConfig(): PlanarConfig {
  return structuredClone(getPlanarPreset(DEFAULT_PLANAR_PRESET)!.config);
}

/** Whether a query asks for the 2-D playground. */
export function isPlanarQuery(query: string): boolean {
  return new URLSearchParams(linkSettings(query).text).get('dim') === '2';
}

/** Every field of a configuration in its link spelling (the form edits these texts), with the
 * scheme tokens. */
export function planarFieldTexts(config: PlanarConfig): { fields: Record<string, string>; schemes: string[] } {
  const fields: Record<string, string> = {};
  for (const f of FIELDS) fields[f.key] = withSchedule((f.encode as (v: unknown) => string)(config[f.path]), config.changes.filter((c) => c.scheme === null && c.key === f.key));
  return { fields, schemes: config.schemes.map((s, i) => encodeScheme(s, config.changes.filter((c) => c.scheme === i))) };
}

/** The query (without '?') for a 2-D configuration, relative to `preset` (or the default). */
export function planarConfigToQuery(config: PlanarConfig, preset: string | null = null): string {
  const base = (preset ? getPlanarPreset(preset)?.config : null) ?? defaultPlanarConfig();
  const parts = ['dim=2', ...(preset && getPlanarPreset(preset) ? [`preset=${preset}`] : [])];
  for (const f of FIELDS) {
    const encode = f.encode as (v: unknown) => string;
    const value = encode(config[f.path]);
    const own = config.changes.filter((c) => c.scheme === null && c.key === f.key);
    const before = base.changes.filter((c) => c.scheme === null && c.key === f.key);
    const text = withSchedule(value, own);
    if (text !== withSchedule(encode(base[f.path]), before)) parts.push(`${f.key}=${text.replace(/[%&#+\s?]/g, encodeURIComponent)}`);
  }
  const tokens = config.schemes.map((s, i) => encodeScheme(s, config.changes.filter((c) => c.scheme === i)));
  const baseTokens = base.schemes.map((s, i) => encodeScheme(s, base.changes.filter((c) => c.scheme === i)));
  if (tokens.join('&') !== baseTokens.join('&')) parts.push(...tokens.map((t) => `s=${t.replace(/[%&#+\s?]/g, encodeURIComponent)}`));
  return parts.join('&');
}

function schemes(tokens: string[], issues: ConfigIssue[]): { schemes: SchemeConfig[]; changes: LiveChange[] } | null {
  const list: SchemeConfig[] = [];
  const changes: LiveChange[] = [];
  for (const token of tokens) {
    try {
      const decoded = decodeScheduledScheme(token, list.length);
      changes.push(...decoded.changes);
      list.push(decoded.scheme);
    } catch (e) {
      issues.push({ field: 's', message: `ignored scheme "${q(token)}": ${(e as Error).message}` });
    }
  }
  if (list.length > 8) issues.push({ field: 's', message: `only the first 8 of ${list.length} schemes were kept` });
  return list.length > 0 ? { schemes: list.slice(0, 8), changes } : null;
}

/** Reads a 2-D query (with or without '?', or a whole URL). Never throws. */
export function planarConfigFromQuery(query: string): { config: PlanarConfig; preset: string | null; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const params = queryParams(query, issues);
  if (!params) return { config: defaultPlanarConfig(), preset: null, issues };
  const presetId = params.get('preset');
  const preset = presetId !== null ? getPlanarPreset(presetId) ?? null : null;
  if (presetId !== null && !preset) issues.push({ field: 'preset', message: `ignored preset=${q(presetId)}: no such 2-D preset` });
  let config: PlanarConfig = preset ? structuredClone(preset.config) : defaultPlanarConfig();
  const known = new Set<string>(['dim', 'preset', 's', ...FIELDS.map((f) => f.key)]);
  for (const key of new Set(params.keys())) if (!known.has(key)) issues.push({ field: key, message: `ignored unknown field "${q(key)}"` });
  const decoded = schemes(params.getAll('s'), issues);
  // the schedule: the link's schemes' own (or the preset's), and the global fields' (or the preset's)
  const schemeChanges = decoded ? decoded.changes : config.changes.filter((c) => c.scheme !== null);
  let globalChanges = config.changes.filter((c) => c.scheme === null);
  config = { ...config, ...(decoded ? { schemes: decoded.schemes } : {}), changes: [] };
  for (const f of FIELDS) {
    const text = params.get(f.key);
    if (text === null) continue;
    try {
      const own: LiveChange[] = [];
      const value = f.decode(globalSchedule(f.key, text, own));
      const check = planarConfigSchema.safeParse({ ...config, [f.path]: value });
      if (!check.success) throw new Error(check.error.issues[0].message);
      config = check.data;
      globalChanges = [...globalChanges.filter((c) => c.key !== f.key), ...own];
    } catch (e) {
      issues.push({ field: f.key, message: `ignored ${f.key}=${q(text)}: ${(e as Error).message}` });
    }
  }
  config = { ...config, changes: validChanges(config, [...schemeChanges, ...globalChanges], issues) };
  const whole = planarConfigSchema.safeParse(config);
  if (!whole.success) {
    issues.push({ field: '(config)', message: `the 2-D configuration was invalid as a whole and was reset: ${whole.error.issues[0].message}` });
    return { config: defaultPlanarConfig(), preset: null, issues };
  }
  return { config: whole.data, preset: preset?.id ?? null, issues };
}
