// Play, pause, a generator step, a critic update and a generator update apart (slow motion),
// reset and speed; the step counter, the time a step takes and the time left, the backend in
// use (with one sentence when it fell back), and a warning before a heavy configuration starts.
// The buttons are one Tab stop (arrow keys between them). On a phone the bar is one row (Play,
// Step, the step counter) and the rest opens under "More".
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRovingFocus } from './useRovingFocus';
import { MoreToggle } from './MoreToggle';
import { TrainingTimeline } from './ScheduleAhead';
import { usePlayground } from './store';
import { SPEEDS } from './speeds';
import { BackendNote } from './BackendNote';
import { Term } from './Term';
import { PlayPauseButton, ProgressFigures } from './TrainingProgress';
import { estimateStepMs, formatDuration, heavyWarning, memoryWarning } from '../engine/workload';

type BarState = ReturnType<typeof useBarState>;

/** Only what the bar shows: not the trajectories, snapshots or estimates of every engine batch. */
function useBarState() {
  return usePlayground(useShallow((s) => ({
    status: s.training.status, playing: s.training.playing, pausing: s.training.pausing, pausedAt: s.training.pausedAt, finished: s.training.finished,
    step: s.training.step, phase: s.training.phase, msPerStep: s.training.msPerStep, backend: s.training.backend, workers: s.training.workers,
  })));
}

export function TrainingBar() {
  const training = useBarState();
  const runConfig = usePlayground((s) => s.runConfig);
  const ready = training.status === 'ready';
  const backend = training.backend;
  const msPerStep = training.msPerStep > 0 ? training.msPerStep : backend ? estimateStepMs(runConfig, backend.name, training.workers) : 0;
  const left = Math.max(0, runConfig.steps - training.step);
  const warning = ready && !training.finished && msPerStep > 0 ? heavyWarning(runConfig, msPerStep, left) : null;
  const memory = ready && backend ? memoryWarning(runConfig, backend.name, training.workers) : null;
  const [more, setMore] = useState(false);
  return (
    <section className={more ? 'training-bar more-open' : 'training-bar'} id="training-controls" aria-label="Training controls" tabIndex={-1}>
      <TrainingButtons training={training} criticSteps={runConfig.criticSteps} />
      <TrainingStats training={training} total={runConfig.steps} criticSteps={runConfig.criticSteps} msPerStep={msPerStep} />
      <MoreToggle open={more} onToggle={setMore} controls="training-controls" />
      <TrainingTimeline />
      {memory && <p className="heavy-warning" role="status" data-testid="memory-warning">{memory}</p>}
      {warning && <p className="heavy-warning" role="status" data-testid="heavy-warning">{warning}</p>}
      <BackendNote backend={backend} testId="backend-fallback" />
    </section>
  );
}

function TrainingButtons({ training, criticSteps: K }: { training: BarState; criticSteps: number }) {
  const speed = usePlayground((s) => s.speed);
  const { play, pause, stepOnce, criticUpdate, generatorUpdate, reset, setSpeed } = usePlayground.getState();
  const ready = training.status === 'ready';
  const idle = !ready || training.playing || training.finished;
  const roving = useRovingFocus<HTMLDivElement>();
  return (
    <div className="buttons">
      <div className="toolbar" role="toolbar" aria-label="Training (arrow keys move between the buttons)" {...roving}>
        <PlayPauseButton playing={training.playing} pausing={training.pausing} disabled={!ready || training.finished} onPlay={play} onPause={pause} testIdPrefix="" />
        <button type="button" onClick={stepOnce} disabled={idle} data-testid="step" title="One generator step: the critic's updates, then the generator's">Step</button>
        <button type="button" className="more-item" onClick={criticUpdate} disabled={idle || training.phase >= K} data-testid="critic-update" title="One critic update: the critic d(x) moves, the generator stays">
          Critic update <span className="muted">{training.phase}/{K}</span>
        </button>
        <button type="button" className="more-item" onClick={generatorUpdate} disabled={idle} data-testid="generator-update"
          title={training.phase < K ? `The critic's ${K - training.phase} remaining update(s) of this step, then the generator's` : 'The generator update: (mu, sigma) move, the critic stays'}>
          Generator update
        </button>
        <button type="button" className="more-item" onClick={reset} data-testid="reset" title="Start the experiment again (the trajectories so far stay faded)">Reset</button>
      </div>
      <label className="inline more-item">
        speed{' '}
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="speed">
          {SPEEDS.map((s, i) => <option key={s.label} value={i}>{s.label}</option>)}
        </select>
      </label>
    </div>
  );
}

function TrainingStats({ training, total, criticSteps: K, msPerStep }: { training: BarState; total: number; criticSteps: number; msPerStep: number }) {
  const previous = usePlayground((s) => s.previous);
  const progress = usePlayground((s) => s.progress);
  const { clearPrevious } = usePlayground.getState();
  const backend = training.backend;
  return (
    <div className="stats" aria-live="off">
      <span>step <strong data-testid="step-counter">{training.step}</strong> / {total}{training.phase > 0 ? ` (critic update ${training.phase} of ${K} done)` : ''}</span>
      <ProgressFigures progress={progress} playing={training.playing} finished={training.finished} stepsLeft={Math.max(0, total - training.step)} pausedAt={training.pausedAt}
        testIdPrefix="" foldClass="more-item" />
      <span className="more-item" data-testid="time-per-step" title={training.msPerStep > 0 ? 'measured' : 'expected, before any step is measured'}>
        {msPerStep > 0 ? `${formatDuration(msPerStep)} a step${training.msPerStep > 0 ? '' : ' (expected)'}` : ''}
      </span>
      <span className="more-item" data-testid="backend-in-use">
        backend: {training.status === 'starting' ? 'starting…' : backend ? <><Term id={backend.name} />{backend.softwareRenderer ? <> (<Term id="software-webgl" />)</> : ''}</> : 'none'}
      </span>
      {training.status === 'ready' && training.workers > 1 && (
        <span className="more-item" data-testid="worker-count" title="The runs are split over parallel workers, one per core; each trains its runs as one batch.">
          {training.workers} workers
        </span>
      )}
      {training.finished && <span className="done">finished</span>}
      {previous && (
        <button type="button" className="small more-item" onClick={clearPrevious} data-testid="clear-previous" title={`The faded paths are the experiment replaced at step ${previous.step} (${previous.reason})`}>
          Hide the faded run
        </button>
      )}
    </div>
  );
}
