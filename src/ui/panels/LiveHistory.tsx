// What happened to the experiment while it trained, drawn on the landscapes: a marker where each
// live change took effect on the paths of the runs it concerns (hover says what changed), and the
// trajectories of the experiment a restart replaced, faded, for before-and-after comparison.
import type { RunSpec } from '../../config/runs';
import { describeChange } from '../../config/schedule';
import { schemeLabel } from '../../config/runs';
import type { LiveChange } from '../../config/schema';
import { usePlayground, useTrajectories } from '../store';
import { polylinePath, type PlotScale } from '../contour';
import { runColour } from '../colors';

/** The index of the recorded point at `step`, or of the last one before it (-1 when none). */
export function pointAtStep(t: { readonly steps: ArrayLike<number> }, step: number): number {
  let lo = 0;
  let hi = t.steps.length - 1;
  if (hi < 0 || t.steps[0] > step) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.steps[mid] <= step) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The changes at each step, grouped: one marker per step and run says every change made there. */
export function changeMarks(changes: readonly LiveChange[], runs: readonly RunSpec[], schemeNames: readonly string[]): { step: number; run: RunSpec; text: string }[] {
  const byStep = new Map<number, LiveChange[]>();
  for (const c of changes) byStep.set(c.step, [...(byStep.get(c.step) ?? []), c]);
  const out: { step: number; run: RunSpec; text: string }[] = [];
  for (const [step, list] of byStep) {
    for (const run of runs) {
      const own = list.filter((c) => c.scheme === null || c.scheme === run.schemeIndex);
      if (own.length > 0) out.push({ step, run, text: `step ${step}: ${own.map((c) => describeChange(c, schemeNames)).join('; ')}` });
    }
  }
  return out;
}

export function ChangeMarkers({ scale, runs }: { scale: PlotScale; runs: RunSpec[] }) {
  const changes = usePlayground((s) => s.runConfig.changes);
  const schemes = usePlayground((s) => s.runConfig.schemes);
  const trajectories = useTrajectories();
  if (changes.length === 0) return null;
  const marks = changeMarks(changes, runs, schemes.map(schemeLabel));
  return (
    <g className="change-markers">
      {marks.map(({ step, run, text }) => {
        const t = trajectories[run.index];
        const i = t ? pointAtStep(t, step) : -1;
        // a change the run has not reached yet has no place on its path
        if (!t || i < 0 || t.steps[t.steps.length - 1] < step) return null;
        return (
          <g key={`${step}-${run.index}`} transform={`translate(${scale.x(t.mu[i])},${scale.y(t.sigma[i])})`} data-testid="change-marker" data-step={step} data-run={run.index}>
            <title>{text}</title>
            <rect x={-3.5} y={-3.5} width={7} height={7} transform="rotate(45)" fill="#fff" stroke="#111" strokeWidth={1.3} />
          </g>
        );
      })}
    </g>
  );
}

/** The replaced experiment's paths, faded, under the live ones. */
export function PreviousTrajectories({ scale }: { scale: PlotScale }) {
  const previous = usePlayground((s) => s.previous);
  if (!previous) return null;
  return (
    <g className="previous-trajectories" opacity={0.35} data-testid="previous-layer">
      <title>{`before the restart at step ${previous.step} (${previous.reason})`}</title>
      {previous.runs.map((run) => {
        const t = previous.trajectories[run.index];
        if (!t || t.mu.length < 2) return null;
        return (
          <path key={run.index} d={polylinePath(t.mu, t.sigma, scale)} fill="none" stroke={runColour(run.schemeIndex, run.seed - previous.seed)} strokeWidth={1.5}
            strokeDasharray={run.critic === 'optimal' ? '2 3' : undefined} data-testid="previous-trajectory" />
        );
      })}
    </g>
  );
}
