// Links keep their settings in the fragment (`#…`), and the older `?…` spelling is still read: by
// the 1-D and 2-D decoders and by the command-line tools' --config.
import { describe, expect, it } from 'vitest';
import { linkSettings } from '../../../src/config/queryParams';
import { configFromQuery, configToQuery } from '../../../src/config/url';
import { isPlanarQuery, planarConfigFromQuery, planarConfigToQuery } from '../../../src/config/planarUrl';
import { getPreset } from '../../../src/config/presets';
import { getPlanarPreset } from '../../../src/config/planarPresets';
import { defaultConfig } from '../../../src/config/schema';
import { loadConfig, looksLikeQuery } from '../../../src/cli/configSource';

const PAGE = 'http://127.0.0.1:5173/fgan/';

describe('the settings of a link', () => {
  it('are the fragment when it holds settings, else the query, else a bare text with settings', () => {
    expect(linkSettings(`${PAGE}#s=sat:js&seeds=2`)).toEqual({ text: 's=sat:js&seeds=2', both: false });
    expect(linkSettings(`${PAGE}?s=sat:js&seeds=2`)).toEqual({ text: 's=sat:js&seeds=2', both: false });
    expect(linkSettings('#seeds=2')).toEqual({ text: 'seeds=2', both: false });
    expect(linkSettings('seeds=2')).toEqual({ text: 'seeds=2', both: false });
    // a fragment naming a place in the page is not settings: the query is read
    expect(linkSettings(`${PAGE}?seeds=2#configuration`)).toEqual({ text: 'seeds=2', both: false });
    expect(linkSettings(`${PAGE}#configuration`)).toEqual({ text: '', both: false });
    expect(linkSettings(PAGE)).toEqual({ text: '', both: false });
    expect(linkSettings(`${PAGE}?seeds=2#seeds=3`)).toEqual({ text: 'seeds=3', both: true });
  });

  it('a configuration round-trips through a page link with a fragment, schedules included', () => {
    const config = configFromQuery('?s=ns:js;glr=0.002,0.01@887&s=sat:js&seeds=2&mu0=0.5').config;
    const link = `${PAGE}#${configToQuery(config)}`;
    expect(configFromQuery(link)).toEqual({ config, issues: [] });
    expect(config.changes).toEqual([{ step: 887, scheme: 0, key: 'glr', value: 0.01 }]);
  });

  it('reads presets from either spelling, and says which part it read when a link has both', () => {
    const figure5 = getPreset('figure5')!.config;
    expect(configFromQuery(`${PAGE}?preset=figure5`).config).toEqual(figure5);
    expect(configFromQuery(`${PAGE}#preset=figure5`).config).toEqual(figure5);
    const both = configFromQuery(`${PAGE}?seeds=3#preset=figure5`);
    expect(both.config).toEqual(figure5);
    expect(both.issues).toEqual([{ field: '(link)', adjusted: true, message: 'the link has settings after both ? and #: read those after #, ignored those after ?' }]);
  });

  it('refuses a 200 kB fragment with one short issue and keeps the defaults', () => {
    const { config, issues } = configFromQuery(`${PAGE}#s=sat:js&mu0=${'9'.repeat(200_000)}x`);
    expect(config).toEqual(defaultConfig());
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/^ignored the whole link: it is 200014 characters long, at most 32768 are read$/);
  });

  it('2-D links are recognised and read from the fragment too', () => {
    const preset = getPlanarPreset('appendix-d-circle')!;
    const settings = planarConfigToQuery(preset.config, preset.id);
    expect(isPlanarQuery(`${PAGE}#${settings}`)).toBe(true);
    expect(isPlanarQuery(`${PAGE}?${settings}`)).toBe(true);
    expect(isPlanarQuery(`${PAGE}#s=sat:js`)).toBe(false);
    const back = planarConfigFromQuery(`${PAGE}#${settings}`);
    expect(back.issues).toEqual([]);
    expect(back.config).toEqual(preset.config);
  });
});

describe('--config with a link', () => {
  it('accepts a full page URL with #… as it does with ?…', () => {
    for (const source of [`${PAGE}#s=sat:js;glr=0.002,0.01@887&seeds=2`, `${PAGE}?s=sat:js;glr=0.002,0.01@887&seeds=2`, '#s=sat:js;glr=0.002,0.01@887&seeds=2']) {
      expect(looksLikeQuery(source)).toBe(true);
      const loaded = loadConfig(source);
      expect(loaded.file).toBeNull();
      expect(loaded.notes).toEqual([]);
      expect(loaded.config.seeds).toBe(2);
      expect(loaded.config.schemes.map((s) => s.generatorForm)).toEqual(['saturating']);
      expect(loaded.config.changes).toEqual([{ step: 887, scheme: 0, key: 'glr', value: 0.01 }]);
    }
  });

  it('refuses what a fragment asks for and cannot be used, naming the field', () => {
    expect(() => loadConfig(`${PAGE}#seeds=2&sigma0=-1`)).toThrow(/--config: sigma0: ignored sigma0=-1/);
  });
});
