// Where WebAssembly SIMD is missing the fused module does not compile: wasm then trains on tfjs's
// own kernels, with the same numbers, and the worker says so in one line.
import { describe, expect, it, vi } from 'vitest';

// a module that no engine compiles stands for one without SIMD
vi.mock('../../../src/engine/fused/criticWasm', () => ({ CRITIC_WASM_BASE64: btoa('\0asm\x01\0\0\0\xff') }));

import { baseScheme, makeConfig, trainerMaker, trainPoints, useBackend } from './helpers';
import { fusedBackend, NO_SIMD_NOTICE } from '../../../src/engine/fused/kernels';
import { simdModule } from '../../../src/engine/fused/wasmCritic';

describe('wasm without SIMD', () => {
  const make = trainerMaker();

  it('trains on the kernels path (the cpu backend keeps its TypeScript kernels)', async () => {
    await useBackend('wasm');
    expect(simdModule()).toBeNull();
    expect(fusedBackend()).toBe(false);
    const t = make(makeConfig([baseScheme('ns')], { critics: 'learned', batchSize: 32, steps: 10 }));
    expect(t.criticPath).toEqual({ update: 'kernels', slope: 'kernels' });
    expect((await trainPoints(t, 10)).at(-1)!.step).toBe(10);
    await useBackend('cpu');
    expect(fusedBackend()).toBe(true);
    expect(NO_SIMD_NOTICE).toMatch(/no SIMD/);
  });
});
