// The training part of the page state and how each engine message changes it: the zustand store
// applies these functions, the unit tests check them. They return new state, except that
// trajectories grow in place (they can be long); trajectoryVersion says when they grew.
import type { BackendInfo, FromWorker, RunStopped, Snapshot } from '../engine/protocol';
import { appendPoints, Trajectory } from '../engine/trajectory';
import { pauseAfterReport, type PauseState } from './pauseState';
import { RECORDING_RULE } from '../engine/recordStride';
import { csvText, READINGS, READINGS_CSV_NOTES, readingCell, readingValue } from './readings';

export interface EstimatePoint {
  step: number;
  byRun: Record<string, number>[];
}

export interface TrainingState extends PauseState {
  status: 'starting' | 'ready' | 'error';
  backend: BackendInfo | null;
  runCount: number;
  /** Workers training the runs in parallel. */
  workers: number;
  playing: boolean;
  finished: boolean;
  step: number;
  /** Critic updates done in the current generator step (slow motion; 0 between steps). */
  phase: number;
  stepsPerSecond: number;
  /** Measured time of one generator step (0 until measured). */
  msPerStep: number;
  trajectories: Trajectory[];
  /** Bumped whenever a trajectory grows (they are appended in place). */
  trajectoryVersion: number;
  snapshot: Snapshot | null;
  /** The critic's estimates E_f(p, q_t, d) at each snapshot: estimates[k].byRun[run][id]. */
  estimates: EstimatePoint[];
  stopped: RunStopped[];
  engineNotices: string[];
  error: string | null;
  /** True when the error is the backend running out of memory. */
  outOfMemory: boolean;
}

export function initialTrainingState(): TrainingState {
  return {
    status: 'starting', backend: null, runCount: 0, workers: 1, playing: false, pausing: false, pausedAt: null, finished: false, step: 0, phase: 0, stepsPerSecond: 0, msPerStep: 0,
    trajectories: [], trajectoryVersion: 0, snapshot: null, estimates: [], stopped: [], engineNotices: [], error: null, outOfMemory: false,
  };
}

/** Trajectories for runCount runs, each starting at (mu0, sigma0) at step 0. */
export function startTrajectories(runCount: number, mu0: number, sigma0: number): Trajectory[] {
  return Array.from({ length: runCount }, () => Trajectory.start(mu0, sigma0));
}

/** The state after an engine message. Trajectory arrays are appended in place (they can be long). */
export function applyEngineMessage(state: TrainingState, msg: FromWorker, start: { mu0: number; sigma0: number }): TrainingState {
  switch (msg.type) {
    case 'ready':
      return {
        ...state, status: 'ready', backend: msg.backend, runCount: msg.runCount, workers: msg.workers ?? 1, playing: false, pausing: false, pausedAt: null, finished: false, step: 0, phase: 0,
        stepsPerSecond: 0, msPerStep: 0, outOfMemory: false, trajectories: startTrajectories(msg.runCount, start.mu0, start.sigma0),
        trajectoryVersion: state.trajectoryVersion + 1, snapshot: null, estimates: [], stopped: [], error: null,
      };
    case 'trajectory': {
      const trajectories = state.trajectories.length > 0 ? state.trajectories : startTrajectories(msg.points[0]?.mu.length ?? 0, start.mu0, start.sigma0);
      const last = appendPoints(trajectories, msg.points, state.step);
      return { ...state, trajectories, step: last, stepsPerSecond: msg.stepsPerSecond || state.stepsPerSecond, msPerStep: msg.msPerStep || state.msPerStep, trajectoryVersion: state.trajectoryVersion + 1 };
    }
    case 'snapshot': {
      const point: EstimatePoint = { step: msg.snapshot.step, byRun: msg.snapshot.runs.map((r) => r.estimates) };
      const last = state.estimates[state.estimates.length - 1];
      const estimates = last && last.step === point.step ? [...state.estimates.slice(0, -1), point]
        : last && last.step > point.step ? [point] : [...state.estimates, point];
      return { ...state, snapshot: msg.snapshot, estimates };
    }
    case 'run-stopped':
      if (state.stopped.some((s) => s.run === msg.stopped.run)) return state;
      return { ...state, stopped: [...state.stopped, msg.stopped] };
    case 'state':
      return {
        ...state, ...pauseAfterReport(state, msg), playing: msg.playing, step: Math.max(msg.step, 0), phase: msg.phase ?? 0, finished: msg.finished,
        stepsPerSecond: msg.playing ? state.stepsPerSecond : 0,
      };
    case 'backend':
      return { ...state, backend: msg.backend };
    case 'notice':
      return state.engineNotices.includes(msg.message) ? state : { ...state, engineNotices: [...state.engineNotices, msg.message] };
    case 'error':
      return { ...state, status: 'error', playing: false, pausing: false, error: msg.message, outOfMemory: msg.outOfMemory === true };
    case 'live-applied':
      return state;
  }
}

/** Trajectories as CSV: comment lines (the configuration's link, which steps, what the readings
 * are), a header, then one row per run and step with the step's readings. */
export function trajectoriesToCsv(trajectories: Trajectory[], labels: string[], link: string): string {
  const rows = [`# link: ${link}`, ...READINGS_CSV_NOTES, ['run,label,step,mu,sigma', ...READINGS.map((r) => r.column)].join(',')];
  trajectories.forEach((t, run) => {
    const label = csvText(labels[run] ?? `run ${run}`);
    const columns = READINGS.map((r) => t.reading(r.key));
    for (let i = 0; i < t.steps.length; i++) rows.push([`${run},${label},${t.steps[i]},${t.mu[i]},${t.sigma[i]}`, ...columns.map((c) => readingCell(c[i]))].join(','));
  });
  return rows.join('\n') + '\n';
}

/** Trajectories as JSON, with the settings of the configuration that produced them and its link,
 * which steps they hold, and each step's readings (null where there is none). */
export function trajectoriesToJson(trajectories: Trajectory[], labels: string[], query: string, link: string): string {
  return JSON.stringify({
    config: query,
    link,
    recording: RECORDING_RULE,
    readings: Object.fromEntries(READINGS.map((r) => [r.key, r.meaning])),
    runs: trajectories.map((t, run) => ({
      run, label: labels[run] ?? `run ${run}`, steps: Array.from(t.steps), mu: Array.from(t.mu), sigma: Array.from(t.sigma),
      ...Object.fromEntries(READINGS.map((r) => [r.key, Array.from(t.reading(r.key), readingValue)])),
    })),
  });
}
