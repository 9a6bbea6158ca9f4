// Where a pause stands, on both pages: from the Pause click until the engine reports that it
// stopped ("Pausing…"), then the step it stopped at, for as long as training stands there.
// Pure: the stores apply it to each report of the engine.

export interface PauseState {
  /** Pause was clicked and the engine has not yet said where it stopped. */
  pausing: boolean;
  /** The step a pause stopped at, while training stands there. */
  pausedAt: number | null;
}

/** The pause after the engine reports whether it is playing and at which step. */
export function pauseAfterReport(pause: PauseState, report: { playing: boolean; step: number }): PauseState {
  // the first report of not playing after the click names the step every worker stopped at
  if (pause.pausing) return report.playing ? pause : { pausing: false, pausedAt: report.step };
  return { pausing: false, pausedAt: !report.playing && pause.pausedAt === report.step ? pause.pausedAt : null };
}
