// The URL decoder under hostile input: generated links, mutated (long values, repeated keys, bad
// %-encodings, prototype keys, stray separators), must never throw, always give a schema-valid
// configuration, report every value it ignores, and leave Object.prototype alone.
import { describe, expect, it } from 'vitest';
import { configSchema, type ConfigIssue } from '../../../src/config/schema';
import { configFromQuery } from '../../../src/config/url';
import { linkSettings, MAX_QUERY_LENGTH, MAX_SCHEME_TOKENS, MAX_VALUE_LENGTH } from '../../../src/config/queryParams';
import { PRESETS } from '../../../src/config/presets';

/** mulberry32: a small seeded generator, so that a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
const KEYS = ['s', 'preset', 'target', 'mu0', 'sigma0', 'param', 'arch', 'critic', 'seeds', 'seed', 'batch', 'csteps', 'steps', 'backend', 'workers', 'panels', ...PROTO_KEYS, 'zzz', ''];
const VALUES = [
  'ns:js', 'sat:js', 'hyb:rkl:js', 'wgan', 'kl-wgan', 'wgan-gp', 'ns:js;glr=0.004', 'sat:kl;copt=adam;clr=1e-3', 'ns:js;glr=0.002,0.004@1200',
  'ns:js;__proto__=1', 'ns:js;constructor=x', 'hyb:igog', 'figure5', 'wgan', '__proto__',
  '0.5:0:0.3,0.5:2:1', '1:0:0.3,3:2:1', '1:8:0.5', 'abc', '1:0', '', '-', '+', '.', 'e5', '1e-300', '1e300', 'NaN', 'Infinity', '-0',
  '1.8', '0.5', '2', '8', '9', '0', '-3', '2.5', '256', '4096', '5', '10,20@300', '256,512@1000', '5,10@0', '5,10@x', '5,@3',
  'direct', 'log', '20x20-elu', '256x256x256x256', 'xx', '20x-relu', 'learned', 'optimal', 'both', 'auto', 'cpu', 'webgl', 'js,srkl', 'js,nope',
];
const BAD_ESCAPES = ['%', '%z', '%zz', '%E0%A4', '%C0%AF', '%00', '%FF', '%%', '%2', '%uD800', '%ED%A0%80'];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function longValue(r: () => number): string {
  const length = pick(r, [MAX_VALUE_LENGTH - 1, MAX_VALUE_LENGTH + 1, 10_000, 100 + Math.floor(r() * 3000)]);
  const unit = pick(r, ['9', '1:0:0.3,', 'ns:js;glr=0.002,', '0.004@1,', 'x', '%zz', '20x']);
  return `${unit.repeat(Math.ceil(length / unit.length)).slice(0, length)}${pick(r, ['', 'x', '@', ','])}`;
}

/** One generated query: a few entries, then mutations. */
function generate(r: () => number): string {
  const entries: string[] = [];
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const key = pick(r, KEYS);
    const value = r() < 0.08 ? longValue(r) : pick(r, VALUES);
    entries.push(r() < 0.05 ? key : `${key}=${value}`);
    if (r() < 0.15) entries.push(`${key}=${pick(r, VALUES)}`); // a repeated key
  }
  let query = entries.join(pick(r, ['&', '&', '&', '&&', ';']));
  const mutations = Math.floor(r() * 4);
  for (let m = 0; m < mutations; m++) {
    const at = Math.floor(r() * (query.length + 1));
    const kind = Math.floor(r() * 5);
    if (kind === 0) query = query.slice(0, at) + pick(r, BAD_ESCAPES) + query.slice(at);
    else if (kind === 1) query = query.slice(0, at) + pick(r, ['=', '&', ',', '@', ':', ';', '#', '?', '+', ' ', '\n', '\u0000', 'é', '😀']) + query.slice(at);
    else if (kind === 2) query = query.slice(0, at) + query.slice(at + 1 + Math.floor(r() * 5));
    else if (kind === 3) query = `${query}&${pick(r, PROTO_KEYS)}[${pick(r, PROTO_KEYS)}]=1`;
    else query = query.slice(0, at);
  }
  return pick(r, ['', '?', 'https://example.org/app/?', '?#x']) + query + (r() < 0.1 ? `#${pick(r, VALUES)}` : '');
}

/** The entries the decoder sees (as URLSearchParams reads them). */
function entriesOf(query: string): [string, string][] {
  return [...new URLSearchParams(linkSettings(query).text)];
}

const refused = (issues: ConfigIssue[]) => issues.filter((i) => !i.adjusted);

/** The issues of one entry decoded on its own (memoised: the generator repeats entries). */
const aloneCache = new Map<string, ConfigIssue[]>();
function refusedAlone(key: string, value: string): ConfigIssue[] {
  const query = `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
  let issues = aloneCache.get(query);
  if (!issues) aloneCache.set(query, (issues = refused(configFromQuery(query).issues)));
  return issues;
}

function checkDecoded(query: string): void {
  const { config, issues } = configFromQuery(query);
  expect(configSchema.safeParse(config).success).toBe(true);
  for (const issue of issues) expect(issue.message.length, issue.message).toBeLessThanOrEqual(320);
  if (query.length > MAX_QUERY_LENGTH) return;
  const fields = new Set(refused(issues).map((i) => i.field));
  const counts = new Map<string, number>();
  for (const [key, value] of entriesOf(query)) {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    // a value that is ignored on its own is reported in the whole query too
    const alone = refusedAlone(key, value);
    if (alone.length > 0) {
      const reported = alone.some((i) => fields.has(i.field)) || fields.has('(config)');
      expect(reported, `${key}=${value.slice(0, 80)} in ${query.slice(0, 200)}`).toBe(true);
    }
  }
  // a key given twice (other than the scheme list) is reported
  for (const [key, count] of counts) if (count > 1 && key !== 's') expect(fields.has(key), `repeated ${key}`).toBe(true);
}

describe('URL decoder fuzz', () => {
  it('never throws, always gives a valid config, reports every ignored value, leaves Object.prototype alone', () => {
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const r = rng(20261202);
    let count = 0;
    for (; count < 10_000; count++) checkDecoded(generate(r));
    for (const p of PRESETS) checkDecoded(`?preset=${p.id}&preset=${p.id}&s=ns:js;glr=${'1'.repeat(5000)}`);
    expect(count).toBe(10_000);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('refuses a query longer than the cap as a whole, and a long value with an issue naming the field and the cap', () => {
    const huge = `?mu0=${'1'.repeat(1_000_000)}x`;
    const whole = configFromQuery(huge);
    expect(whole.issues).toEqual([{ field: '(link)', message: `ignored the whole link: it is ${huge.length - 1} characters long, at most ${MAX_QUERY_LENGTH} are read` }]);
    const long = configFromQuery(`?mu0=${'1'.repeat(MAX_VALUE_LENGTH)}x&seeds=2`);
    expect(long.config.seeds).toBe(2);
    expect(long.issues.map((i) => i.field)).toEqual(['mu0']);
    expect(long.issues[0].message).toContain(`at most ${MAX_VALUE_LENGTH}`);
    // below the cap the number pattern answers without backtracking over the digits
    const digits = configFromQuery(`?mu0=${'1'.repeat(MAX_VALUE_LENGTH - 1)}x`);
    expect(digits.issues[0].message).toMatch(/^ignored mu0="?1{10,}…"? ?: "?1+…" is not a number$|is not a number/);
    expect(digits.issues[0].message.length).toBeLessThan(200);
  });

  it('reads at most MAX_SCHEME_TOKENS scheme tokens and says how many it ignored', () => {
    const { config, issues } = configFromQuery(`?${'s=ns:js&'.repeat(MAX_SCHEME_TOKENS + 36)}seeds=2`);
    expect(config.schemes).toHaveLength(8);
    expect(config.seeds).toBe(2);
    expect(issues.map((i) => i.message)).toEqual([`ignored 36 schemes after the first ${MAX_SCHEME_TOKENS} (at most 8 are kept)`, `only the first 8 of ${MAX_SCHEME_TOKENS} schemes were kept`]);
  });

  it('reports repeated keys and says which value was kept', () => {
    const { config, issues } = configFromQuery('?seeds=2&seeds=5&preset=figure5&preset=wgan');
    expect(config.seeds).toBe(2);
    expect(issues.find((i) => i.field === 'seeds')!.message).toBe('ignored seeds=5: seeds is given more than once; kept the first, seeds=2');
    expect(issues.find((i) => i.field === 'preset')!.message).toBe('ignored preset=wgan: preset is given more than once; kept the first, preset=figure5');
  });

  it('refuses values that are 0 in float32, naming the field and the smallest value', () => {
    const sigma = configFromQuery('?sigma0=1e-300');
    expect(sigma.config.sigma0).toBe(1.8);
    expect(sigma.issues[0].message).toMatch(/^ignored sigma0=1e-300: .*at least 1\.2e-38/);
    const glr = configFromQuery('?s=ns:js;glr=1e-300');
    expect(glr.issues[0].message).toMatch(/generatorOptimizer\.learningRate: .*at least 1\.2e-38/);
    expect(configFromQuery('?s=ns:js;clip=1e-300').issues[0].message).toMatch(/clip: .*1\.2e-38/);
    expect(configFromQuery('?s=ns:js;clip=0').issues).toEqual([]);
  });

  it('echoes a bad value in at most about 60 characters, with an ellipsis', () => {
    const bad = 'abc'.repeat(1000);
    for (const query of [`?mu0=${bad}`, `?s=${bad}`, `?preset=${bad}`, `?${bad}=1`, `?arch=${bad}`, `?target=${bad}`, `?s=ns:js;${bad}=1`]) {
      const { issues } = configFromQuery(query);
      expect(issues.length, query.slice(0, 20)).toBeGreaterThan(0);
      for (const i of issues) {
        expect(i.message).toContain('…');
        expect(i.message).not.toContain('abc'.repeat(21));
      }
    }
  });
});
