// The committed WebAssembly module is its source's: wasm/critic.ts compiled again with the same
// flags gives the same bytes (npm run build:wasm rewrites it).
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types
import { compileCritic, moduleSource } from '../../../wasm/embed.mjs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CRITIC_WASM_BASE64 } from '../../../src/engine/fused/criticWasm';

const DATA_SECTION = 11;
const bytesOf = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** The ids of a module's sections, read from the binary (8-byte header, then id and LEB128 size). */
function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let at = 8;
  while (at < bytes.length) {
    ids.push(bytes[at++]);
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      size |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    at += size;
  }
  return ids;
}

describe('the fused critic module', () => {
  it('src/engine/fused/criticWasm.ts is wasm/critic.ts compiled (run npm run build:wasm after editing it)', () => {
    const bytes = compileCritic() as Buffer;
    expect(bytes.toString('base64')).toBe(CRITIC_WASM_BASE64);
    expect(readFileSync(resolve(import.meta.dirname, '../../../src/engine/fused/criticWasm.ts'), 'utf8')).toBe(moduleSource(bytes));
  }, 120_000);

  it('has no data segment and imports only memory, so it can run over the tfjs heap', () => {
    const module = new WebAssembly.Module(bytesOf(CRITIC_WASM_BASE64));
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(sectionIds(bytesOf(CRITIC_WASM_BASE64))).not.toContain(DATA_SECTION);
    const exports = WebAssembly.Module.exports(module).map((e) => e.name).sort();
    expect(exports).toEqual(['backUp', 'forwardLayer', 'lossDerivative', 'memory', 'optimizerStep', 'paramGrad']);
  });
});
