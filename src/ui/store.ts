// The page's one store: the configuration (mirrored in the URL), the notices about it, and the
// training state the engine reports. Components read it and call its actions; only this module
// talks to the engine, and only through EngineClient.
import { create } from 'zustand';
import { configSchema, defaultConfig, normaliseTarget, type Config, type ConfigIssue, type LandscapeId } from '../config/schema';
import { configFromQuery, configToQuery } from '../config/url';
import { getPreset } from '../config/presets';
import { expandRuns, type RunSpec } from '../config/runs';
import type { FromWorker } from '../engine/protocol';
import { EngineClient } from '../engine/client';
import type { DivergenceId } from '../math/criticBasis';
import { applyEngineMessage, initialTrainingState, startTrajectories, type TrainingState } from './trainingState';

/** Generator steps per chunk the engine runs between two reports, by speed setting. */
export const SPEEDS = [
  { label: 'slow (1 step per update)', stepsPerChunk: 1 },
  { label: 'medium (5 steps per update)', stepsPerChunk: 5 },
  { label: 'full speed', stepsPerChunk: 0 },
] as const;

export interface PlaygroundState {
  config: Config;
  /** The configuration the engine is running (runs, labels and colours come from it). */
  runConfig: Config;
  runs: RunSpec[];
  /** Why some runs of the configuration were left out (no optimal critic for WGAN, ...). */
  skippedRuns: string[];
  /** What the URL asked for that could not be used. */
  urlIssues: ConfigIssue[];
  /** One-line notices about the configuration (e.g. target weights rescaled). */
  notices: string[];
  training: TrainingState;
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
  dismissNotice: (index: number) => void;
  /** Shows a one-line notice (a failed export, ...) until it is dismissed. */
  notify: (message: string) => void;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  stepOnce: () => void;
  reset: () => void;
  setSpeed: (index: number) => void;
  selectRun: (run: number) => void;
  setMonitorIds: (ids: DivergenceId[]) => void;
}

function initialConfig(): { config: Config; issues: ConfigIssue[] } {
  if (typeof window === 'undefined') return { config: defaultConfig(), issues: [] };
  return configFromQuery(window.location.search);
}

let engine: EngineClient | null = null;
let resetTimer: ReturnType<typeof setTimeout> | null = null;

const boot = initialConfig();
const bootRuns = expandRuns(boot.config);

export const usePlayground = create<PlaygroundState>()((set, get) => {
  /** Restarts the engine on the current configuration (debounced: typing sends one reset). */
  const scheduleReset = () => {
    if (resetTimer) clearTimeout(resetTimer);
    resetTimer = setTimeout(() => {
      resetTimer = null;
      resetEngine();
    }, 120);
  };

  const resetEngine = () => {
    const { config } = get();
    const expanded = expandRuns(config);
    set((s) => ({
      runConfig: config,
      runs: expanded.runs,
      skippedRuns: expanded.skipped,
      selectedRun: Math.min(s.selectedRun, Math.max(0, expanded.runs.length - 1)),
      training: {
        ...s.training, status: 'starting', playing: false, finished: false, step: 0, stepsPerSecond: 0, snapshot: null, estimates: [], stopped: [],
        runCount: expanded.runs.length, trajectories: startTrajectories(expanded.runs.length, config.mu0, config.sigma0),
        trajectoryVersion: s.training.trajectoryVersion + 1,
      },
    }));
    engine?.send({ type: 'reset', config });
  };

  const commit = (config: Config, notice: string | null = null) => {
    set((s) => ({ config, notices: notice && !s.notices.includes(notice) ? [...s.notices, notice] : s.notices }));
    scheduleReset();
  };

  return {
    config: boot.config,
    runConfig: boot.config,
    runs: bootRuns.runs,
    skippedRuns: bootRuns.skipped,
    urlIssues: boot.issues,
    notices: [],
    training: { ...initialTrainingState(), runCount: bootRuns.runs.length, trajectories: startTrajectories(bootRuns.runs.length, boot.config.mu0, boot.config.sigma0) },
    speed: 2,
    selectedRun: 0,
    monitorIds: ['js', 'srkl', 'rkl', 'igog'],

    setConfig: (next, notice = null) => {
      const normalised = normaliseTarget(next.target);
      const parsed = configSchema.safeParse({ ...next, target: normalised.target });
      // The forms only commit values they have validated; this guards the store all the same.
      if (!parsed.success) return;
      commit(parsed.data, notice ?? normalised.notice);
    },
    updateConfig: (patch) => get().setConfig(patch(get().config)),
    applyPreset: (id) => {
      const preset = getPreset(id);
      if (preset) commit(structuredClone(preset.config));
    },
    setStart: (mu0, sigma0) => {
      const round = (v: number) => Math.round(v * 1000) / 1000;
      get().setConfig({ ...get().config, mu0: round(mu0), sigma0: round(sigma0) });
    },
    dismissUrlIssues: () => set({ urlIssues: [] }),
    dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
    notify: (message) => set((s) => (s.notices.includes(message) ? s : { notices: [...s.notices, message] })),
    play: () => {
      if (resetTimer) { clearTimeout(resetTimer); resetTimer = null; resetEngine(); }
      engine?.send({ type: 'play' });
    },
    pause: () => engine?.send({ type: 'pause' }),
    togglePlay: () => (get().training.playing ? get().pause() : get().play()),
    stepOnce: () => {
      if (resetTimer) { clearTimeout(resetTimer); resetTimer = null; resetEngine(); }
      engine?.send({ type: 'step', generatorSteps: 1 });
      engine?.send({ type: 'snapshot' });
    },
    reset: () => resetEngine(),
    setSpeed: (index) => {
      set({ speed: index });
      engine?.send({ type: 'speed', stepsPerChunk: SPEEDS[index].stepsPerChunk });
    },
    selectRun: (run) => set({ selectedRun: run }),
    setMonitorIds: (ids) => set({ monitorIds: ids }),
  };
});

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

function flushEngineMessages() {
  flushTimer = null;
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  const { runConfig } = usePlayground.getState();
  usePlayground.setState((s) => ({ training: batch.reduce((t, msg) => applyEngineMessage(t, msg, runConfig), s.training) }));
}

function handleEngineMessage(msg: FromWorker) {
  queue.push(msg);
  // state changes (ready, play/pause, errors) show at once; data waits for the batch
  if (msg.type === 'ready' || msg.type === 'state' || msg.type === 'error') {
    if (flushTimer) clearTimeout(flushTimer);
    flushEngineMessages();
  } else if (!flushTimer) {
    flushTimer = setTimeout(flushEngineMessages, FLUSH_MS);
  }
}

/** How often the page asks the engine for a snapshot (critic, samples, estimates) while training. */
const SNAPSHOT_MS = 1000;
let snapshotTimer: ReturnType<typeof setInterval> | null = null;

/** Starts the engine worker (once) on the current configuration. */
export function connectEngine(): void {
  if (engine) return;
  engine = new EngineClient();
  engine.onMessage(handleEngineMessage);
  const { config, speed } = usePlayground.getState();
  engine.send({ type: 'speed', stepsPerChunk: SPEEDS[speed].stepsPerChunk });
  engine.send({ type: 'init', config });
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
    if ((wasPlaying && !playing) || (status === 'ready' && lastStatus !== 'ready')) engine?.send({ type: 'snapshot' });
    wasPlaying = playing;
    lastStatus = status;
  });
}

/** Makes the training worker lose its WebGL context (the browser tests' GPU reset). */
export function simulateWebglContextLoss(): void {
  engine?.send({ type: 'lose-webgl-context' });
}

/** Mirrors the configuration into the address bar (replaceState: no history entry per keystroke). */
export function syncUrl(): () => void {
  const write = (config: Config) => {
    const query = configToQuery(config);
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, '', url);
  };
  // Keep a URL with issues as it was until the user changes something, so the notice matches it.
  let last = usePlayground.getState().config;
  return usePlayground.subscribe((s) => {
    if (s.config !== last) {
      last = s.config;
      write(s.config);
    }
  });
}

/** The link to share: the page's address with the configuration's query. */
export function shareLink(config: Config): string {
  const query = configToQuery(config);
  return `${window.location.origin}${window.location.pathname}${query ? `?${query}` : ''}`;
}
