// The 2-D pushforward view (paper §4, Figures 6-9): histograms of the selected run's critic
// outputs on real and fake samples, beside the exact pushforwards p~ and q~ (d* on many samples of
// p and of q, binned the same way). When q drops modes of p, p~ shows a separate peak for each
// dropped mode: there d* = log p - log q is large.
import { useMemo } from 'react';
import { ChartPanel } from '../ChartPanel';
import { PlanarFigureDownloads } from './PlanarExports';
import { formatValue } from '../contour';
import { PushforwardPlot } from '../PushforwardChart';
import { usePlanar } from './planarStore';
import { Term } from '../Term';
import { pushforwardView, type PlanarPushforwardView } from './planarChartData';
import './planarCharts.css';

export function PlanarPushforward() {
  const snapshot = usePlanar((s) => s.snapshot);
  const selected = usePlanar((s) => s.selectedRun);
  const info = usePlanar((s) => s.runs[s.selectedRun]);
  const run = snapshot?.runs[selected];
  const view = useMemo(() => (run ? pushforwardView(run) : null), [run]);
  const critic = info?.critic === 'optimal' ? 'optimal critic d*' : 'learned critic d';
  return (
    <ChartPanel title={<><Term id="pushforward">Pushforward</Term> of critic outputs</>} testId="planar-pushforward" label="Pushforward of critic outputs"
      actions={<PlanarFigureDownloads view="pushforward" name="Pushforward" />}
      note={snapshot && view ? <PushforwardNote label={info?.label} critic={critic} step={snapshot.step} view={view} />
        : 'Histograms of the critic\'s outputs on real and fake samples, beside the exact pushforwards of p and q through d*.'}>
      {(width) => (view
        ? <PushforwardPlot view={view} width={width} exact={view.exact} />
        : <p className="muted chart-empty planar-waiting">Waiting for the first snapshot…</p>)}
    </ChartPanel>
  );
}

function PushforwardNote({ label, critic, step, view }: { label?: string; critic: string; step: number; view: PlanarPushforwardView }) {
  const clampedPct = view.clamped * 100;
  return (
    <>
      {label ? `${label}, step ${step}. ` : `Step ${step}. `}
      Bars: the {critic}&apos;s outputs on 256 real (x ~ p) and 256 fake (x ~ q) samples.{' '}
      {view.exact
        ? <>Lines: exact p̃ and q̃, the densities of d*(x) = log p(x) − log q(x) under p and under q (2048 samples each), binned the same way; a mode of p that q drops makes a separate peak of p̃ at large d.</>
        : <>q has no closed-form density, so there is no d* and no exact pushforward.</>}
      {clampedPct >= 0.5 ? ` Up to ${formatValue(+clampedPct.toFixed(1))}% of a set lies beyond the axis and is counted in the end bins.` : ''}
    </>
  );
}
