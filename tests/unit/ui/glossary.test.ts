import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../../src/ui/glossary';
import { DIVERGENCES, LANDSCAPE_IDS, LANDSCAPE_SHORT_NAMES } from '../../../src/math/catalog';
import { GENERATOR_FORMS, SCHEME_FAMILIES, baseScheme, schemeFamily } from '../../../src/config/schema';
import { backendInPlainWords } from '../../../src/ui/BackendNote';
import type { BackendInfo, FallbackCause } from '../../../src/engine/protocol';

const GENERAL = ['f-divergence', 'critic-divergence', 'generator-divergence', 'optimal-critic', 'learned-critic', 'tail-weights', 'frechet', 'pushforward', 'software-webgl'] as const;

describe('glossary', () => {
  it('has an entry, read as on screen, for every divergence of the catalog and W1', () => {
    for (const id of LANDSCAPE_IDS) {
      expect(GLOSSARY[id].term, id).toBe(LANDSCAPE_SHORT_NAMES[id]);
      expect(GLOSSARY[id].text.length, id).toBeGreaterThan(40);
    }
    // the divergences' entries are the catalog's descriptions: one source for the maths
    for (const d of DIVERGENCES) expect(GLOSSARY[d.id].text).toContain(d.description);
  });

  it('has an entry for every scheme family, generator form and backend, and the other terms on screen', () => {
    for (const id of [...SCHEME_FAMILIES, ...GENERATOR_FORMS, 'webgl', 'wasm', 'cpu', ...GENERAL] as const) {
      expect(GLOSSARY[id]?.term, id).toBeTruthy();
      expect(GLOSSARY[id].text.length, id).toBeGreaterThan(40);
      // an entry explains the term, it does not merely repeat it
      expect(GLOSSARY[id].text.toLowerCase(), id).not.toBe(GLOSSARY[id].term.toLowerCase());
    }
    for (const f of ['sat', 'ns', 'hyb'] as const) expect(GLOSSARY[schemeFamily(baseScheme(f, 'js', 'rkl'))]).toBe(GLOSSARY[f]);
  });

  it('says a fallback backend in plain words, never the renderer\'s name', () => {
    const causes: FallbackCause[] = ['software-webgl', 'no-webgl', 'webgl-failed', 'context-lost', 'wasm-failed'];
    const base: BackendInfo = { name: 'wasm', requested: 'auto', softwareRenderer: false, fallbackReason: 'WebGL renders in software here (ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device)))…' };
    const words = causes.map((fallbackCause) => backendInPlainWords({ ...base, fallbackCause }));
    expect(words[0]).toBe('Training runs on the CPU: WebGL here is software-only, which would be slower.');
    expect(new Set(words).size).toBe(causes.length);
    for (const w of words) expect(w).not.toMatch(/SwiftShader|ANGLE|wasm/);
  });
});
