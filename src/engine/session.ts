// One experiment in training, with its schedule of live changes. A Trainer is built for the
// settings in force; when a scheduled change is due (a learning rate, an optimizer, the critic
// steps, the batch size, ...), training stops at that generator step and goes on in a Trainer
// built for the new settings from the same state: parameters, optimizer slots, noise streams.
// A run changed live and a run replayed from its link's schedule therefore take the same steps.
import type { Config } from '../config/schema';
import { expandRuns, type RunSpec } from '../config/runs';
import { configAtStep, nextChangeStep, scheduleLiveEdit } from '../config/schedule';
import { Trainer, type ChunkResult, type TrainerOptions, type TrainerState } from './trainer';
import type { RunStopped, Snapshot, TrajectoryPoint } from './protocol';

/** What training produced since the last report, with one-line notices (an optimizer reset). */
export interface SessionResult extends ChunkResult {
  notices: string[];
}

/** The settings a Trainer bakes in: a new Trainer is built when any of them changes. */
function trainingSettings(config: Config): string {
  return JSON.stringify([config.batchSize, config.criticSteps, config.schemes.map((s) => [s.criticOptimizer, s.generatorOptimizer, s.penaltyWeight, s.draganScale, s.clip])]);
}

export class TrainingSession {
  private trainer: Trainer;
  private schedule: Config;
  private built: Config;
  private readonly indices: number[] | null;
  private readonly options: TrainerOptions;
  private points: TrajectoryPoint[] = [];
  private stops: RunStopped[] = [];
  private notices: string[] = [];

  /** Trains `config`'s runs (those at `indices`, or all) from step 0, following its schedule. */
  constructor(config: Config, indices: number[] | null = null, options: TrainerOptions = {}) {
    this.schedule = config;
    this.indices = indices;
    this.options = options;
    this.built = configAtStep(config, 0);
    this.trainer = new Trainer(this.built, this.runsOf(this.built), options);
  }

  private runsOf(config: Config): RunSpec[] {
    const all = expandRuns(config).runs;
    return this.indices ? this.indices.map((i) => all[i]) : all;
  }

  /** The experiment with its schedule of changes. */
  get config(): Config { return this.schedule; }
  get step(): number { return this.trainer.step; }
  /** Critic updates done in the current generator step. */
  get phase(): number { return this.trainer.phase; }
  get criticSteps(): number { return this.trainer.K; }
  get activeRuns(): number { return this.trainer.activeRuns; }
  get stopped(): RunStopped[] { return this.trainer.stopped; }
  get runs(): RunSpec[] { return this.trainer.runs; }
  get finished(): boolean { return this.step >= this.schedule.steps || this.activeRuns === 0; }
  get recordEvery(): number { return this.trainer.recordEvery; }
  set recordEvery(n: number) { this.trainer.recordEvery = Math.max(1, Math.floor(n)); }

  /** Trains up to n generator steps (fewer when the experiment ends), stopping at each due change. */
  async train(n: number): Promise<SessionResult> {
    let left = Math.min(n, this.schedule.steps - this.step);
    while (left > 0 && this.activeRuns > 0) {
      await this.applyDueChanges();
      const m = Math.min(left, nextChangeStep(this.schedule, this.step) - this.step);
      this.collect(await this.trainer.train(m));
      left -= m;
    }
    if (this.finished) this.trainer.recordCurrent();
    return this.report();
  }

  /** The next critic update of the current generator step (slow motion). */
  async criticUpdate(): Promise<SessionResult> {
    await this.applyDueChanges();
    if (this.trainer.phase < this.trainer.K) this.trainer.criticUpdate();
    return this.report();
  }

  /** The generator update that ends the current step (once the critic's updates are done). */
  async generatorUpdate(): Promise<SessionResult> {
    await this.applyDueChanges();
    while (this.trainer.phase < this.trainer.K) this.trainer.criticUpdate();
    this.trainer.generatorUpdate();
    this.trainer.recordCurrent();
    return this.report();
  }

  /**
   * Takes over the live settings of `edited` (learning rates, optimizers, critic steps, batch,
   * penalty, clipping, the number of steps) from the next generator step on (or from `notBefore`
   * when that is later), and returns the schedule that now holds them.
   */
  async applyLive(edited: Config, notBefore = 0): Promise<{ config: Config; step: number }> {
    const step = Math.max(notBefore, this.phase > 0 ? this.step + 1 : this.step);
    this.schedule = scheduleLiveEdit(this.schedule, edited, step);
    await this.applyDueChanges();
    return { config: this.schedule, step };
  }

  /** Records the current step as a trajectory point (where training paused). */
  recordCurrent(): void {
    this.trainer.recordCurrent();
  }

  /** Reads what was recorded since the last report. */
  async report(): Promise<SessionResult> {
    this.collect(await this.trainer.flush());
    const out = { step: this.step, points: this.points, stopped: this.stops, notices: this.notices };
    this.points = [];
    this.stops = [];
    this.notices = [];
    return out;
  }

  /** Current mu and sigma of every run. */
  parameters(): Promise<{ mu: number[]; sigma: number[] }> {
    return this.trainer.parameters();
  }

  snapshot(): Promise<Snapshot> {
    return this.trainer.snapshot();
  }

  exportState(): Promise<TrainerState> {
    return this.trainer.exportState();
  }

  /** Continues from a saved state (another backend), with the settings in force at its step. */
  importState(state: TrainerState): void {
    const wanted = configAtStep(this.schedule, state.step);
    if (trainingSettings(wanted) !== trainingSettings(this.built)) {
      this.trainer.dispose();
      this.trainer = new Trainer(wanted, this.runsOf(wanted), this.options);
    }
    this.built = wanted;
    this.trainer.importState(state);
  }

  dispose(): void {
    this.trainer.dispose();
  }

  private collect(result: { points: TrajectoryPoint[]; stopped: RunStopped[] }): void {
    this.points.push(...result.points);
    this.stops.push(...result.stopped);
  }

  /** Builds the Trainer for the settings in force at the current step when they differ. */
  private async applyDueChanges(): Promise<void> {
    if (this.trainer.phase > 0) return; // a change waits for the end of the generator step
    const wanted = configAtStep(this.schedule, this.step);
    if (trainingSettings(wanted) === trainingSettings(this.built)) {
      this.built = wanted;
      return;
    }
    const old = this.trainer;
    this.collect(await old.flush());
    const state = await old.exportState();
    const runs = this.runsOf(wanted);
    const reset = { critic: [] as number[], generator: [] as number[] };
    runs.forEach((run, i) => {
      const before = old.runs[i].scheme;
      if (before.criticOptimizer.kind !== run.scheme.criticOptimizer.kind) reset.critic.push(i);
      if (before.generatorOptimizer.kind !== run.scheme.generatorOptimizer.kind) reset.generator.push(i);
    });
    const trainer = new Trainer(wanted, runs, { ...this.options, recordEvery: old.recordEvery });
    trainer.importState(state, reset);
    old.dispose();
    this.trainer = trainer;
    this.built = wanted;
    this.notices.push(...resetNotices(runs, reset, this.step));
  }
}

function resetNotices(runs: RunSpec[], reset: { critic: number[]; generator: number[] }, step: number): string[] {
  const names = (indices: number[]) => [...new Set(indices.map((i) => runs[i].label.split(' · ')[0]))];
  const out: string[] = [];
  for (const name of names(reset.critic)) out.push(`${name}: the critic's optimizer changed at step ${step}; its state (moments, step count) starts afresh.`);
  for (const name of names(reset.generator)) out.push(`${name}: the generator's optimizer changed at step ${step}; its state (moments, step count) starts afresh.`);
  return out;
}
