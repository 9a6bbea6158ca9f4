// The 2-D training controls, as on the 1-D page: play, pause, one step, one critic or generator
// update (slow motion), reset, the speed; the step, the rate, the time a step
// takes and the time left (from ../TrainingProgress.tsx, as on the 1-D page); the backend in use
// (with one sentence when it fell back). The buttons are one Tab stop; on a phone the bar is one
// row and the rest opens under "More", as on the 1-D page.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRovingFocus } from '../useRovingFocus';
import { MoreToggle } from '../MoreToggle';
import { PlanarTimeline } from './PlanarSchedule';
import { PlayPauseButton, ProgressFigures } from '../TrainingProgress';
import { usePlanar } from './planarStore';
import { SPEEDS } from '../speeds';
import { BackendNote } from '../BackendNote';
import { Term } from '../Term';

export function PlanarControls() {
  const s = usePlanar(useShallow((x) => ({
    status: x.status, playing: x.playing, pausing: x.pausing, pausedAt: x.pausedAt, finished: x.finished, step: x.step, msPerStep: x.msPerStep,
    backend: x.backend, workers: x.workers, total: x.config.steps, progress: x.progress, phase: x.phase, K: x.config.criticSteps, speed: x.speed,
  })));
  const { play, pause, step1, criticUpdate, generatorUpdate, setSpeed, reset } = usePlanar.getState();
  const ready = s.status === 'ready';
  const idle = !ready || s.playing || s.finished;
  const roving = useRovingFocus<HTMLDivElement>();
  const [more, setMore] = useState(false);
  return (
    <section className={more ? 'training-bar more-open' : 'training-bar'} id="planar-training-controls" tabIndex={-1} aria-label="2-D training controls" data-testid="planar-controls">
      <div className="buttons">
        <div className="toolbar" role="toolbar" aria-label="Training (arrow keys move between the buttons)" {...roving}>
          <PlayPauseButton playing={s.playing} pausing={s.pausing} disabled={!ready || s.finished} onPlay={play} onPause={pause} testIdPrefix="planar-" />
          <button type="button" onClick={step1} disabled={idle} data-testid="planar-step" title="One generator step: the critic's updates, then the generator's">Step</button>
          <button type="button" className="more-item" onClick={criticUpdate} disabled={idle || s.phase >= s.K} data-testid="planar-critic-update" title="One critic update: the critics move, the generator stays">
            Critic update <span className="muted">{s.phase}/{s.K}</span>
          </button>
          <button type="button" className="more-item" onClick={generatorUpdate} disabled={idle} data-testid="planar-generator-update"
            title={s.phase < s.K ? `The critic's ${s.K - s.phase} remaining update(s) of this step, then the generator's` : 'The generator update: q moves, the critic stays'}>
            Generator update
          </button>
          <button type="button" className="more-item" onClick={reset} disabled={s.status === 'starting'} data-testid="planar-reset" title="Start the experiment again">Reset</button>
        </div>
        <label className="inline more-item">
          speed{' '}
          <select value={s.speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="planar-speed">
            {SPEEDS.map((x, i) => <option key={x.label} value={i}>{x.label}</option>)}
          </select>
        </label>
      </div>
      <div className="stats" aria-live="off">
        <span data-testid="planar-step-count">step <strong>{s.step}</strong> / {s.total}{s.phase > 0 ? ` (critic update ${s.phase} of ${s.K} done)` : ''}</span>
        {s.msPerStep > 0 && <span className="more-item">{s.msPerStep.toFixed(s.msPerStep < 10 ? 1 : 0)} ms/step</span>}
        <ProgressFigures progress={s.progress} playing={s.playing} finished={s.finished} stepsLeft={Math.max(0, s.total - s.step)} pausedAt={s.pausedAt}
          testIdPrefix="planar-" foldClass="more-item" />
        {s.finished && <span className="done">finished</span>}
        {s.status === 'starting' && <span className="muted">starting…</span>}
        {s.backend && <span className="muted more-item" data-testid="planar-backend"><Term id={s.backend.name} /></span>}
        {ready && s.workers > 1 && (
          <span className="more-item" data-testid="planar-worker-count" title="The runs are split over parallel workers, one per core; each trains its runs as one batch.">
            {s.workers} workers
          </span>
        )}
      </div>
      <MoreToggle open={more} onToggle={setMore} controls="planar-training-controls" />
      <PlanarTimeline />
      <BackendNote backend={s.backend} testId="planar-backend-fallback" />
    </section>
  );
}
