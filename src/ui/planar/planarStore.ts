// The 2-D playground's store: the configuration (mirrored in the URL while the 2-D problem is
// shown), what the engine reports, and the actions of the page. Its engine side is the shell's
// EngineConnection (../engineConnection.ts), as on the 1-D page: runs split over workers,
// debounced restarts, live edits kept as a schedule, play across restarts.
import { create } from 'zustand';
import type { ConfigIssue } from '../../config/schema';
import { expandPlanarRuns, monitoredDivergences, planarConfigSchema, type PlanarConfig } from '../../config/planar';
import type { RunSpec } from '../../config/runs';
import { classifyChange, configAtStep } from '../../config/schedule';
import { getPlanarPreset } from '../../config/planarPresets';
import { defaultPlanarConfig, isPlanarQuery, planarConfigFromQuery, planarConfigToQuery } from '../../config/planarUrl';
import type { PlanarPoint, PlanarSnapshot } from '../../engine/planar/protocol';
import { planarDimension } from '../../engine/planar/dimension';
import type { EngineClientOptions } from '../../engine/client';
import type { DivergenceId } from '../../math/criticBasis';
import type { PlanarLandscape } from '../../math/planar/landscape2';
import { runColour } from '../colors';
import { emptyRate, type ProgressRate } from '../progressRate';
import { mirrorPageLink } from '../pageLink';
import { NOTICE_CAUSES, noticeActions, putNotice, type NoticeActions, type NoticeRecord } from '../notices';
import { whenLeft } from '../problem';
import { EngineConnection, type EngineSide } from '../engineConnection';
import { requestPlanarLandscape } from '../landscapeService';
import { FULL_SPEED, SPEEDS } from '../speeds';
import { applyPlanarMessage, startingTraining, type PlanarMessage, type PlanarTraining } from './planarTraining';

export type { PlanarMonitorRow } from './planarTraining';

export interface PlanarRunInfo {
  label: string;
  critic: 'learned' | 'optimal';
  minimises: string | null;
  colour: string;
}

export interface PlanarState extends PlanarTraining, NoticeActions, EngineSide<PlanarConfig> {
  /** The settings the forms show: those in force at the current step. */
  config: PlanarConfig;
  /** The experiment the engine trains, with its schedule of live changes. */
  runConfig: PlanarConfig;
  /** The preset the configuration starts from (links are written relative to it). */
  preset: string | null;
  /** One-line notices, one per cause: what a link could not use, what a change restarted, runs that stopped, errors. */
  notices: NoticeRecord[];
  runs: PlanarRunInfo[];
  /** How fast training goes while playing, for the rate and the time left (progressRate.ts). */
  progress: ProgressRate;
  /** The divergences the monitor draws. */
  monitorIds: DivergenceId[];
  selectedRun: number;
  landscapeId: DivergenceId;
  landscape: PlanarLandscape | null;

  /** Starts the engine on the store's experiment (once). */
  start: () => void;
  /** A new configuration: a live change when only how training proceeds changed, else a restart
   * (`reason` says why, when the caller knows better than the comparison). */
  setConfig: (config: PlanarConfig, preset?: string | null, reason?: string) => void;
  applyPreset: (id: string) => void;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  step1: () => void;
  /** Slow motion: the next critic update of the current step, or the generator update that ends it. */
  criticUpdate: () => void;
  generatorUpdate: () => void;
  /** How fast training plays (an index into SPEEDS). */
  speed: number;
  setSpeed: (index: number) => void;
  reset: () => void;
  selectRun: (run: number) => void;
  setLandscapeId: (id: DivergenceId) => void;
}

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

/** The store once `config` starts as a new experiment; `reason` says why, where work is replaced. */
function restartedState(s: PlanarState, config: PlanarConfig, preset: string | null, reason: string): Partial<PlanarState> {
  const { runs, skipped } = expandPlanarRuns(config);
  const text = `Restarted the 2-D experiment (it was at step ${s.step}): ${reason}.`;
  return {
    config: configAtStep(config, 0), runConfig: config, preset,
    notices: s.step > 0 ? putNotice(s.notices, { cause: NOTICE_CAUSES.restart, kind: 'info', text }) : s.notices,
    runs: runInfo(runs), skipped, monitorIds: monitoredDivergences(runs), ...startingTraining(s.pointsVersion),
    progress: emptyRate(SPEEDS[s.speed].stepsPerSecond), landscape: null, selectedRun: Math.min(s.selectedRun, Math.max(0, runs.length - 1)),
  };
}

function bootState() {
  const boot = initial();
  const { runs, skipped } = expandPlanarRuns(boot.config);
  return {
    config: configAtStep(boot.config, 0), runConfig: boot.config, preset: boot.preset,
    notices: boot.issues.length > 0 ? [{ cause: NOTICE_CAUSES.link, kind: 'warn' as const, text: `Some of the link's settings were not used; defaults stand in for them: ${boot.issues.map((i) => i.message).join('; ')}.` }] : [],
    runs: runInfo(runs), skipped, monitorIds: monitoredDivergences(runs), ...startingTraining(0), status: 'idle' as const,
    error: null, backend: null, workers: 1, progress: emptyRate(), landscape: null, selectedRun: 0, landscapeId: 'rkl' as DivergenceId,
  };
}

const RESET = 'Reset was pressed';

let engineOptions: EngineClientOptions = {};

/** Options the 2-D engine starts with (the test build's workers); before the page starts it. */
export function configurePlanarEngine(options: EngineClientOptions): void {
  engineOptions = options;
}

export const usePlanar = create<PlanarState>()((set, get) => {
  const restart = (config: PlanarConfig, preset: string | null, reason: string) => {
    connection.restart();
    set(restartedState(get(), config, preset, reason));
  };
  return {
    ...bootState(),
    start: () => connection.connect(engineOptions, SPEEDS[get().speed].stepsPerSecond),
    setConfig: (next, preset = get().preset, reason) => {
      const parsed = planarConfigSchema.safeParse(next);
      // the form validates what it commits; this guards the store all the same
      if (!parsed.success) return;
      const s = get();
      const { kind, restartReason } = classifyChange(s.config, parsed.data);
      // the form shows the schedule ahead of the current step: what it holds is the new one
      const ahead = parsed.data.changes.filter((c) => c.step > s.step);
      const scheduleEdited = JSON.stringify(ahead) !== JSON.stringify(s.runConfig.changes.filter((c) => c.step > s.step));
      if (kind === 'view' && !scheduleEdited && reason === undefined) return;
      if (kind !== 'restart' && !reason && s.status === 'ready' && !connection.resetPending) {
        // the engine schedules it at its next generator step and answers with the schedule
        set({ config: { ...parsed.data, changes: s.runConfig.changes }, preset });
        connection.sendLive(ahead);
        return;
      }
      // a new experiment starts from the settings in force; its schedule is kept only when nothing trained yet
      const untouched = s.step === 0 || reason !== undefined;
      restart({ ...parsed.data, changes: untouched ? parsed.data.changes : [] }, preset, reason ?? restartReason ?? 'the configuration changed');
    },
    applyPreset: (id) => {
      const preset = getPlanarPreset(id);
      if (preset) get().setConfig(structuredClone(preset.config), id, `the preset "${preset.name}" was chosen`);
    },
    play: () => connection.play(),
    pause: () => {
      // the button says so at once; progress stands still until the engine says where it stopped
      if (connection.pause()) set({ pausing: true });
    },
    togglePlay: () => (get().playing || connection.wantsPlay ? get().pause() : get().play()),
    step1: () => connection.step(),
    criticUpdate: () => connection.update('critic-update'),
    generatorUpdate: () => connection.update('generator-update'),
    speed: FULL_SPEED,
    setSpeed: (index) => {
      set({ speed: index, progress: emptyRate(SPEEDS[index].stepsPerSecond) });
      connection.send({ type: 'speed', stepsPerSecond: SPEEDS[index].stepsPerSecond });
    },
    reset: () => restart(get().runConfig, get().preset, RESET),
    selectRun: (run) => set({ selectedRun: run, landscape: null }),
    setLandscapeId: (id) => set({ landscapeId: id, landscape: null }),
    ...noticeActions(set),
  };
});

const connection: EngineConnection<PlanarState, PlanarConfig, PlanarPoint, PlanarSnapshot> = new EngineConnection(usePlanar, {
  training: (s) => s,
  apply: (s, batch: PlanarMessage[]) => batch.reduce(applyPlanarMessage, s),
}, {
  dimension: planarDimension,
  createWorker: () => new Worker(new URL('../../engine/planar/worker.ts', import.meta.url), { type: 'module' }),
});

// leaving the 2-D problem for the 1-D one pauses its training
whenLeft(2, () => usePlanar.getState().pause());

/** Computes the isotropic landscape of the selected run at its current scale (the landscape worker). */
export function requestLandscape(): void {
  const { selectedRun, landscapeId, points, snapshot, config } = usePlanar.getState();
  const g = points.at(-1)?.runs[selectedRun] ?? snapshot?.runs[selectedRun]?.moments;
  if (!g) return;
  const scale = Math.sqrt((g.cov[0][0] + g.cov[1][1]) / 2);
  requestPlanarLandscape(config.target, landscapeId, selectedRun, scale).then(
    (landscape) => { if (usePlanar.getState().landscapeId === landscapeId) usePlanar.setState({ landscape }); },
    (e: Error) => usePlanar.getState().notify(`The landscape could not be computed: ${e.message}`, 'error'),
  );
}

/** The settings of the 2-D configuration's link: the experiment with its schedule. */
export function planarQuery(): string {
  const { runConfig, preset } = usePlanar.getState();
  return planarConfigToQuery(runConfig, preset);
}

/** Mirrors the 2-D configuration into the address bar's fragment while the 2-D problem is shown. */
export function syncPlanarUrl(isShown: () => boolean): () => void {
  return mirrorPageLink(usePlanar, (s) => s.runConfig, planarQuery, isShown);
}
