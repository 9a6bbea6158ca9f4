// Training curves: one reading of every run over the generator steps (the critic's or the
// generator's loss, or either's gradient norm, chosen above the chart), the selected run drawn
// thick and on top. Both pages draw it from their own store: TrainingCurves here for the 1-D page,
// PlanarCurves for the 2-D one; each takes a paced selection of its store (paced.ts).
import { memo, useMemo, useState, type ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Trajectory } from '../engine/trajectory';
import { READINGS, type ReadingInfo } from './readings';
import { curveKey, curvesView, type CurveRun } from './curvesData';
import { ChartPanel } from './ChartPanel';
import { runColour } from './colors';
import { useOnScreen, usePacedStore } from './paced';
import { AXIS_TICK, CHART_MARGIN, GRID_STROKE, TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE, formatTick, formatTooltipValue, useStable, xLabel, yLabel } from './chartKit';
import { formatDecade } from './ticks';
import type { RunSpec } from '../config/runs';

const HEIGHT = 220;
const X_LABEL = xLabel('generator step');
const formatStep = (s: unknown) => `step ${String(s)}`;
const PACE = { minIntervalMs: 400 } as const;
/** Without a legend below it, the x-axis title needs a few pixels more at the bottom. */
const MARGIN = { ...CHART_MARGIN, bottom: 6 } as const;

/** The 1-D page's curves: every run's trajectory readings. */
export function TrainingCurves() {
  const [ref, visible] = useOnScreen<HTMLElement>('200px');
  const [trajectories, version, runs, seed, selected] = usePacedStore(
    (s) => [s.training.trajectories, s.training.trajectoryVersion, s.runs, s.runConfig.seed, s.selectedRun] as const,
    { visible, ...PACE },
  );
  // the trajectories grow in place: the version says when
  const curveRuns = useMemo(() => trajectoryCurves(trajectories, runs, seed, version), [trajectories, runs, seed, version]);
  return <TrainingCurvesChart runs={curveRuns} selected={selected} testId="training-curves" figureRef={ref} />;
}

function trajectoryCurves(trajectories: readonly Trajectory[], runs: readonly RunSpec[], seed: number, _version: number): CurveRun[] {
  return trajectories.map((t, r) => ({
    label: runs[r]?.label ?? `run ${r}`,
    colour: runs[r] ? runColour(runs[r].schemeIndex, runs[r].seed - seed) : '#6b7280',
    optimal: runs[r]?.critic === 'optimal',
    steps: t.steps,
    readings: { criticLoss: t.reading('criticLoss'), generatorLoss: t.reading('generatorLoss'), criticGradNorm: t.reading('criticGradNorm'), generatorGradNorm: t.reading('generatorGradNorm') },
  }));
}

interface ChartProps {
  runs: readonly CurveRun[];
  selected: number;
  testId: string;
  figureRef?: (el: HTMLElement | null) => void;
  /** Buttons in the title line (the figure's downloads). */
  actions?: ReactNode;
}

/** The chart both pages share: a quantity chooser and one line per run that has it. */
export function TrainingCurvesChart({ runs, selected, testId, figureRef, actions }: ChartProps) {
  const [quantity, setQuantity] = useState<ReadingInfo>(READINGS[0]);
  const view = useMemo(() => curvesView(runs, quantity.key, quantity.log), [runs, quantity]);
  const missing = runs.length - view.drawn.length;
  const note = (
    <>
      <label className="curves-quantity">
        Show{' '}
        <select value={quantity.key} onChange={(e) => setQuantity(READINGS.find((q) => q.key === e.target.value) ?? READINGS[0])} data-testid={`${testId}-quantity`}>
          {READINGS.map((q) => <option key={q.key} value={q.key}>{q.label}</option>)}
        </select>
      </label>{' '}
      {capitalise(quantity.meaning)}, at each recorded step{quantity.log ? ', on a logarithmic axis' : ''}. The selected run is drawn thick.
      {missing > 0 && quantity.key.startsWith('critic') ? ` ${missing} run(s) with an optimal critic have none.` : ''}
    </>
  );
  return (
    <ChartPanel title="Training curves" testId={testId} label="Training curves" note={note} figureRef={figureRef} actions={actions}>
      {(width) => (view.rows.length > 0
        ? <CurvesPlot view={view} runs={runs} selected={selected} log={quantity.log} label={quantity.axis} width={width} />
        : <p className="muted chart-empty">No {quantity.label} recorded yet: press Play or Step.</p>)}
    </ChartPanel>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface PlotProps {
  view: ReturnType<typeof curvesView>;
  runs: readonly CurveRun[];
  selected: number;
  log: boolean;
  label: string;
  width: number;
}

const CurvesPlot = memo(function CurvesPlot({ view, runs, selected, log, label, width }: PlotProps) {
  const y = useStable(view.y);
  const steps = useStable(view.steps);
  // the selected run last, so that it is drawn on top
  const order = [...view.drawn.filter((r) => r !== selected), ...view.drawn.filter((r) => r === selected)];
  return (
    <LineChart width={width} height={HEIGHT} data={view.rows} margin={MARGIN}>
      <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="step" type="number" domain={steps.domain} ticks={steps.ticks} tickFormatter={formatTick} tick={AXIS_TICK} height={32} label={X_LABEL} allowDataOverflow />
      <YAxis key={log ? 'log' : 'lin'} type="number" scale={log ? 'log' : 'linear'} domain={y.domain} ticks={y.ticks} tickFormatter={log ? formatDecade : formatTick}
        tick={AXIS_TICK} width={54} label={yLabel(label)} allowDataOverflow />
      <Tooltip formatter={formatTooltipValue} labelFormatter={formatStep} isAnimationActive={false} contentStyle={TOOLTIP_STYLE} itemStyle={TOOLTIP_ITEM_STYLE} />
      {order.map((r) => (
        <Line key={r} className={`curve curve-run-${r}${r === selected ? ' curve-selected' : ''}`} dataKey={curveKey(r)} name={runs[r]?.label ?? `run ${r}`}
          stroke={runs[r]?.colour} strokeWidth={r === selected ? 2.75 : 1.25} strokeOpacity={r === selected ? 1 : 0.7}
          strokeDasharray={runs[r]?.optimal ? '2 3' : undefined} dot={false} isAnimationActive={false} connectNulls />
      ))}
    </LineChart>
  );
});
