// Which line is which run: a colour per scheme (darker for further seeds), solid for the learned
// critic, dotted for the optimal one. Clicking a run shows it in the data-space views. Runs that
// stopped say why.
import { minimisedDivergence, schemeLabel } from '../config/runs';
import { LANDSCAPE_SHORT_NAMES } from '../math/catalog';
import { usePlayground } from './store';
import { runColour } from './colors';
import { formatValue } from './contour';
import { Term } from './Term';
import { schemeFamily } from '../config/schema';
import { usePacedStore } from './paced';

export function RunLegend() {
  const runs = usePlayground((s) => s.runs);
  const runConfig = usePlayground((s) => s.runConfig);
  const selected = usePlayground((s) => s.selectedRun);
  const selectRun = usePlayground((s) => s.selectRun);
  const stopped = usePlayground((s) => s.training.stopped);
  const trajectories = usePlayground((s) => s.training.trajectories);
  usePacedStore((s) => s.training.trajectoryVersion, { minIntervalMs: 500 });
  const groups = runConfig.schemes.map((scheme, i) => ({ scheme, index: i, runs: runs.filter((r) => r.schemeIndex === i) }));
  return (
    <section className="run-legend" aria-label="Runs">
      <ul>
        {groups.map((g) => (
          <li key={g.index}>
            <span className="run-group">
              <Term id={schemeFamily(g.scheme)}>{schemeLabel(g.scheme)}</Term>
              <MinimisedNote minimises={minimisedDivergence(g.scheme)} />
            </span>
            {g.runs.map((r) => {
              const t = trajectories[r.index];
              const n = t ? t.mu.length - 1 : -1;
              const colour = runColour(r.schemeIndex, r.seed - runConfig.seed);
              const where = n >= 0 && t ? `μ ${formatValue(t.mu[n])}, σ ${formatValue(t.sigma[n])}` : '';
              return (
                <button
                  key={r.index}
                  type="button"
                  className={`run-button${r.index === selected ? ' selected' : ''}${stopped.some((s) => s.run === r.index) ? ' stopped' : ''}`}
                  onClick={() => selectRun(r.index)}
                  aria-pressed={r.index === selected}
                  title={`${r.label}: ${where}`}
                  data-testid="run-legend-item"
                >
                  <svg width="22" height="8" aria-hidden="true">
                    <line x1="1" y1="4" x2="21" y2="4" stroke={colour} strokeWidth="2.5" strokeDasharray={r.critic === 'optimal' ? '2 3' : undefined} />
                  </svg>
                  <span>{r.critic} · seed {r.seed}</span>
                  <span className="muted">{where}</span>
                </button>
              );
            })}
          </li>
        ))}
      </ul>
      {stopped.map((s) => (
        <p key={s.run} className="run-stopped" data-testid="run-stopped" role="status">
          {s.reason}
        </p>
      ))}
    </section>
  );
}

/** The divergence a scheme's generator actually minimises, beside its name. */
function MinimisedNote({ minimises }: { minimises: ReturnType<typeof minimisedDivergence> }) {
  return (
    <span className="run-minimises" data-testid="run-group-minimises">
      {minimises ? <>minimises <Term id={minimises}>{LANDSCAPE_SHORT_NAMES[minimises]}</Term></> : 'no closed-form divergence'}
    </span>
  );
}
