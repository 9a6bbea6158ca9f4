// The page's one store: the configuration (mirrored in the URL), the notices about it, and the
// training state the engine reports. Components read it and call its actions; only this module
// talks to the engine, and only through EngineClient.
import { create } from 'zustand';
import { configSchema, defaultConfig, normaliseTarget, type Config, type ConfigIssue, type LandscapeId } from '../config/schema';
import { configFromQuery, configToQuery } from '../config/url';
import { isPlanarQuery } from '../config/planarUrl';
import { useProblem, whenLeft } from './problem';
import { mirrorPageLink, pageLinkUrl } from './pageLink';
import { classifyChange, configAtStep } from '../config/schedule';
import { getPreset } from '../config/presets';
import { expandRuns, type RunSpec } from '../config/runs';
import type { FromWorker } from '../engine/protocol';
import { EngineClient, type EngineClientOptions } from '../engine/client';
import type { DivergenceId } from '../math/criticBasis';
import { applyEngineMessage, fromReplacedExperiment, initialTrainingState, startTrajectories, type TrainingState } from './trainingState';
import { emptyRate, observeProgress, type ProgressRate } from './progressRate';
import type { Trajectory } from '../engine/trajectory';
import { NOTICE_CAUSES, noticeActions, putNotice, type NoticeActions, type NoticeRecord } from './notices';

/** Generator steps per second while playing; 0 is full speed. Slow speeds record every step. */
export const SPEEDS = [
  { label: '1 step/s', stepsPerSecond: 1 },
  { label: '2 steps/s', stepsPerSecond: 2 },
  { label: '5 steps/s', stepsPerSecond: 5 },
  { label: '10 steps/s', stepsPerSecond: 10 },
  { label: 'full speed', stepsPerSecond: 0 },
] as const;
const FULL_SPEED = SPEEDS.length - 1;

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

let engine: EngineClient | null = null;
/** How the engine client is made (the test build trains in a worker of its own). */
let engineOptions: EngineClientOptions = {};
let resetTimer: ReturnType<typeof setTimeout> | null = null;
/**
 * Playing that the engine has not confirmed yet: 'waiting' plays once the restarted experiment is
 * ready (playing stays playing across a restart); 'sent' is a play on its way, which a restart
 * carries on as a wish to play and a pause answers with a pause.
 */
let playWish: 'none' | 'waiting' | 'sent' = 'none';
/** A live edit waits this long for the next keystroke before it goes to the engine. */
const LIVE_DEBOUNCE_MS = 250;
let liveTimer: ReturnType<typeof setTimeout> | null = null;
const RESET = 'reset';

const boot = initialConfig();
const bootRuns = expandRuns(boot.config);

export const usePlayground = create<PlaygroundState>()((set, get) => {
  /** Sends the restart to the engine (debounced: typing sends one reset). */
  const scheduleReset = () => {
    if (resetTimer) clearTimeout(resetTimer);
    resetTimer = setTimeout(() => {
      resetTimer = null;
      engine?.send({ type: 'reset', config: get().runConfig });
    }, 120);
  };
  const flushReset = () => {
    if (!resetTimer) return;
    clearTimeout(resetTimer);
    resetTimer = null;
    engine?.send({ type: 'reset', config: get().runConfig });
  };

  /** Starts `config` as a new experiment; `reason` (when work is replaced) keeps it faded and says so. */
  const restart = (config: Config, reason: string | null, notice: string | null = null) => {
    if (liveTimer) { clearTimeout(liveTimer); liveTimer = null; }
    const s = get();
    const trained = s.training.step > 0 || s.training.phase > 0;
    const fresh = config;
    const expanded = expandRuns(fresh);
    const replaced = trained && reason !== null;
    if (s.training.playing || playWish === 'sent') engine?.send({ type: 'pause' });
    if (s.training.playing || playWish !== 'none') playWish = 'waiting';
    let notices = notice ? putNotice(s.notices, { cause: NOTICE_CAUSES.targetWeights, kind: 'info', text: notice }) : s.notices;
    const restarted = `${reason === RESET ? 'Reset' : `Restarted (${reason})`} at step ${s.training.step}: the previous trajectories stay on the panels, faded.`;
    if (replaced) notices = putNotice(notices, { cause: NOTICE_CAUSES.restart, kind: 'info', text: restarted });
    set({
      config: configAtStep(fresh, 0), runConfig: fresh, runs: expanded.runs, skippedRuns: expanded.skipped, notices,
      previous: replaced ? { trajectories: s.training.trajectories, runs: s.runs, seed: s.runConfig.seed, reason: reason!, step: s.training.step } : s.previous,
      selectedRun: Math.min(s.selectedRun, Math.max(0, expanded.runs.length - 1)),
      training: {
        ...s.training, status: 'starting', playing: false, pausing: false, pausedAt: null, finished: false, step: 0, phase: 0, stepsPerSecond: 0, snapshot: null, estimates: [], stopped: [],
        runCount: expanded.runs.length, trajectories: startTrajectories(expanded.runs.length, fresh.mu0, fresh.sigma0),
        trajectoryVersion: s.training.trajectoryVersion + 1,
      },
      progress: emptyRate(SPEEDS[s.speed].stepsPerSecond),
    });
    scheduleReset();
  };

  return {
    config: configAtStep(boot.config, 0),
    runConfig: boot.config,
    previous: null,
    runs: bootRuns.runs,
    skippedRuns: bootRuns.skipped,
    urlIssues: boot.issues,
    notices: [],
    training: { ...initialTrainingState(), runCount: bootRuns.runs.length, trajectories: startTrajectories(bootRuns.runs.length, boot.config.mu0, boot.config.sigma0) },
    speed: FULL_SPEED,
    progress: emptyRate(SPEEDS[FULL_SPEED].stepsPerSecond),
    selectedRun: 0,
    monitorIds: ['js', 'srkl', 'rkl', 'igog'],

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
      } else if (kind === 'live' && s.training.status === 'ready' && !resetTimer) {
        // the engine schedules it at its next generator step and answers with the schedule;
        // typing a number sends its last value only
        set({ config: { ...parsed.data, changes: s.runConfig.changes } });
        if (liveTimer) clearTimeout(liveTimer);
        liveTimer = setTimeout(() => { liveTimer = null; engine?.send({ type: 'live', config: get().config }); }, LIVE_DEBOUNCE_MS);
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
    play: () => {
      flushReset();
      if (get().training.status !== 'ready') { playWish = 'waiting'; return; }
      playWish = 'sent';
      engine?.send({ type: 'play' });
    },
    pause: () => {
      const inFlight = playWish === 'sent';
      playWish = 'none';
      const { training } = get();
      if (inFlight && !training.playing) { engine?.send({ type: 'pause' }); return; }
      if (!training.playing || training.pausing) return;
      // the button says so at once; progress stands still until the engine says where it stopped
      set({ training: { ...training, pausing: true } });
      engine?.send({ type: 'pause' });
    },
    togglePlay: () => (get().training.playing || playWish !== 'none' ? get().pause() : get().play()),
    stepOnce: () => {
      flushReset();
      engine?.send({ type: 'step', generatorSteps: 1 });
      engine?.send({ type: 'snapshot', mark: true });
    },
    criticUpdate: () => { flushReset(); engine?.send({ type: 'critic-update' }); },
    generatorUpdate: () => { flushReset(); engine?.send({ type: 'generator-update' }); },
    reset: () => restart(get().runConfig, RESET),
    clearPrevious: () => set({ previous: null }),
    setSpeed: (index) => {
      set({ speed: index, progress: emptyRate(SPEEDS[index].stepsPerSecond) });
      engine?.send({ type: 'speed', stepsPerSecond: SPEEDS[index].stepsPerSecond });
    },
    selectRun: (run) => set({ selectedRun: run }),
    setMonitorIds: (ids) => set({ monitorIds: ids }),
  };
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

// Engine messages are applied in batches, at most every FLUSH_MS, so that a fast engine costs
// the page one render per batch rather than one per message. Points come every 10 generator steps,
// about 6 a second for Figure 5, so 8 batches a second show each one; every render taken from the
// main thread is taken from the training workers on a 2-core machine.
const FLUSH_MS = 125;
let queue: FromWorker[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;

/** Messages that end a pause on its way: training stopped (at one step), failed, or started anew. */
const endsPause = (m: FromWorker) => (m.type === 'state' && !m.playing) || m.type === 'error' || m.type === 'ready';

function flushEngineMessages() {
  flushTimer = null;
  const { runConfig, training: now } = usePlayground.getState();
  // while a pause is on its way the counter and the paths stand still: what comes meanwhile is
  // applied, all at once, with the step where training stopped
  if (now.pausing && !queue.some(endsPause)) return;
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  usePlayground.setState((s) => {
    const training = batch.reduce((t, msg) => applyEngineMessage(t, msg, runConfig), s.training);
    const progress = observeProgress(s.progress, training.step, training.playing, performance.now());
    // a scheduled change passed: the forms show the settings now in force
    const passed = s.runConfig.changes.some((c) => c.step > s.training.step && c.step <= training.step);
    return passed ? { training, progress, config: configAtStep(s.runConfig, training.step) } : { training, progress };
  });
}

function handleEngineMessage(msg: FromWorker) {
  if (fromReplacedExperiment(msg, usePlayground.getState().training.status, resetTimer !== null)) return;
  if (msg.type === 'live-applied') {
    // an edit still waiting to be sent stays in the forms
    usePlayground.setState((s) => (liveTimer ? { runConfig: msg.config } : { runConfig: msg.config, config: configAtStep(msg.config, Math.max(msg.step, s.training.step)) }));
    return;
  }
  if (msg.type === 'ready' && playWish === 'waiting') {
    playWish = 'sent';
    engine?.send({ type: 'play' });
  } else if ((msg.type === 'state' || msg.type === 'error') && playWish === 'sent') {
    playWish = 'none';
  }
  queue.push(msg);
  // state changes (ready, play/pause, errors) show at once; data waits for the batch
  if (msg.type === 'ready' || msg.type === 'state' || msg.type === 'error') {
    if (flushTimer) clearTimeout(flushTimer);
    flushEngineMessages();
  } else if (!flushTimer) {
    flushTimer = setTimeout(flushEngineMessages, FLUSH_MS);
  }
}

/** The runs' trajectories, re-rendering the caller whenever one grows (they grow in place). */
export function useTrajectories(): Trajectory[] {
  usePlayground((s) => s.training.trajectoryVersion);
  return usePlayground((s) => s.training.trajectories);
}

/** How often the page asks the engine for a snapshot (critic, samples, estimates) while training. */
const SNAPSHOT_MS = 1000;
let snapshotTimer: ReturnType<typeof setInterval> | null = null;

/** Sets how the engine client makes its training workers; takes effect at connectEngine. */
export function configureEngine(options: EngineClientOptions): void {
  engineOptions = options;
}

/** Starts the engine worker (once) on the current configuration. */
export function connectEngine(): void {
  if (engine) return;
  engine = new EngineClient(engineOptions);
  engine.onMessage(handleEngineMessage);
  const { runConfig, speed } = usePlayground.getState();
  engine.send({ type: 'speed', stepsPerSecond: SPEEDS[speed].stepsPerSecond });
  engine.send({ type: 'init', config: runConfig });
  // snapshots: every SNAPSHOT_MS while playing, and once whenever training stops or a run is ready
  let wasPlaying = false;
  let lastStatus = usePlayground.getState().training.status;
  usePlayground.subscribe((s) => {
    const { playing, status } = s.training;
    if (playing && !snapshotTimer) {
      snapshotTimer = setInterval(() => engine?.send({ type: 'snapshot' }), SNAPSHOT_MS);
    } else if (!playing && snapshotTimer) {
      clearInterval(snapshotTimer);
      snapshotTimer = null;
    }
    // where training stops, the step is recorded too, so that every view shows the same step
    if ((wasPlaying && !playing) || (status === 'ready' && lastStatus !== 'ready')) engine?.send({ type: 'snapshot', mark: wasPlaying && !playing });
    wasPlaying = playing;
    lastStatus = status;
  });
}

/** Mirrors the configuration into the address bar's fragment (no history entry per keystroke). */
export function syncUrl(): () => void {
  return mirrorPageLink(usePlayground, (s) => s.runConfig, (s) => configToQuery(s.runConfig), () => useProblem.getState().dim === 1);
}

/** The link to share: the page's address with the configuration and the panels' window in its fragment. */
export function shareLink(config: Config, view: string | null = null): string {
  return pageLinkUrl([configToQuery(config), view === null ? '' : `view=${view}`].filter((p) => p !== '').join('&'));
}
