// The product build holds no benchmark or test support: those live in bench/ and tests/support/
// and reach a page only through their own builds. Builds the product (vite.config.ts) into a
// temporary folder and searches every script it emits for the hooks' names; the benchmark and
// test builds, searched the same way, hold theirs (so the search would see them).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '../../..');
const HOOK_NAMES = ['__fganBench', '__fganTest', 'lose-webgl-context'];
const BUILD_MS = 180_000;

const outDirs: string[] = [];
afterAll(() => { for (const dir of outDirs) rmSync(dir, { recursive: true, force: true }); });

/** Builds with `configFile` into a temporary folder; returns the text of every script emitted, by file name. */
async function buildScripts(configFile: string): Promise<Map<string, string>> {
  return (await buildInto(configFile)).scripts;
}

async function buildInto(configFile: string): Promise<{ outDir: string; scripts: Map<string, string> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'fgan-build-'));
  outDirs.push(outDir);
  // vitest sets NODE_ENV=test, which would bundle React's development build; build as npm run build does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: ROOT, configFile: resolve(ROOT, configFile), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const scripts = new Map<string, string>();
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.m?js$/.test(entry.name)) scripts.set(entry.name, readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  }
  return { outDir, scripts };
}

/**
 * The scripts the page itself runs: those index.html names (module scripts and preloads) and
 * everything they import statically, followed transitively; workers and dynamic imports are not.
 */
function pageScripts(outDir: string, scripts: Map<string, string>): string[] {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !scripts.has(name)) return;
    seen.add(name);
    for (const m of scripts.get(name)!.matchAll(/(?:^|[;}\s])import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(m[1]);
  };
  named.forEach(visit);
  return [...seen];
}

function filesHolding(scripts: Map<string, string>, name: string): string[] {
  return [...scripts].filter(([, text]) => text.includes(name)).map(([file]) => file);
}

describe('the product build', () => {
  it('emits the page and its two workers, and none of the benchmark and test hooks', async () => {
    const scripts = await buildScripts('vite.config.ts');
    const names = [...scripts.keys()];
    expect(names.some((n) => n.startsWith('index-'))).toBe(true);
    expect(names.some((n) => n.startsWith('worker-'))).toBe(true);
    expect(names.some((n) => n.startsWith('landscape.worker-'))).toBe(true);
    expect(Object.fromEntries(HOOK_NAMES.map((name) => [name, filesHolding(scripts, name)]))).toEqual(Object.fromEntries(HOOK_NAMES.map((name) => [name, []])));
  }, BUILD_MS);
});

describe("the page's own scripts", () => {
  // tfjs (its flag registry names the `tfjsflags` URL parameter) belongs in the training workers only.
  it('hold no tfjs and weigh at most 1 MB; the training workers hold tfjs', async () => {
    const { outDir, scripts } = await buildInto('vite.config.ts');
    const page = pageScripts(outDir, scripts);
    expect(page.some((n) => n.startsWith('index-'))).toBe(true);
    expect(page.filter((n) => scripts.get(n)!.includes('tfjsflags'))).toEqual([]);
    const bytes = page.reduce((sum, n) => sum + Buffer.byteLength(scripts.get(n)!), 0);
    expect(bytes).toBeLessThanOrEqual(1_000_000);
    expect(filesHolding(scripts, 'tfjsflags').filter((n) => n.startsWith('worker-'))).not.toEqual([]);
  }, BUILD_MS);
});

describe('the benchmark and test builds', () => {
  it('the benchmark build holds window.__fganBench and no test hook', async () => {
    const scripts = await buildScripts('bench/vite.config.ts');
    expect(filesHolding(scripts, '__fganBench')).not.toEqual([]);
    expect(filesHolding(scripts, '__fganTest')).toEqual([]);
  }, BUILD_MS);

  it('the test build holds window.__fganTest and a training worker that loses its WebGL context on request', async () => {
    const scripts = await buildScripts('tests/support/vite.config.ts');
    expect(filesHolding(scripts, '__fganTest')).not.toEqual([]);
    expect(filesHolding(scripts, 'lose-webgl-context').some((f) => f.startsWith('trainingWorker-'))).toBe(true);
    expect(filesHolding(scripts, '__fganBench')).toEqual([]);
  }, BUILD_MS);
});
