// The 2-D training controls: play, pause, one step, reset; the step, the time a step takes and
// the time left; the backend in use (with one sentence when it fell back).
import { useShallow } from 'zustand/react/shallow';
import { formatDuration } from '../../engine/workload';
import { usePlanar } from './planarStore';

export function PlanarControls() {
  const s = usePlanar(useShallow((x) => ({
    status: x.status, playing: x.playing, finished: x.finished, step: x.step, msPerStep: x.msPerStep, backend: x.backend, total: x.config.steps,
  })));
  const { play, pause, step1, reset } = usePlanar.getState();
  const ready = s.status === 'ready';
  const left = s.msPerStep > 0 ? formatDuration(Math.max(0, s.total - s.step) * s.msPerStep) : null;
  return (
    <section className="training-bar" id="planar-training-controls" tabIndex={-1} aria-label="2-D training controls" data-testid="planar-controls">
      <div className="buttons">
        {s.playing ? (
          <button type="button" className="primary play-button" onClick={pause} data-testid="planar-pause" aria-keyshortcuts="Space" title="Pause (Space)">Pause <kbd>Space</kbd></button>
        ) : (
          <button type="button" className="primary play-button" onClick={play} disabled={!ready || s.finished} data-testid="planar-play" aria-keyshortcuts="Space" title="Play (Space)">Play <kbd>Space</kbd></button>
        )}
        <button type="button" onClick={step1} disabled={!ready || s.playing || s.finished} data-testid="planar-step" title="One generator step: the critic's updates, then the generator's">Step</button>
        <button type="button" onClick={reset} disabled={s.status === 'starting'} data-testid="planar-reset" title="Start the experiment again">Reset</button>
      </div>
      <div className="stats" aria-live="off">
        <span data-testid="planar-step-count">step <strong>{s.step}</strong> / {s.total}</span>
        {s.msPerStep > 0 && <span>{s.msPerStep.toFixed(s.msPerStep < 10 ? 1 : 0)} ms/step</span>}
        {left && !s.finished && <span>{left} left</span>}
        {s.finished && <span className="done">finished</span>}
        {s.status === 'starting' && <span className="muted">starting…</span>}
        {s.backend && <span className="muted" data-testid="planar-backend">{s.backend.name}</span>}
      </div>
      {s.backend?.fallbackReason && <p className="fallback">{s.backend.fallbackReason}</p>}
    </section>
  );
}
