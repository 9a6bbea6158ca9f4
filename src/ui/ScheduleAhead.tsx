// A shared schedule is visible before it fires: the training bar's timeline has a tick at every
// step where a scheduled change takes effect (hover: what changes; the next one is written under
// it), and the settings a schedule will change say so in the form ("0.002 → 0.01 at step 887").
import type { LiveChange, LiveKey } from '../config/schema';
import { changesByStep, settingAhead } from '../config/schedule';
import { schemeLabels } from '../config/runs';
import { usePlayground } from './store';
import './timeline.css';

/** Progress from step 0 to `total`, with a tick at each scheduled change that can still take effect. */
export function ScheduleTimeline({ step, total, changes, schemeNames }: { step: number; total: number; changes: readonly LiveChange[]; schemeNames: readonly string[] }) {
  // a change at the last step or later never takes effect: no tick for it
  const marks = changesByStep(changes, schemeNames).filter((m) => m.step < total);
  const next = marks.find((m) => m.step >= step);
  const at = (x: number) => `${Math.min(100, (100 * x) / Math.max(total, 1))}%`;
  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline-track" role="progressbar" aria-label="Generator steps done" aria-valuemin={0} aria-valuemax={total} aria-valuenow={Math.min(step, total)}>
        <div className="timeline-done" style={{ width: at(step) }} />
        {marks.map((m) => (
          <span key={m.step} className={m.step < step ? 'timeline-tick passed' : 'timeline-tick'} style={{ left: at(m.step) }} title={m.text} data-testid="schedule-tick" data-step={m.step} />
        ))}
      </div>
      {next && (
        <p className="timeline-next more-item" data-testid="schedule-next">
          scheduled: {next.text}{marks.length > marks.indexOf(next) + 1 ? ` (and ${marks.length - marks.indexOf(next) - 1} later)` : ''}
        </p>
      )}
    </div>
  );
}

/** The 1-D experiment's timeline. */
export function TrainingTimeline() {
  const step = usePlayground((s) => s.training.step);
  const config = usePlayground((s) => s.runConfig);
  return <ScheduleTimeline step={step} total={config.steps} changes={config.changes} schemeNames={schemeLabels(config.schemes)} />;
}

/** What the 1-D schedule will do to one setting from the current step on, for the form's hint. */
export function useSettingAhead(key: LiveKey, scheme: number | null): string | undefined {
  return usePlayground((s) => settingAhead(s.runConfig, s.training.step, key, scheme)) ?? undefined;
}
