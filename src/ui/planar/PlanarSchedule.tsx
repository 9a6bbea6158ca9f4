// The 2-D experiment's schedule: its timeline in the training bar, and the learning rates a
// schedule will change from the current step on, under the scheme editor.
import { schemeLabels } from '../../config/runs';
import { schedulesAhead } from '../../config/schedule';
import { ScheduleTimeline } from '../ScheduleAhead';
import { usePlanar } from './planarStore';

/** The 2-D experiment's timeline. */
export function PlanarTimeline() {
  const step = usePlanar((s) => s.step);
  const config = usePlanar((s) => s.config);
  return <ScheduleTimeline step={step} total={config.steps} changes={config.changes} schemeNames={schemeLabels(config.schemes)} />;
}

/** The 2-D learning rates a schedule will change from the current step on, under the scheme editor. */
export function PlanarScheduleAhead() {
  const step = usePlanar((s) => s.step);
  const config = usePlanar((s) => s.config);
  const lines = schedulesAhead(config, step, schemeLabels(config.schemes));
  if (lines.length === 0) return null;
  return (
    <ul className="field-hint schedule-ahead" data-testid="planar-schedule-ahead" aria-label="Scheduled changes">
      {lines.map((line) => <li key={line}>{line}</li>)}
    </ul>
  );
}
