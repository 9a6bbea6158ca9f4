// One experiment in training, of either dimension, with its schedule of live changes. A trainer
// is built for the settings in force; when a scheduled change is due (a learning rate, an
// optimizer, the critic steps, the batch size, ...), training stops at that generator step and
// goes on in a trainer built for the new settings from the same state: parameters, optimizer
// slots, noise streams. A run changed live and a run replayed from its link's schedule therefore
// take the same steps.
import type { RunSpec } from '../config/runs';
import type { LiveChange } from '../config/schema';
import { configAtStep, nextChangeStep, scheduleLiveEdit } from '../config/schedule';
import type { BatchTrainer, ChunkResult, EngineCore, ShellConfig, ShellPoint, ShellSnapshot, TrainerBuildOptions } from './batchTrainer';
import type { RunStopped } from './protocol';

/** What training produced since the last report, with one-line notices (an optimizer reset). */
export interface SessionResult<P> extends ChunkResult<P> {
  notices: string[];
}

/** The settings a trainer bakes in: a new trainer is built when any of them changes. */
function trainingSettings(config: ShellConfig): string {
  return JSON.stringify([config.batchSize, config.criticSteps, config.schemes.map((s) => [s.criticOptimizer, s.generatorOptimizer, s.penaltyWeight, s.draganScale, s.clip])]);
}

export class TrainingSession<C extends ShellConfig, P extends ShellPoint, S extends ShellSnapshot, St extends { step: number }, O extends TrainerBuildOptions = TrainerBuildOptions> {
  private current: BatchTrainer<P, S, St>;
  private schedule: C;
  private built: C;
  private points: P[] = [];
  private stops: RunStopped[] = [];
  private notices: string[] = [];

  /** Trains `config`'s runs (those at `indices`, or all) from step 0, following its schedule. */
  constructor(private readonly core: EngineCore<C, P, S, St, unknown, O>, config: C, private readonly indices: number[] | null = null, private readonly options = {} as O) {
    this.schedule = config;
    this.built = configAtStep(config, 0);
    this.current = core.build(this.built, this.runsOf(this.built), options);
  }

  private runsOf(config: C): RunSpec[] {
    const all = this.core.expandRuns(config).runs;
    return this.indices ? this.indices.map((i) => all[i]) : all;
  }

  /** The trainer in force (its kind is the core's). */
  get trainer(): BatchTrainer<P, S, St> { return this.current; }
  /** The experiment with its schedule of changes. */
  get config(): C { return this.schedule; }
  get step(): number { return this.current.step; }
  /** Critic updates done in the current generator step. */
  get phase(): number { return this.current.phase; }
  get criticSteps(): number { return this.current.K; }
  get activeRuns(): number { return this.current.activeRuns; }
  get stopped(): RunStopped[] { return this.current.stopped; }
  get runs(): RunSpec[] { return this.current.runs; }
  get finished(): boolean { return this.step >= this.schedule.steps || this.activeRuns === 0; }
  get recordEvery(): number { return this.current.recordEvery; }
  set recordEvery(n: number) { this.current.recordEvery = Math.max(1, Math.floor(n)); }

  /** Trains up to n generator steps (fewer when the experiment ends), stopping at each due change. */
  async train(n: number): Promise<SessionResult<P>> {
    let left = Math.min(n, this.schedule.steps - this.step);
    while (left > 0 && this.activeRuns > 0) {
      await this.applyDueChanges();
      const m = Math.min(left, nextChangeStep(this.schedule, this.step) - this.step);
      this.collect(await this.current.train(m));
      left -= m;
    }
    if (this.finished) this.current.recordCurrent();
    return this.report();
  }

  /** The next critic update of the current generator step (slow motion). */
  async criticUpdate(): Promise<SessionResult<P>> {
    await this.applyDueChanges();
    if (this.current.phase < this.current.K) this.current.criticUpdate();
    return this.report();
  }

  /** The generator update that ends the current step (once the critic's updates are done). */
  async generatorUpdate(): Promise<SessionResult<P>> {
    await this.applyDueChanges();
    while (this.current.phase < this.current.K) this.current.criticUpdate();
    this.current.generatorUpdate();
    this.current.recordCurrent();
    return this.report();
  }

  /**
   * Takes over the live settings of `edited` (learning rates, optimizers, critic steps, batch,
   * penalty, clipping, the number of steps) from the next generator step on (or from `notBefore`
   * when that is later), with `ahead` as the schedule after it (none when absent), and returns
   * the schedule that now holds them.
   */
  async applyLive(edited: C, notBefore = 0, ahead?: LiveChange[]): Promise<{ config: C; step: number }> {
    const step = Math.max(notBefore, this.phase > 0 ? this.step + 1 : this.step);
    this.schedule = scheduleLiveEdit(this.schedule, edited, step, ahead);
    await this.applyDueChanges();
    return { config: this.schedule, step };
  }

  /** Records the current step as a trajectory point (where training paused). */
  recordCurrent(): void {
    this.current.recordCurrent();
  }

  /** Reads what was recorded since the last report. */
  async report(): Promise<SessionResult<P>> {
    this.collect(await this.current.flush());
    const out = { step: this.step, points: this.points, stopped: this.stops, notices: this.notices };
    this.points = [];
    this.stops = [];
    this.notices = [];
    return out;
  }

  snapshot(): Promise<S> {
    return this.current.snapshot();
  }

  exportState(): Promise<St> {
    return this.current.exportState();
  }

  /** Continues from a saved state (another backend), with the settings in force at its step. */
  importState(state: St): void {
    const wanted = configAtStep(this.schedule, state.step);
    if (trainingSettings(wanted) !== trainingSettings(this.built)) {
      this.current.dispose();
      this.current = this.core.build(wanted, this.runsOf(wanted), this.options);
    }
    this.built = wanted;
    this.current.importState(state);
  }

  dispose(): void {
    this.current.dispose();
  }

  private collect(result: { points: P[]; stopped: RunStopped[] }): void {
    this.points.push(...result.points);
    this.stops.push(...result.stopped);
  }

  /** Builds the Trainer for the settings in force at the current step when they differ. */
  private async applyDueChanges(): Promise<void> {
    if (this.current.phase > 0) return; // a change waits for the end of the generator step
    const wanted = configAtStep(this.schedule, this.step);
    if (trainingSettings(wanted) === trainingSettings(this.built)) {
      this.built = wanted;
      return;
    }
    const old = this.current;
    this.collect(await old.flush());
    const state = await old.exportState();
    const runs = this.runsOf(wanted);
    const reset = { critic: [] as number[], generator: [] as number[] };
    runs.forEach((run, i) => {
      const before = old.runs[i].scheme;
      if (before.criticOptimizer.kind !== run.scheme.criticOptimizer.kind) reset.critic.push(i);
      if (before.generatorOptimizer.kind !== run.scheme.generatorOptimizer.kind) reset.generator.push(i);
    });
    const trainer = this.core.build(wanted, runs, { ...this.options, recordEvery: old.recordEvery });
    trainer.importState(state, reset);
    old.dispose();
    this.current = trainer;
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
