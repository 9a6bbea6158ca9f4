// The 2-D page's training curves: the shared chart (TrainingCurves.tsx) over the readings of the
// recorded points, from a paced selection of the 2-D store.
import { useMemo } from 'react';
import type { PlanarPoint } from '../../engine/planar/protocol';
import { READING_KEYS, type ReadingKey } from '../../engine/trajectory';
import type { CurveRun } from '../curvesData';
import { TrainingCurvesChart } from '../TrainingCurves';
import { useOnScreen, usePacedSelection } from '../paced';
import { usePlanar, type PlanarRunInfo } from './planarStore';
import { PlanarFigureDownloads } from './PlanarExports';

export function PlanarCurves() {
  const [ref, visible] = useOnScreen<HTMLElement>('200px');
  const [points, runs, selected, version] = usePacedSelection(usePlanar, (s) => [s.points, s.runs, s.selectedRun, s.pointsVersion] as const, { visible, minIntervalMs: 400 });
  const curveRuns = useMemo(() => pointCurves(points, runs), [points, runs, version]);
  return <TrainingCurvesChart runs={curveRuns} selected={selected} testId="planar-curves" figureRef={ref}
    actions={<PlanarFigureDownloads view="curves" name="Training curves" />} />;
}

function pointCurves(points: readonly PlanarPoint[], runs: readonly PlanarRunInfo[]): CurveRun[] {
  const steps = points.map((p) => p.step);
  return runs.map((run, r) => {
    const series = (key: ReadingKey) => points.map((p) => p.readings?.[key][r] ?? NaN);
    const readings = Object.fromEntries(READING_KEYS.map((key) => [key, series(key)])) as Record<ReadingKey, number[]>;
    return { label: run.label, colour: run.colour, optimal: run.critic === 'optimal', steps, readings };
  });
}
