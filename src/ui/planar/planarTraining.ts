// The 2-D page's training state and how each engine message changes it. Pure: the store applies
// batches of messages through its EngineConnection. Points are appended in place (a run can
// record tens of thousands), with a version that tells the views they grew.
import type { BackendInfo, FromWorker } from '../../engine/protocol';
import type { PlanarPoint, PlanarSnapshot } from '../../engine/planar/protocol';
import { pauseAfterReport, type PauseState } from '../pauseState';
import { NOTICE_CAUSES, putNotice, type NoticeRecord } from '../notices';
import type { PlanarConfig } from '../../config/planar';

/** The monitor's values at one snapshot, per run. */
export interface PlanarMonitorRow {
  step: number;
  frechet: number[];
  divergences: Record<string, number>[];
}

export interface PlanarTraining extends PauseState {
  status: 'idle' | 'starting' | 'ready' | 'error';
  error: string | null;
  backend: BackendInfo | null;
  /** Workers training the runs in parallel. */
  workers: number;
  playing: boolean;
  step: number;
  /** Critic updates done in the current generator step (slow motion; 0 between steps). */
  phase: number;
  finished: boolean;
  msPerStep: number;
  /** q's moments per run at every recorded step, in step order (appended in place). */
  points: PlanarPoint[];
  /** Grows with every append to `points`. */
  pointsVersion: number;
  snapshot: PlanarSnapshot | null;
  monitor: PlanarMonitorRow[];
  notices: NoticeRecord[];
  /** Runs the experiment leaves out, said on the page (the engine's notices repeat them). */
  skipped: string[];
}

export type PlanarMessage = FromWorker<PlanarPoint, PlanarSnapshot, PlanarConfig>;

/** Training state before the engine reports on a new experiment. */
export function startingTraining(pointsVersion: number): Omit<PlanarTraining, 'notices' | 'backend' | 'workers' | 'error' | 'skipped'> {
  return { status: 'starting', playing: false, pausing: false, pausedAt: null, step: 0, phase: 0, finished: false, msPerStep: 0, points: [], pointsVersion: pointsVersion + 1, snapshot: null, monitor: [] };
}

/** The state after one engine message. */
export function applyPlanarMessage<S extends PlanarTraining>(s: S, m: PlanarMessage): S {
  switch (m.type) {
    case 'ready': {
      // the training bar says why the backend fell back (BackendNote): no notice repeats it
      const notices = s.notices.filter((n) => n.text !== m.backend.fallbackReason);
      return { ...s, notices, status: 'ready', backend: m.backend, workers: m.workers ?? 1, error: null, playing: false, pausing: false, pausedAt: null, step: 0, phase: 0, finished: false, points: [], pointsVersion: s.pointsVersion + 1, monitor: [], snapshot: null };
    }
    case 'trajectory': {
      const last = s.points.at(-1)?.step ?? -1;
      for (const p of m.points) if (p.step > last) s.points.push(p);
      const step = Math.max(s.step, m.points.at(-1)?.step ?? 0);
      return { ...s, pointsVersion: s.pointsVersion + 1, msPerStep: m.msPerStep || s.msPerStep, step };
    }
    case 'run-stopped':
      return { ...s, notices: putNotice(s.notices, { cause: `stopped ${m.stopped.run}`, kind: 'warn', text: m.stopped.reason }) };
    case 'state':
      return { ...s, ...pauseAfterReport(s, m), playing: m.playing, step: m.step, phase: m.phase ?? 0, finished: m.finished };
    case 'snapshot': {
      const row = { step: m.snapshot.step, frechet: m.snapshot.runs.map((r) => r.frechet), divergences: m.snapshot.runs.map((r) => r.divergences) };
      return { ...s, snapshot: m.snapshot, monitor: s.monitor.at(-1)?.step === row.step ? s.monitor : [...s.monitor, row] };
    }
    case 'backend':
      return { ...s, backend: m.backend };
    case 'notice':
      if (s.skipped.includes(m.message) || m.message === s.backend?.fallbackReason) return s;
      return { ...s, notices: putNotice(s.notices, { cause: m.message, kind: 'info', text: m.message }) };
    case 'error':
      return { ...s, error: m.message, playing: false, pausing: false, notices: putNotice(s.notices, { cause: NOTICE_CAUSES.error, kind: 'error', text: m.message }) };
    case 'live-applied':
      return s;
  }
}
