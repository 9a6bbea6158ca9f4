// Everything the engine can be told: target, generator start, critic, schemes, optimizers,
// training sizes, backend and the landscape panels. Every field validates through schema.ts.
import { z } from 'zod';
import {
  ACTIVATIONS, BACKENDS, CRITIC_KINDS, MAX_WORKERS, GENERATOR_FORMS, LANDSCAPE_IDS, OBJECTIVES, OPTIMIZER_KINDS, PENALTIES, SIGMA_PARAMETRIZATIONS,
  baseScheme, componentSchema, configSchema, optimizerSchema, schemeFamily, schemeSchema,
  type Config, type OptimizerConfig, type SchemeConfig, type SchemeFamily,
} from '../config/schema';
import { PRESETS } from '../config/presets';
import { configToQuery } from '../config/url';
import { DIVERGENCE_IDS, LANDSCAPE_NAMES, LANDSCAPE_SHORT_NAMES, type DivergenceId } from '../math/catalog';
import { usePlayground } from './store';
import { NumberField, Section, SelectField, TextField } from './fields';
import { schemeColour } from './colors';
import { addComponent } from './targetEdit';
import { CriticOptions, objectiveSentence } from './CriticOptions';
import { useSettingAhead } from './ScheduleAhead';
import { MinimisedLine } from './MinimisedLine';
import { Term } from './Term';
import { useRovingFocus } from './useRovingFocus';

const shape = configSchema.shape;
const WORKER_OPTIONS = [
  { value: 'auto', label: 'auto', title: 'wasm and cpu: one worker per core, up to one per learned critic; WebGL: one' },
  ...Array.from({ length: MAX_WORKERS }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })),
];
// short names keep the chosen divergence readable in a narrow select; the full name is its title
const DIVERGENCE_OPTIONS = DIVERGENCE_IDS.map((id) => ({ value: id, label: LANDSCAPE_SHORT_NAMES[id], title: LANDSCAPE_NAMES[id] }));

/** The configuration's element id (the page links to it on narrow screens, where it sits below the views). */
export const CONFIGURATION = 'configuration';

export function ConfigPanel() {
  return (
    <aside className="config" id={CONFIGURATION} aria-label="Configuration" tabIndex={-1}>
      <PresetBar />
      <SchemesSection />
      <TargetSection />
      <GeneratorSection />
      <CriticSection />
      <TrainingSection />
      <PanelsSection />
    </aside>
  );
}

const PRESET_QUERIES = new Map(PRESETS.map((p) => [p.id, configToQuery(p.config)]));
let presetMemo: { config: Config; id: string | null } | null = null;

/** The preset a configuration is exactly, if any (a changed setting leaves every preset). */
function presetOf(config: Config): string | null {
  if (presetMemo?.config !== config) {
    const query = configToQuery(config);
    presetMemo = { config, id: PRESETS.find((p) => PRESET_QUERIES.get(p.id) === query)?.id ?? null };
  }
  return presetMemo.id;
}

function PresetBar() {
  const applyPreset = usePlayground((s) => s.applyPreset);
  const current = usePlayground((s) => presetOf(s.config));
  const roving = useRovingFocus<HTMLDivElement>();
  return (
    <div className="presets" role="toolbar" aria-label="Presets (arrow keys move between them)" {...roving}>
      {PRESETS.map((p) => (
        <button key={p.id} type="button" onClick={() => applyPreset(p.id)} title={p.description} data-testid={`preset-${p.id}`} aria-pressed={p.id === current}>
          {p.name}
        </button>
      ))}
    </div>
  );
}

function TargetSection() {
  const target = usePlayground((s) => s.config.target);
  const updateConfig = usePlayground((s) => s.updateConfig);
  const setTarget = (next: Config['target']) => updateConfig((c) => ({ ...c, target: next }));
  return (
    <Section title="Target p (mixture of Gaussians)">
      <table className="target-table">
        <thead>
          <tr><th scope="col">weight</th><th scope="col">mean</th><th scope="col">std</th><th><span className="sr-only">remove</span></th></tr>
        </thead>
        <tbody>
          {target.map((c, i) => (
            <tr key={i}>
              <td><NumberField compact label={`component ${i + 1} weight`} value={+c.weight.toPrecision(6)} schema={componentSchema.shape.weight} onCommit={(v) => setTarget(target.map((x, j) => (j === i ? { ...x, weight: v } : x)))} /></td>
              <td><NumberField compact label={`component ${i + 1} mean`} value={c.mean} schema={componentSchema.shape.mean} onCommit={(v) => setTarget(target.map((x, j) => (j === i ? { ...x, mean: v } : x)))} /></td>
              <td><NumberField compact label={`component ${i + 1} standard deviation`} value={c.std} schema={componentSchema.shape.std} onCommit={(v) => setTarget(target.map((x, j) => (j === i ? { ...x, std: v } : x)))} /></td>
              <td>
                <button type="button" className="small" disabled={target.length <= 1} onClick={() => setTarget(target.filter((_, j) => j !== i))} aria-label={`Remove component ${i + 1}`}>✕</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="small"
        disabled={target.length >= 8}
        onClick={() => setTarget(addComponent(target))}
      >
        Add component
      </button>
    </Section>
  );
}

function GeneratorSection() {
  const mu0 = usePlayground((s) => s.config.mu0);
  const sigma0 = usePlayground((s) => s.config.sigma0);
  const param = usePlayground((s) => s.config.sigmaParametrization);
  const updateConfig = usePlayground((s) => s.updateConfig);
  return (
    <Section title="Generator q = N(μ, σ²)">
      <div className="row">
        <NumberField label="start μ₀" value={mu0} schema={shape.mu0} onCommit={(v) => updateConfig((c) => ({ ...c, mu0: v }))} testId="mu0" />
        <NumberField label="start σ₀" value={sigma0} schema={shape.sigma0} onCommit={(v) => updateConfig((c) => ({ ...c, sigma0: v }))} testId="sigma0" />
        <SelectField label="σ trained as" value={param} options={SIGMA_PARAMETRIZATIONS.map((p) => ({ value: p, label: p === 'direct' ? 'σ (paper)' : 'log σ' }))} onChange={(v) => updateConfig((c) => ({ ...c, sigmaParametrization: v }))} />
      </div>
      <p className="field-hint">Or click a contour panel to start there.</p>
    </Section>
  );
}

function parseHidden(text: string): { value: number[]; error: null } | { value: null; error: string } {
  const parts = text.split(/[,x\s]+/).filter(Boolean);
  if (parts.length === 0) return { value: null, error: 'enter widths like 20,20' };
  const nums = parts.map(Number);
  if (nums.some((n) => !Number.isInteger(n))) return { value: null, error: 'widths must be whole numbers, like 20,20' };
  const r = shape.critic.shape.hidden.safeParse(nums);
  if (!r.success) return { value: null, error: 'one to four layers, each 1 to 256 wide' };
  return { value: nums, error: null };
}

function CriticSection() {
  const critic = usePlayground((s) => s.config.critic);
  const critics = usePlayground((s) => s.config.critics);
  const updateConfig = usePlayground((s) => s.updateConfig);
  return (
    <Section title="Critic">
      <div className="row">
        <SelectField label="critic" value={critics} options={CRITIC_KINDS.map((k) => ({ value: k, label: k === 'both' ? 'learned and optimal' : k }))} onChange={(v) => updateConfig((c) => ({ ...c, critics: v }))} testId="critic-kind" />
        <TextField label="hidden widths" value={critic.hidden} format={(h) => h.join(',')} parse={parseHidden} onCommit={(h) => updateConfig((c) => ({ ...c, critic: { ...c.critic, hidden: h } }))} hint="e.g. 20,20" />
        <SelectField label="activation" value={critic.activation} options={ACTIVATIONS} onChange={(v) => updateConfig((c) => ({ ...c, critic: { ...c.critic, activation: v } }))} />
      </div>
    </Section>
  );
}

// GAN-GP and DRAGAN are the non-saturating family with a penalty (the penalty select below; the
// presets set them up), as schemeFamily and the URL see them.
const FAMILY_OPTIONS: { value: SchemeFamily; label: string; title: string }[] = [
  { value: 'sat', label: 'saturating', title: 'saturating f-GAN: critic and generator on the same f' },
  { value: 'ns', label: 'non-saturating', title: 'non-saturating f-GAN: the generator maximises E_q a_h(d) (GAN-GP and DRAGAN are this with a penalty)' },
  { value: 'hyb', label: 'hybrid (f, h)', title: 'hybrid: critic on h, generator on f' },
  { value: 'wgan', label: 'WGAN (clipping)', title: 'Wasserstein GAN with weight clipping' },
  { value: 'wgan-gp', label: 'WGAN-GP', title: 'Wasserstein GAN with a gradient penalty' },
  { value: 'kl-wgan', label: 'KL-WGAN', title: 'KL-WGAN (Song & Ermon 2020)' },
];

function SchemesSection() {
  const schemes = usePlayground((s) => s.config.schemes);
  const updateConfig = usePlayground((s) => s.updateConfig);
  const setSchemes = (next: SchemeConfig[]) => updateConfig((c) => ({ ...c, schemes: next }));
  return (
    <Section title="Training schemes">
      {schemes.map((s, i) => (
        <SchemeEditor
          key={i}
          index={i}
          scheme={s}
          onChange={(next) => setSchemes(schemes.map((x, j) => (j === i ? next : x)))}
          onRemove={schemes.length > 1 ? () => setSchemes(schemes.filter((_, j) => j !== i)) : undefined}
        />
      ))}
      <button type="button" className="small" disabled={schemes.length >= 8} onClick={() => setSchemes([...schemes, baseScheme('sat', 'js')])}>
        Add scheme
      </button>
    </Section>
  );
}

function SchemeEditor({ index, scheme, onChange, onRemove }: { index: number; scheme: SchemeConfig; onChange: (s: SchemeConfig) => void; onRemove?: () => void }) {
  const family = schemeFamily(scheme);
  const fgan = scheme.objective === 'f-gan';
  const set = (patch: Partial<SchemeConfig>) => {
    const r = schemeSchema.safeParse({ ...scheme, ...patch });
    if (r.success) onChange(r.data);
  };
  return (
    <fieldset className="scheme" data-testid="scheme" style={{ borderLeftColor: schemeColour(index) }}>
      <legend>
        <span className="swatch" style={{ background: schemeColour(index) }} aria-hidden="true" /> Scheme {index + 1}
        {onRemove && <button type="button" className="small" onClick={onRemove} aria-label={`Remove scheme ${index + 1}`}>✕</button>}
      </legend>
      <div className="row scheme-head">
        <SelectField label="family" value={family} options={FAMILY_OPTIONS} testId={`scheme-${index}-family`}
          onChange={(f) => onChange(baseScheme(f, scheme.criticDivergence, f === 'hyb' ? (scheme.generatorForm === 'hybrid' ? scheme.generatorDivergence : 'rkl') : scheme.generatorDivergence))} />
        {fgan && (
          <SelectField label={<Term id="critic-divergence" />} value={scheme.criticDivergence} options={DIVERGENCE_OPTIONS} testId={`scheme-${index}-h`}
            onChange={(h) => set({ criticDivergence: h, generatorDivergence: scheme.generatorForm === 'hybrid' ? scheme.generatorDivergence : h })} />
        )}
        {fgan && (
          <SelectField label="generator form" value={scheme.generatorForm} options={GENERATOR_FORMS} testId={`scheme-${index}-form`}
            onChange={(g) => set({ generatorForm: g, generatorDivergence: g === 'hybrid' ? scheme.generatorDivergence : scheme.criticDivergence })} />
        )}
        {fgan && scheme.generatorForm === 'hybrid' && (
          <SelectField label={<Term id="generator-divergence" />} value={scheme.generatorDivergence as DivergenceId} options={DIVERGENCE_OPTIONS} testId={`scheme-${index}-f`}
            onChange={(f) => set({ generatorDivergence: f })} />
        )}
        {!fgan && <SelectField label="objective" value={scheme.objective} options={OBJECTIVES} onChange={(o) => set({ objective: o })} />}
      </div>
      <MinimisedLine scheme={scheme} testId={`scheme-${index}-minimises`} />
      {!fgan && <p className="minimises" data-testid={`scheme-${index}-variant`}>{objectiveSentence(scheme)}</p>}
      <div className="row">
        <OptimizerEditor label="critic" value={scheme.criticOptimizer} onChange={(o) => set({ criticOptimizer: o })} rateAhead={useSettingAhead('clr', index)} />
        <OptimizerEditor label="generator" value={scheme.generatorOptimizer} onChange={(o) => set({ generatorOptimizer: o })} rateAhead={useSettingAhead('glr', index)} />
      </div>
      <div className="row">
        <SelectField label="gradient penalty" value={scheme.penalty} options={PENALTIES} onChange={(p) => set({ penalty: p })} />
        {scheme.penalty !== 'none' && <NumberField label="penalty λ" value={scheme.penaltyWeight} schema={schemeSchema.shape.penaltyWeight} onCommit={(v) => set({ penaltyWeight: v })} />}
        {scheme.penalty === 'dragan' && <NumberField label="DRAGAN scale" value={scheme.draganScale} schema={schemeSchema.shape.draganScale} onCommit={(v) => set({ draganScale: v })} />}
        <NumberField label="weight clip (0 off)" value={scheme.clip} schema={schemeSchema.shape.clip} onCommit={(v) => set({ clip: v })} />
      </div>
      <CriticOptions index={index} scheme={scheme} set={set} />
    </fieldset>
  );
}

/** `rateAhead`: what a schedule will do to the learning rate, shown under it. */
function OptimizerEditor({ label, value, onChange, rateAhead }: { label: string; value: OptimizerConfig; onChange: (o: OptimizerConfig) => void; rateAhead?: string }) {
  const s = optimizerSchema.shape;
  return (
    <div className="optimizer" role="group" aria-label={`${label} optimizer`}>
      <SelectField label={`${label} optimizer`} value={value.kind} options={OPTIMIZER_KINDS} onChange={(k) => onChange({ ...value, kind: k })} />
      <NumberField label={`${label} learning rate`} value={value.learningRate} schema={s.learningRate} onCommit={(v) => onChange({ ...value, learningRate: v })} testId={`${label}-lr`} hint={rateAhead} />
      {value.kind === 'adam' && (
        <>
          <NumberField label="β₁" value={value.beta1} schema={s.beta1} onCommit={(v) => onChange({ ...value, beta1: v })} />
          <NumberField label="β₂" value={value.beta2} schema={s.beta2} onCommit={(v) => onChange({ ...value, beta2: v })} />
        </>
      )}
      {value.kind === 'rmsprop' && <NumberField label="ρ" value={value.rho} schema={s.rho} onCommit={(v) => onChange({ ...value, rho: v })} />}
    </div>
  );
}

function TrainingSection() {
  const config = usePlayground((s) => s.config);
  const updateConfig = usePlayground((s) => s.updateConfig);
  const int = (key: 'batchSize' | 'criticSteps' | 'steps' | 'seeds' | 'seed', label: string, hint?: string) => (
    <NumberField label={label} value={config[key]} integer schema={shape[key] as z.ZodType} onCommit={(v) => updateConfig((c) => ({ ...c, [key]: v }))} testId={key} hint={hint} />
  );
  return (
    <Section title="Training">
      <div className="row">
        {int('batchSize', 'batch size', useSettingAhead('batch', null))}
        {int('criticSteps', 'critic steps per generator step', useSettingAhead('csteps', null))}
        {int('steps', 'generator steps')}
      </div>
      <div className="row">
        {int('seeds', 'runs per scheme and critic')}
        {int('seed', 'first seed')}
        <SelectField label="backend" value={config.backend} options={BACKENDS} onChange={(b) => updateConfig((c) => ({ ...c, backend: b }))} testId="backend" />
        <SelectField
          label="workers" value={String(config.workers)} options={WORKER_OPTIONS} testId="workers"
          onChange={(w) => updateConfig((c) => ({ ...c, workers: w === 'auto' ? 'auto' : Number(w) }))}
        />
      </div>
    </Section>
  );
}

function PanelsSection() {
  const panels = usePlayground((s) => s.config.panels);
  const updateConfig = usePlayground((s) => s.updateConfig);
  const toggle = (id: (typeof LANDSCAPE_IDS)[number]) =>
    updateConfig((c) => ({ ...c, panels: c.panels.includes(id) ? c.panels.filter((p) => p !== id) : LANDSCAPE_IDS.filter((x) => x === id || c.panels.includes(x)) }));
  return (
    <Section title="Landscape panels" defaultOpen={false}>
      <p className="field-hint">Divergences a scheme minimises are always shown.</p>
      <div className="checks">
        {LANDSCAPE_IDS.map((id) => (
          <label key={id} className="check">
            <input type="checkbox" checked={panels.includes(id)} onChange={() => toggle(id)} /> {LANDSCAPE_SHORT_NAMES[id]}
          </label>
        ))}
      </div>
    </Section>
  );
}
