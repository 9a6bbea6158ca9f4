// Decoding time of a link against its length: npx tsx bench/urlDecode.ts (also part of npm run bench)
// Hostile shapes (a number of n digits followed by 'x', a long target, n repeated keys, n scheme
// tokens) and a typical link; each row is the median of repeated decodes. Linear decoding shows as
// a time per character that stays flat while the length grows by 10x; the length caps show as
// flat times beyond them.
import { pathToFileURL } from 'node:url';
import { configFromQuery } from '../src/config/url';
import { MAX_QUERY_LENGTH, MAX_SCHEME_TOKENS, MAX_VALUE_LENGTH } from '../src/config/queryParams';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(query: string): number {
  const rounds: number[] = [];
  const deadline = performance.now() + 300;
  while (rounds.length < 5 || (performance.now() < deadline && rounds.length < 200)) {
    const t0 = performance.now();
    configFromQuery(query);
    rounds.push(performance.now() - t0);
  }
  return median(rounds);
}

const SHAPES: Record<string, (n: number) => string> = {
  'mu0=<n digits>x': (n) => `?mu0=${'1'.repeat(n)}x`,
  'target=<n chars of components>': (n) => `?target=${'1:0:0.3,'.repeat(Math.ceil(n / 8)).slice(0, n)}`,
  '<n chars of repeated seeds=2&>': (n) => `?${'seeds=2&'.repeat(Math.ceil(n / 8)).slice(0, n)}`,
  '<n chars of s=ns:js&>': (n) => `?${'s=ns:js&'.repeat(Math.ceil(n / 8)).slice(0, n)}`,
  'glr schedule of n chars': (n) => `?s=ns:js;glr=0.002${',0.004@1'.repeat(Math.ceil(n / 8)).slice(0, n)}`,
};

const LENGTHS = [100, 1_000, 4_000, 10_000, 30_000, 100_000, 1_000_000];

export interface UrlDecodeFigures {
  figure5Ms: number;
  /** Median decode time in ms of each shape at each of LENGTHS. */
  byShape: Record<string, number[]>;
}

export function benchUrlDecode(): UrlDecodeFigures {
  const byShape = Object.fromEntries(Object.entries(SHAPES).map(([name, make]) => [name, LENGTHS.map((n) => time(make(n)))]));
  return { figure5Ms: time('?s=sat:js&s=ns:js&s=hyb:rkl:js&s=hyb:igog:js&seeds=2'), byShape };
}

export function printUrlDecode(f: UrlDecodeFigures): void {
  console.log(`  value cap ${MAX_VALUE_LENGTH} characters, query cap ${MAX_QUERY_LENGTH} characters, ${MAX_SCHEME_TOKENS} scheme tokens`);
  console.log(`  Figure 5 link: ${f.figure5Ms.toFixed(3)} ms`);
  const header = ['input', ...LENGTHS.map((n) => `n=${n}`)];
  const rows = Object.entries(f.byShape).map(([name, ms]) => [name, ...ms.map((t) => `${t.toFixed(3)} ms`)]);
  const widths = header.map((_, c) => Math.max(header[c].length, ...rows.map((r) => r[c].length)));
  for (const row of [header, header.map((_, c) => '-'.repeat(widths[c])), ...rows]) console.log(`  ${row.map((cell, c) => cell.padEnd(widths[c])).join('  ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printUrlDecode(benchUrlDecode());
