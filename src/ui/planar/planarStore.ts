// The 2-D playground's store: the configuration (mirrored in the URL while the 2-D problem is
// shown), what the 2-D worker reports, and the actions of the page. Only this module talks to the
// worker.
import { create } from 'zustand';
import type { ConfigIssue } from '../../config/schema';
import { expandPlanarRuns, monitoredDivergences, type PlanarConfig } from '../../config/planar';
import type { RunSpec } from '../../config/runs';
import { getPlanarPreset } from '../../config/planarPresets';
import { defaultPlanarConfig, isPlanarQuery, planarConfigFromQuery, planarConfigToQuery } from '../../config/planarUrl';
import type { BackendInfo } from '../../engine/protocol';
import type { FromPlanarWorker, PlanarLandscape, PlanarPoint, PlanarSnapshot, ToPlanarWorker } from '../../engine/planar/protocol';
import type { DivergenceId } from '../../math/criticBasis';
import { runColour } from '../colors';
import { emptyRate, observeProgress, type ProgressRate } from '../progressRate';
import { pauseAfterReport, type PauseState } from '../pauseState';
import { mirrorPageLink } from '../pageLink';
import { NOTICE_CAUSES, noticeActions, putNotice, type NoticeActions, type NoticeRecord } from '../notices';
import { whenLeft } from '../problem';

export interface PlanarRunInfo {
  label: string;
  critic: 'learned' | 'optimal';
  minimises: string | null;
  colour: string;
}

/** The monitor's values at one snapshot, per run. */
export interface PlanarMonitorRow {
  step: number;
  frechet: number[];
  divergences: Record<string, number>[];
}

export interface PlanarState extends PauseState, NoticeActions {
  config: PlanarConfig;
  /** The preset the configuration starts from (links are written relative to it). */
  preset: string | null;
  /** One-line notices, one per cause: what a link could not use, what a change restarted, runs that stopped, errors. */
  notices: NoticeRecord[];
  status: 'idle' | 'starting' | 'ready' | 'error';
  error: string | null;
  backend: BackendInfo | null;
  runs: PlanarRunInfo[];
  skipped: string[];
  playing: boolean;
  step: number;
  finished: boolean;
  msPerStep: number;
  /** How fast training goes while playing, for the rate and the time left (progressRate.ts). */
  progress: ProgressRate;
  /** q's moments per run at every recorded step, in step order. */
  points: PlanarPoint[];
  snapshot: PlanarSnapshot | null;
  monitor: PlanarMonitorRow[];
  /** The divergences the monitor draws. */
  monitorIds: DivergenceId[];
  selectedRun: number;
  landscapeId: DivergenceId;
  landscape: PlanarLandscape | null;

  start: () => void;
  setConfig: (config: PlanarConfig, preset?: string | null, reason?: string) => void;
  applyPreset: (id: string) => void;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  step1: () => void;
  reset: () => void;
  selectRun: (run: number) => void;
  setLandscapeId: (id: DivergenceId) => void;
}

let worker: Worker | null = null;
/** The experiment the page shows: messages about an earlier one are ignored. */
let generation = 0;
const send = (m: ToPlanarWorker) => worker?.postMessage(m);
/** Play once the experiment is ready: playing stays playing across a restart, and Play pressed while it starts counts. */
let playOnReady = false;

function runInfo(runs: readonly RunSpec[]): PlanarRunInfo[] {
  const seeds = new Map<number, number>();
  return runs.map((r) => {
    const k = seeds.get(r.schemeIndex) ?? 0;
    seeds.set(r.schemeIndex, k + 1);
    return { label: r.label, critic: r.critic, minimises: r.minimises, colour: runColour(r.schemeIndex, k) };
  });
}

function initial(): { config: PlanarConfig; preset: string | null; issues: ConfigIssue[] } {
  if (typeof window === 'undefined' || !isPlanarQuery(window.location.href)) return { config: defaultPlanarConfig(), preset: null, issues: [] };
  return planarConfigFromQuery(window.location.href);
}

const boot = initial();
/** What a new experiment starts from, before the worker reports. */
const IDLE = {
  playing: false, pausing: false, pausedAt: null, step: 0, finished: false, msPerStep: 0, points: [], snapshot: null, monitor: [], landscape: null, selectedRun: 0,
};
const fresh = (config: PlanarConfig) => {
  const { runs, skipped } = expandPlanarRuns(config);
  return { runs: runInfo(runs), skipped, monitorIds: monitoredDivergences(runs), ...IDLE, progress: emptyRate() };
};

export const usePlanar = create<PlanarState>()((set, get) => {
  /** Progress that came while a pause was on its way: applied, all at once, where it stopped. */
  let held: FromPlanarWorker[] = [];
  const progressAt = (s: PlanarState, step: number, playing: boolean) => observeProgress(s.progress, step, playing, performance.now());
  const onMessage = (m: FromPlanarWorker) => {
    if (m.generation !== generation) return;
    if (get().pausing) {
      if (m.type === 'points' || m.type === 'snapshot' || (m.type === 'state' && m.playing)) { held.push(m); return; }
      // stopped (or failed): what was held goes first, then the report of where it stopped
      if (m.type === 'state' || m.type === 'error') for (const h of held.splice(0)) apply(h);
    }
    apply(m);
  };
  const apply = (m: FromPlanarWorker) => {
    switch (m.type) {
      case 'ready':
        set({ status: 'ready', backend: m.backend, skipped: m.skipped, error: null });
        if (playOnReady) { playOnReady = false; send({ type: 'play' }); }
        break;
      case 'points': set((s) => ({
        points: [...s.points, ...m.points.filter((p) => p.step > (s.points.at(-1)?.step ?? -1))], msPerStep: m.msPerStep, step: m.step, progress: progressAt(s, m.step, s.playing),
      })); break;
      case 'stopped': set((s) => ({ notices: m.stops.reduce((list, x) => putNotice(list, { cause: `stopped ${x.run}`, kind: 'warn', text: x.reason }), s.notices) })); break;
      case 'state': set((s) => ({ ...pauseAfterReport(s, m), playing: m.playing, step: m.step, finished: m.finished, progress: progressAt(s, m.step, m.playing) })); break;
      case 'snapshot': set((s) => ({
        snapshot: m.snapshot,
        monitor: s.monitor.at(-1)?.step === m.snapshot.step ? s.monitor : [...s.monitor, {
          step: m.snapshot.step, frechet: m.snapshot.runs.map((r) => r.frechet), divergences: m.snapshot.runs.map((r) => r.divergences),
        }],
      })); break;
      case 'landscape': set({ landscape: m.landscape }); break;
      case 'error': set({ error: m.message, playing: false, pausing: false, notices: putNotice(get().notices, { cause: NOTICE_CAUSES.error, kind: 'error', text: m.message }) }); break;
    }
  };
  const init = (config: PlanarConfig) => {
    playOnReady ||= get().playing && !get().pausing;
    generation += 1;
    held = [];
    set({ status: 'starting', ...fresh(config) });
    send({ type: 'init', config, backend: 'auto', generation });
  };
  return {
    config: boot.config,
    preset: boot.preset,
    notices: boot.issues.length > 0 ? [{ cause: NOTICE_CAUSES.link, kind: 'warn', text: `Some of the link's settings were not used; defaults stand in for them: ${boot.issues.map((i) => i.message).join('; ')}.` }] : [],
    status: 'idle',
    error: null,
    backend: null,
    ...fresh(boot.config),
    landscapeId: 'rkl',

    start: () => {
      if (worker) return;
      worker = new Worker(new URL('../../engine/planar/worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<FromPlanarWorker>) => onMessage(e.data);
      worker.onerror = (e) => onMessage({ type: 'error', generation, message: `The 2-D training worker failed: ${e.message || 'unknown error'}` });
      init(get().config);
    },
    setConfig: (config, preset = get().preset, reason) => {
      const { step } = get();
      const restarted = `Restarted the 2-D experiment (it was at step ${step}): ${reason ?? 'the configuration changed'}.`;
      const notices = step > 0 ? putNotice(get().notices, { cause: NOTICE_CAUSES.restart, kind: 'info', text: restarted }) : get().notices;
      set({ config, preset, notices });
      init(config);
    },
    applyPreset: (id) => {
      const preset = getPlanarPreset(id);
      if (preset) get().setConfig(structuredClone(preset.config), id, `the preset "${preset.name}" was chosen`);
    },
    play: () => {
      if (get().status === 'starting' || get().status === 'idle') playOnReady = true;
      else if (!get().finished) send({ type: 'play' });
    },
    pause: () => {
      playOnReady = false;
      if (!get().playing || get().pausing) return;
      // the button says so at once; progress stands still until the worker says where it stopped
      set({ pausing: true });
      send({ type: 'pause' });
    },
    togglePlay: () => (get().playing || playOnReady ? get().pause() : get().play()),
    step1: () => send({ type: 'step' }),
    reset: () => get().setConfig(get().config, get().preset, 'Reset was pressed'),
    selectRun: (run) => set({ selectedRun: run, landscape: null }),
    setLandscapeId: (id) => set({ landscapeId: id, landscape: null }),
    ...noticeActions(set),
  };
});

// leaving the 2-D problem for the 1-D one pauses its training
whenLeft(2, () => usePlanar.getState().pause());

/** Asks the worker for the isotropic landscape of the selected run at its current scale. */
export function requestLandscape(): void {
  const { selectedRun, landscapeId } = usePlanar.getState();
  send({ type: 'landscape', run: selectedRun, id: landscapeId });
}

/** The settings of the 2-D configuration's link. */
export function planarQuery(): string {
  const { config, preset } = usePlanar.getState();
  return planarConfigToQuery(config, preset);
}

/** Mirrors the 2-D configuration into the address bar's fragment while the 2-D problem is shown. */
export function syncPlanarUrl(isShown: () => boolean): () => void {
  return mirrorPageLink(usePlanar, (s) => s.config, planarQuery, isShown);
}
