// What both pages' training bars show of progress: the Play / Pause button, which says
// "Pausing…" from the click until the engine says where it stopped; the rate and the time left
// from the one estimator (progressRate.ts); and the step a pause stopped at.
import { formatRate, formatTimeLeft, UNKNOWN, type ProgressRate } from './progressRate';

interface PlayPauseProps {
  playing: boolean;
  pausing: boolean;
  /** Play is not possible (not ready, or finished). */
  disabled: boolean;
  onPlay: () => void;
  onPause: () => void;
  /** Prefix of the buttons' test ids ('' on the 1-D page, 'planar-' on the 2-D page). */
  testIdPrefix: string;
}

export function PlayPauseButton({ playing, pausing, disabled, onPlay, onPause, testIdPrefix: p }: PlayPauseProps) {
  if (pausing) {
    return (
      <button type="button" className="primary play-button" aria-disabled="true" data-testid={`${p}pausing`} title="Pausing: training stops at the end of the work in hand">
        Pausing…
      </button>
    );
  }
  return playing ? (
    <button type="button" className="primary play-button" onClick={onPause} data-testid={`${p}pause`} aria-keyshortcuts="Space" title="Pause (Space)">
      Pause <kbd>Space</kbd>
    </button>
  ) : (
    <button type="button" className="primary play-button" onClick={onPlay} disabled={disabled} data-testid={`${p}play`} aria-keyshortcuts="Space" title="Play (Space)">
      Play <kbd>Space</kbd>
    </button>
  );
}

interface ProgressFiguresProps {
  progress: ProgressRate;
  playing: boolean;
  finished: boolean;
  stepsLeft: number;
  /** The step a pause stopped at, while training stands there. */
  pausedAt: number | null;
  testIdPrefix: string;
  /** Class of the figures a phone folds away under "More". */
  foldClass: string;
}

/** The rate (while playing), the time left at the measured rate, and where a pause stopped. */
export function ProgressFigures({ progress, playing, finished, stepsLeft, pausedAt, testIdPrefix: p, foldClass }: ProgressFiguresProps) {
  return (
    <>
      {pausedAt !== null && <span data-testid={`${p}paused-at`}>paused at step {pausedAt}</span>}
      <span className={foldClass} title="Measured over the last seconds of playing">
        <strong data-testid={`${p}steps-per-second`}>{playing ? formatRate(progress) : UNKNOWN}</strong> generator steps/s
      </span>
      {!finished && (
        <span className={foldClass} data-testid={`${p}time-left`} title="At the rate measured while playing (pauses and steps taken by hand do not count)">
          {formatTimeLeft(progress, stepsLeft)} left
        </span>
      )}
    </>
  );
}
