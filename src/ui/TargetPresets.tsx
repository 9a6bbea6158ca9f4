// One-click targets beside the data-space view: the paper's and a few that tell mode-seeking and
// mode-covering divergences apart.
import { TARGET_PRESETS } from '../config/presets';
import type { MixtureComponent } from '../config/schema';
import { usePlayground } from './store';

const same = (a: readonly MixtureComponent[], b: readonly MixtureComponent[]) =>
  a.length === b.length && a.every((c, k) => c.weight === b[k].weight && c.mean === b[k].mean && c.std === b[k].std);

export function TargetPresets() {
  const target = usePlayground((s) => s.config.target);
  const updateConfig = usePlayground((s) => s.updateConfig);
  return (
    <div className="target-presets" role="group" aria-label="Target presets">
      <span className="muted">Target:</span>
      {TARGET_PRESETS.map((p) => (
        <button key={p.id} type="button" className="small" title={p.description} aria-pressed={same(target, p.target)} data-testid={`target-preset-${p.id}`}
          onClick={() => updateConfig((c) => ({ ...c, target: structuredClone(p.target) }))}>
          {p.name}
        </button>
      ))}
    </div>
  );
}
