// The page's one store: the configuration (mirrored in the URL), the notices about it, and the
// training state the engine reports. Components read it and call its actions; only this module
// talks to the engine, through its EngineConnection (engineConnection.ts).
import { create } from 'zustand';
import { configSchema, defaultConfig, normaliseTarget, type Config, type ConfigIssue, type LandscapeId } from '../config/schema';
import { configFromQuery, configToQuery } from '../config/url';
import { isPlanarQuery } from '../config/planarUrl';
import { useProblem, whenLeft } from './problem';
import { mirrorPageLink, pageLinkUrl } from './pageLink';
import { classifyChange, configAtStep } from '../config/schedule';
import { getPreset } from '../config/presets';
import { expandRuns, type RunSpec } from '../config/runs';
import type { EngineClientOptions } from '../engine/client';
import type { Snapshot, TrajectoryPoint } from '../engine/protocol';
import { EngineConnection } from './engineConnection';
import type { DivergenceId } from '../math/criticBasis';
import { applyEngineMessage, initialTrainingState, startTrajectories, type TrainingState } from './trainingState';
import { emptyRate, type ProgressRate } from './progressRate';
import type { Trajectory } from '../engine/trajectory';
import { NOTICE_CAUSES, noticeActions, putNotice, type NoticeActions, type NoticeRecord } from './notices';

import { FULL_SPEED, SPEEDS } from './speeds';

/** The trajectories of the experiment a restart replaced, drawn faded for comparison. */
export interface PreviousExperiment {
  trajectories: Trajectory[];
  runs: RunSpec[];
  seed: number;
  /** Why it was replaced, e.g. "the target changed". */
  reason: string;
  step: number;
}

export interface PlaygroundState extends NoticeActions {
  /** The settings in force at the current step: what the forms show and edit. */
  config: Config;
  /** The experiment the engine runs, with its schedule of live changes: what the URL holds
   * (runs, labels and colours come from it). */
  runConfig: Config;
  /** The experiment the last restart replaced (faded on the panels), if any. */
  previous: PreviousExperiment | null;
  runs: RunSpec[];
  /** Why some runs of the configuration were left out (no optimal critic for WGAN, ...). */
  skippedRuns: string[];
  /** What the URL asked for that could not be used. */
  urlIssues: ConfigIssue[];
  /** One-line notices about the configuration (a restart, target weights rescaled, a failed export), one per cause. */
  notices: NoticeRecord[];
  training: TrainingState;
  /** How fast training goes while playing, for the rate and the time left (progressRate.ts). */
  progress: ProgressRate;
  speed: number;
  /** The run the data-space and pushforward views show. */
  selectedRun: number;
  /** Divergences in the monitor and the s_f(d) plot. */
  monitorIds: DivergenceId[];

  setConfig: (next: Config, notice?: string | null) => void;
  updateConfig: (patch: (c: Config) => Config) => void;
  applyPreset: (id: string) => void;
  setStart: (mu0: number, sigma0: number) => void;
  dismissUrlIssues: () => void;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  stepOnce: () => void;
  /** Slow motion: the next critic update of the current generator step, then its generator update. */
  criticUpdate: () => void;
  generatorUpdate: () => void;
  reset: () => void;
  clearPrevious: () => void;
  setSpeed: (index: number) => void;
  selectRun: (run: number) => void;
  setMonitorIds: (ids: DivergenceId[]) => void;
}

function initialConfig(): { config: Config; issues: ConfigIssue[] } {
  if (typeof window === 'undefined' || isPlanarQuery(window.location.href)) return { config: defaultConfig(), issues: [] };
  return configFromQuery(window.location.href);
}

/** How the engine client is made (the test build trains in a worker of its own). */
let engineOptions: EngineClientOptions = {};
const RESET = 'reset';

/**
 * The store once `config` starts as a new experiment; `reason` (when work is replaced) keeps the
 * replaced one faded and says so; `notice` says what was adjusted (target weights).
 */
function restartedState(s: PlaygroundState, config: Config, reason: string | null, notice: string | null): Partial<PlaygroundState> {
  const trained = s.training.step > 0 || s.training.phase > 0;
  const expanded = expandRuns(config);
  const replaced = trained && reason !== null;
  let notices = notice ? putNotice(s.notices, { cause: NOTICE_CAUSES.targetWeights, kind: 'info', text: notice }) : s.notices;
  const restarted = `${reason === RESET ? 'Reset' : `Restarted (${reason})`} at step ${s.training.step}: the previous trajectories stay on the panels, faded.`;
  if (replaced) notices = putNotice(notices, { cause: NOTICE_CAUSES.restart, kind: 'info', text: restarted });
  return {
    config: configAtStep(config, 0), runConfig: config, runs: expanded.runs, skippedRuns: expanded.skipped, notices,
    previous: replaced ? { trajectories: s.training.trajectories, runs: s.runs, seed: s.runConfig.seed, reason: reason!, step: s.training.step } : s.previous,
    selectedRun: Math.min(s.selectedRun, Math.max(0, expanded.runs.length - 1)),
    training: {
      ...s.training, status: 'starting', playing: false, pausing: false, pausedAt: null, finished: false, step: 0, phase: 0, stepsPerSecond: 0, snapshot: null, estimates: [], stopped: [],
      runCount: expanded.runs.length, trajectories: startTrajectories(expanded.runs.length, config.mu0, config.sigma0),
      trajectoryVersion: s.training.trajectoryVersion + 1,
    },
    progress: emptyRate(SPEEDS[s.speed].stepsPerSecond),
  };
}

/** The store as the page opens: the link's configuration, nothing trained. */
function bootState() {
  const boot = initialConfig();
  const { runs, skipped } = expandRuns(boot.config);
  return {
    config: configAtStep(boot.config, 0),
    runConfig: boot.config,
    previous: null,
    runs,
    skippedRuns: skipped,
    urlIssues: boot.issues,
    notices: [],
    training: { ...initialTrainingState(), runCount: runs.length, trajectories: startTrajectories(runs.length, boot.config.mu0, boot.config.sigma0) },
    speed: FULL_SPEED,
    progress: emptyRate(SPEEDS[FULL_SPEED].stepsPerSecond),
    selectedRun: 0,
    monitorIds: ['js', 'srkl', 'rkl', 'igog'] as DivergenceId[],
  };
}

export const usePlayground = create<PlaygroundState>()((set, get) => {
  /** Starts `config` as a new experiment (the engine first: it reads whether training was playing). */
  const restart = (config: Config, reason: string | null, notice: string | null = null) => {
    connection.restart();
    set(restartedState(get(), config, reason, notice));
  };

  return {
    ...bootState(),
    setConfig: (next, notice = null) => {
      const normalised = normaliseTarget(next.target);
      const parsed = configSchema.safeParse({ ...next, target: normalised.target });
      // The forms only commit values they have validated; this guards the store all the same.
      if (!parsed.success) return;
      const s = get();
      const { kind, restartReason } = classifyChange(s.config, parsed.data);
      const note = notice ?? normalised.notice;
      if (kind === 'view') {
        set({ config: { ...s.config, panels: parsed.data.panels }, runConfig: { ...s.runConfig, panels: parsed.data.panels } });
      } else if (kind === 'live' && s.training.status === 'ready' && !connection.resetPending) {
        // the engine schedules it at its next generator step and answers with the schedule;
        // typing a number sends its last value only
        set({ config: { ...parsed.data, changes: s.runConfig.changes } });
        connection.sendLive();
      } else {
        // a new experiment starts from the settings in force; its schedule is kept only when nothing trained yet
        const untouched = s.training.step === 0 && s.training.phase === 0;
        restart({ ...parsed.data, changes: untouched ? s.runConfig.changes : [] }, restartReason ?? 'the settings changed', note);
        return;
      }
      if (note) get().notify(note, 'info', NOTICE_CAUSES.targetWeights);
    },
    updateConfig: (patch) => get().setConfig(patch(get().config)),
    applyPreset: (id) => {
      const preset = getPreset(id);
      if (preset) get().setConfig(structuredClone(preset.config));
    },
    setStart: (mu0, sigma0) => {
      const round = (v: number) => Math.round(v * 1000) / 1000;
      get().setConfig({ ...get().config, mu0: round(mu0), sigma0: round(sigma0) });
    },
    dismissUrlIssues: () => set({ urlIssues: [] }),
    ...noticeActions(set),
    play: () => connection.play(),
    pause: () => {
      // the button says so at once; progress stands still until the engine says where it stopped
      if (connection.pause()) set((s) => ({ training: { ...s.training, pausing: true } }));
    },
    togglePlay: () => (get().training.playing || connection.wantsPlay ? get().pause() : get().play()),
    stepOnce: () => connection.step(),
    criticUpdate: () => connection.update('critic-update'),
    generatorUpdate: () => connection.update('generator-update'),
    reset: () => restart(get().runConfig, RESET),
    clearPrevious: () => set({ previous: null }),
    setSpeed: (index) => {
      set({ speed: index, progress: emptyRate(SPEEDS[index].stepsPerSecond) });
      connection.send({ type: 'speed', stepsPerSecond: SPEEDS[index].stepsPerSecond });
    },
    selectRun: (run) => set({ selectedRun: run }),
    setMonitorIds: (ids) => set({ monitorIds: ids }),
  };
});

const connection: EngineConnection<PlaygroundState, Config, TrajectoryPoint, Snapshot> = new EngineConnection(usePlayground, {
  training: (s) => s.training,
  apply: (s, batch) => ({ ...s, training: batch.reduce((t, msg) => applyEngineMessage(t, msg, s.runConfig), s.training) }),
});

// leaving the 1-D problem for the 2-D one pauses its training
whenLeft(1, () => usePlayground.getState().pause());

/** The landscape panels to draw: what the schemes minimise first, then the chosen panels. */
export function panelIds(config: Config, runs: RunSpec[]): LandscapeId[] {
  const out: LandscapeId[] = [];
  for (const r of runs) if (r.minimises && !out.includes(r.minimises)) out.push(r.minimises);
  for (const id of config.panels) if (!out.includes(id)) out.push(id);
  return out;
}

/** The runs' trajectories, re-rendering the caller whenever one grows (they grow in place). */
export function useTrajectories(): Trajectory[] {
  usePlayground((s) => s.training.trajectoryVersion);
  return usePlayground((s) => s.training.trajectories);
}

/** Sets how the engine client makes its training workers; takes effect at connectEngine. */
export function configureEngine(options: EngineClientOptions): void {
  engineOptions = options;
}

/** Starts the engine worker (once) on the current configuration. */
export function connectEngine(): void {
  connection.connect(engineOptions, SPEEDS[usePlayground.getState().speed].stepsPerSecond);
}

/** Mirrors the configuration into the address bar's fragment (no history entry per keystroke). */
export function syncUrl(): () => void {
  return mirrorPageLink(usePlayground, (s) => s.runConfig, (s) => configToQuery(s.runConfig), () => useProblem.getState().dim === 1);
}

/** The link to share: the page's address with the configuration and the panels' window in its fragment. */
export function shareLink(config: Config, view: string | null = null): string {
  return pageLinkUrl([configToQuery(config), view === null ? '' : `view=${view}`].filter((p) => p !== '').join('&'));
}
