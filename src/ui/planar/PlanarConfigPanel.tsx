// The 2-D configuration: presets (one click each), and a form of the link's fields (the same
// spelling and the same reader as the link, so a value reads one way everywhere), showing the
// settings in force and the schedule ahead. Edits apply with one button: how training proceeds
// (rates, optimizers, critic steps, batch, schedules) from the next step, anything else by a
// restart, which the button and a notice say.
import { useMemo, useState } from 'react';
import { PLANAR_PRESETS } from '../../config/planarPresets';
import { planarConfigFromQuery, planarFieldTexts } from '../../config/planarUrl';
import { FAMILY_KINDS, type PlanarConfig } from '../../config/planar';
import { classifyChange } from '../../config/schedule';
import { CRITIC_KINDS } from '../../config/schema';
import { usePlanar } from './planarStore';
import { useRovingFocus } from '../useRovingFocus';
import { PlanarScheduleAhead } from './PlanarSchedule';

export const PLANAR_CONFIGURATION = 'planar-configuration';

interface FieldSpec {
  key: string;
  label: string;
  hint: string;
}

const FIELDS: FieldSpec[] = [
  { key: 'target', label: 'Target p', hint: 'components weight:meanX:meanY:varX:covXY:varY, comma-separated (up to 25)' },
  { key: 'start', label: 'Start', hint: 'meanX:meanY:stdX:stdY, then the rows of A for the linear family' },
  { key: 'arch', label: 'Critic', hint: 'hidden widths and activation, e.g. 32x32-leaky-relu' },
  { key: 'seeds', label: 'Seeds', hint: 'runs per scheme and critic' },
  { key: 'seed', label: 'Seed', hint: 'first seed' },
  { key: 'steps', label: 'Steps', hint: 'generator steps' },
  { key: 'batch', label: 'Batch', hint: 'samples per batch' },
  { key: 'csteps', label: 'Critic steps', hint: 'per generator step' },
  { key: 'backend', label: 'Backend', hint: 'auto, webgl, wasm or cpu' },
  { key: 'workers', label: 'Workers', hint: 'auto, or 1 to 8 training workers sharing the runs' },
];

/** The form's texts: the link fields, the family's parts and the scheme tokens (one per line). */
type Draft = Record<string, string>;

/** The form's texts for the settings in force at `step`, with the schedule ahead of it. */
function draftOf(config: PlanarConfig, step: number): Draft {
  const { fields, schemes } = planarFieldTexts({ ...config, changes: config.changes.filter((c) => c.step > step) });
  const [kind, latent, noise, hidden] = fields.family.split(':');
  return { ...fields, kind, latent, noise, hidden, critic: fields.critic, schemes: schemes.join('\n') };
}

function queryOf(d: Draft): string {
  const params = new URLSearchParams({ dim: '2' });
  for (const f of FIELDS) params.set(f.key, d[f.key]);
  params.set('family', [d.kind, d.latent, d.noise, d.hidden].join(':'));
  params.set('critic', d.critic);
  for (const token of d.schemes.split(/\n+/).map((t) => t.trim()).filter(Boolean)) params.append('s', token);
  return params.toString();
}

export function PlanarConfigPanel() {
  const config = usePlanar((s) => s.config);
  const step = usePlanar((s) => s.step);
  const preset = usePlanar((s) => s.preset);
  const runs = usePlanar((s) => s.runs);
  const [draft, setDraft] = useState<Draft>(() => draftOf(config, step));
  const [shownFor, setShownFor] = useState(config);
  if (shownFor !== config) { setShownFor(config); setDraft(draftOf(config, step)); }
  const parsed = useMemo(() => planarConfigFromQuery(queryOf(draft)), [draft]);
  const errors = new Map(parsed.issues.map((i) => [i.field, i.message]));
  const changed = queryOf(draft) !== queryOf(draftOf(config, step));
  const restarts = step > 0 && classifyChange(config, parsed.config).kind === 'restart';
  const edit = (key: string) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));
  const apply = () => usePlanar.getState().setConfig(parsed.config, null);
  const roving = useRovingFocus<HTMLDivElement>();
  return (
    <aside className="config" id={PLANAR_CONFIGURATION} aria-label="2-D configuration" data-testid="planar-config" tabIndex={-1}>
      <div className="presets" role="toolbar" aria-label="2-D presets (arrow keys move between them)" {...roving}>
        {PLANAR_PRESETS.map((p) => (
          <button type="button" key={p.id} aria-pressed={preset === p.id} title={p.description} data-testid={`planar-preset-${p.id}`}
            onClick={() => usePlanar.getState().applyPreset(p.id)}>{p.name}</button>
        ))}
      </div>
      <div className="row">
        <div className="field field-select">
          <label htmlFor="planar-kind">Generator family</label>
          <select id="planar-kind" value={draft.kind} onChange={edit('kind')}>{FAMILY_KINDS.map((k) => <option key={k}>{k}</option>)}</select>
        </div>
        {(draft.kind === 'linear' || draft.kind === 'mlp') && <TextField id="latent" label="Latent k" value={draft.latent} onChange={edit('latent')} error={errors.get('family')} />}
        {draft.kind === 'linear' && <TextField id="noise" label="Output noise" value={draft.noise} onChange={edit('noise')} />}
        {draft.kind === 'mlp' && <TextField id="hidden" label="MLP widths" value={draft.hidden} onChange={edit('hidden')} />}
      </div>
      {FIELDS.map((f) => (
        <div className="row" key={f.key}>
          <TextField id={f.key} label={f.label} value={draft[f.key]} onChange={edit(f.key)} error={errors.get(f.key)} hint={f.hint} />
        </div>
      ))}
      <div className="row">
        <div className="field field-select">
          <label htmlFor="planar-critics">Critics</label>
          <select id="planar-critics" value={draft.critic} onChange={edit('critic')}>{CRITIC_KINDS.map((k) => <option key={k}>{k}</option>)}</select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="planar-schemes">Loss schemes, one per line (as in links: ns:js, sat:js, hyb:rkl:js, wgan, wgan-gp, kl-wgan; ;glr=0.03,0.005@1000 schedules a rate)</label>
        <textarea id="planar-schemes" rows={4} value={draft.schemes} onChange={edit('schemes')} aria-invalid={errors.has('s')} />
        <PlanarScheduleAhead />
        {errors.has('s') && <span className="field-error" role="alert">{errors.get('s')}</span>}
      </div>
      <ul className="planar-run-list" aria-label="Runs">
        {runs.map((r) => <li key={r.label}><span className="swatch" style={{ background: r.colour }} /> {r.label}</li>)}
      </ul>
      <button type="button" className="primary" onClick={apply} disabled={!changed || parsed.issues.length > 0} data-testid="planar-apply"
        title="Learning rates, optimizers, critic steps, batch and schedules apply from the next generator step; anything else starts the experiment again">
        {step === 0 ? 'Apply' : restarts ? 'Apply (restarts training)' : 'Apply from the next step'}
      </button>
    </aside>
  );
}

function TextField({ id, label, value, onChange, error, hint }: { id: string; label: string; value: string; onChange: (e: { target: { value: string } }) => void; error?: string; hint?: string }) {
  return (
    <div className="field">
      <label htmlFor={`planar-${id}`}>{label}</label>
      <input id={`planar-${id}`} value={value} onChange={onChange} aria-invalid={!!error} spellCheck={false} />
      {error ? <span className="field-error" role="alert">{error}</span> : hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}
