// Play, pause, single step, reset and speed; the step counter, generator steps per second and
// the backend in use (with one sentence when it fell back).
import { useShallow } from 'zustand/react/shallow';
import { SPEEDS, usePlayground } from './store';

export function TrainingBar() {
  // only what the bar shows: not the trajectories, snapshots or estimates of every engine batch
  const training = usePlayground(useShallow((s) => ({
    status: s.training.status, playing: s.training.playing, finished: s.training.finished, step: s.training.step,
    stepsPerSecond: s.training.stepsPerSecond, backend: s.training.backend, workers: s.training.workers,
  })));
  const total = usePlayground((s) => s.runConfig.steps);
  const speed = usePlayground((s) => s.speed);
  const { play, pause, stepOnce, reset, setSpeed } = usePlayground.getState();
  const ready = training.status === 'ready';
  const backend = training.backend;
  return (
    <section className="training-bar" aria-label="Training controls">
      <div className="buttons">
        {training.playing ? (
          <button type="button" className="primary" onClick={pause} data-testid="pause" aria-keyshortcuts="Space">Pause</button>
        ) : (
          <button type="button" className="primary" onClick={play} disabled={!ready || training.finished} data-testid="play" aria-keyshortcuts="Space">Play</button>
        )}
        <button type="button" onClick={stepOnce} disabled={!ready || training.playing || training.finished} data-testid="step">Step</button>
        <button type="button" onClick={reset} data-testid="reset">Reset</button>
        <label className="inline">
          speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="speed">
            {SPEEDS.map((s, i) => <option key={s.label} value={i}>{s.label}</option>)}
          </select>
        </label>
      </div>
      <div className="stats" aria-live="off">
        <span>step <strong data-testid="step-counter">{training.step}</strong> / {total}</span>
        <span><strong data-testid="steps-per-second">{training.playing ? Math.round(training.stepsPerSecond) : "–"}</strong> generator steps/s</span>
        <span data-testid="backend-in-use">
          backend: {training.status === 'starting' ? 'starting…' : backend ? `${backend.name}${backend.softwareRenderer ? ' (software WebGL)' : ''}` : 'none'}
        </span>
        {training.status === 'ready' && training.workers > 1 && (
          <span data-testid="worker-count" title="The runs are split over parallel workers, one per core; each trains its runs as one batch.">
            {training.workers} workers
          </span>
        )}
        {training.finished && <span className="done">finished</span>}
      </div>
      {backend?.fallbackReason && <p className="fallback" data-testid="backend-fallback">{backend.fallbackReason}</p>}
    </section>
  );
}
