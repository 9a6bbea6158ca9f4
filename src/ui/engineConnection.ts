// A page's side of the engine, for either dimension: the EngineClient, restarts debounced into
// one reset, live edits debounced into one change, a play that survives a restart, snapshots
// while training, and engine messages applied to the store in batches. The store's actions call
// it; it knows the store only as a zustand store holding the fields of EngineSide, and reads and
// applies its training state through a TrainingAdapter.
import type { StoreApi } from 'zustand';
import { configAtStep } from '../config/schedule';
import type { LiveChange } from '../config/schema';
import type { FromWorker, ToWorker } from '../engine/protocol';
import type { EngineDimension, ShellConfig, ShellPoint, ShellSnapshot } from '../engine/batchTrainer';
import { EngineClient, type EngineClientOptions } from '../engine/client';
import { fromReplacedExperiment, type TrainingStatus } from './trainingStatus';
import { observeProgress, type ProgressRate } from './progressRate';

/** What the connection reads and writes in the page's store: the forms' settings (`config`),
 * the experiment the engine runs with its schedule (`runConfig`), and the progress rate. */
export interface EngineSide<C> {
  config: C;
  runConfig: C;
  progress: ProgressRate;
}

/** How a store's training state is read, and changed by a batch of engine messages. */
export interface TrainingAdapter<S, M> {
  training(s: S): TrainingStatus;
  apply(s: S, batch: M[]): S;
}

/** The engine a connection starts: the dimension and how to make its training worker. */
export interface EngineKind<C extends ShellConfig, P extends ShellPoint> {
  dimension: EngineDimension<C, P>;
  createWorker: () => Worker;
}

/** A restart waits this long for the next keystroke before the reset goes to the engine. */
const RESET_DEBOUNCE_MS = 120;
/** A live edit waits this long for the next keystroke before it goes to the engine. */
const LIVE_DEBOUNCE_MS = 250;
// Engine messages are applied in batches, at most every FLUSH_MS, so that a fast engine costs
// the page one render per batch rather than one per message. Points come every 10 generator steps,
// about 6 a second for Figure 5, so 8 batches a second show each one; every render taken from the
// main thread is taken from the training workers on a 2-core machine.
const FLUSH_MS = 125;
/** How often the page asks the engine for a snapshot (critic, samples, estimates) while training. */
const SNAPSHOT_MS = 1000;

/** Messages that end a pause on its way: training stopped (at one step), failed, or started anew. */
const endsPause = (m: FromWorker<unknown, unknown, unknown>) => (m.type === 'state' && !m.playing) || m.type === 'error' || m.type === 'ready';

type Timer = ReturnType<typeof setTimeout>;

export class EngineConnection<S extends EngineSide<C>, C extends ShellConfig, P extends ShellPoint, Snap extends ShellSnapshot> {
  private client: EngineClient<C, P, Snap> | null = null;
  private resetTimer: Timer | null = null;
  private liveTimer: Timer | null = null;
  /**
   * Playing that the engine has not confirmed yet: 'waiting' plays once the restarted experiment
   * is ready (playing stays playing across a restart); 'sent' is a play on its way, which a
   * restart carries on as a wish to play and a pause answers with a pause.
   */
  private playWish: 'none' | 'waiting' | 'sent' = 'none';
  private queue: FromWorker<P, Snap, C>[] = [];
  private flushTimer: Timer | null = null;
  private snapshotTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly store: StoreApi<S>, private readonly adapter: TrainingAdapter<S, FromWorker<P, Snap, C>>, private readonly kind?: EngineKind<C, P>) {}

  private get training(): TrainingStatus {
    return this.adapter.training(this.store.getState());
  }

  /** Starts the engine (once) on the store's experiment at `stepsPerSecond`. */
  connect(options: EngineClientOptions, stepsPerSecond: number): void {
    if (this.client) return;
    this.client = new EngineClient<C, P, Snap>(options, this.kind?.dimension, this.kind?.createWorker);
    this.client.onMessage((m) => this.receive(m));
    this.send({ type: 'speed', stepsPerSecond });
    this.send({ type: 'init', config: this.store.getState().runConfig });
    this.store.subscribe(this.snapshotsFollowTraining());
  }

  send(message: ToWorker<C>): void {
    this.client?.send(message);
  }

  /** Whether Play was pressed (or playing went on across a restart) and the engine has yet to confirm it. */
  get wantsPlay(): boolean {
    return this.playWish !== 'none';
  }

  /** A new experiment replaces the running one: what played pauses, and plays again once the new one is ready. */
  restart(): void {
    this.cancelLive();
    const { playing } = this.training;
    if (playing || this.playWish === 'sent') this.send({ type: 'pause' });
    if (playing || this.playWish !== 'none') this.playWish = 'waiting';
    // debounced: typing a number sends one reset
    if (this.resetTimer) clearTimeout(this.resetTimer);
    this.resetTimer = setTimeout(() => this.flushReset(), RESET_DEBOUNCE_MS);
  }

  /** Sends a reset still waiting for the debounce now (before a command that must reach the new experiment). */
  flushReset(): void {
    if (!this.resetTimer) return;
    clearTimeout(this.resetTimer);
    this.resetTimer = null;
    this.send({ type: 'reset', config: this.store.getState().runConfig });
  }

  get resetPending(): boolean {
    return this.resetTimer !== null;
  }

  play(): void {
    this.flushReset();
    if (this.training.status !== 'ready') { this.playWish = 'waiting'; return; }
    this.playWish = 'sent';
    this.send({ type: 'play' });
  }

  /** One generator step, recorded and drawn where it ends. */
  step(): void {
    this.flushReset();
    this.send({ type: 'step', generatorSteps: 1 });
    this.send({ type: 'snapshot', mark: true });
  }

  /** Slow motion: the next critic update of the current step, or the generator update that ends it. */
  update(kind: 'critic-update' | 'generator-update'): void {
    this.flushReset();
    this.send({ type: kind });
  }

  /** Pauses; true when the store should show "Pausing…" until the engine says where it stopped. */
  pause(): boolean {
    const inFlight = this.playWish === 'sent';
    this.playWish = 'none';
    const training = this.training;
    if (inFlight && !training.playing) { this.send({ type: 'pause' }); return false; }
    if (!training.playing || training.pausing) return false;
    this.send({ type: 'pause' });
    return true;
  }

  /** Sends the store's settings as a live change once typing stops; `ahead` replaces the schedule after it. */
  sendLive(ahead?: LiveChange[]): void {
    this.cancelLive();
    this.liveTimer = setTimeout(() => { this.liveTimer = null; this.send({ type: 'live', config: this.store.getState().config, ...(ahead ? { ahead } : {}) }); }, LIVE_DEBOUNCE_MS);
  }

  private cancelLive(): void {
    if (this.liveTimer) { clearTimeout(this.liveTimer); this.liveTimer = null; }
  }

  private receive(msg: FromWorker<P, Snap, C>): void {
    if (fromReplacedExperiment(msg, this.training.status, this.resetPending)) return;
    if (msg.type === 'live-applied') {
      // an edit still waiting to be sent stays in the forms
      const step = Math.max(msg.step, this.training.step);
      this.store.setState((this.liveTimer ? { runConfig: msg.config } : { runConfig: msg.config, config: configAtStep(msg.config, step) }) as Partial<S>);
      return;
    }
    if (msg.type === 'ready' && this.playWish === 'waiting') {
      this.playWish = 'sent';
      this.send({ type: 'play' });
    } else if ((msg.type === 'state' || msg.type === 'error') && this.playWish === 'sent') {
      this.playWish = 'none';
    }
    this.queue.push(msg);
    // state changes (ready, play/pause, errors) show at once; data waits for the batch
    if (msg.type === 'ready' || msg.type === 'state' || msg.type === 'error') {
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.flush();
    } else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), FLUSH_MS);
    }
  }

  private flush(): void {
    this.flushTimer = null;
    // while a pause is on its way the counter and the paths stand still: what comes meanwhile is
    // applied, all at once, with the step where training stopped
    if (this.training.pausing && !this.queue.some(endsPause)) return;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.store.setState((s) => {
      const before = this.adapter.training(s).step;
      const next = this.adapter.apply(s, batch);
      const now = this.adapter.training(next);
      const progress = observeProgress(s.progress, now.step, now.playing, performance.now());
      // a scheduled change passed: the forms show the settings now in force
      const passed = s.runConfig.changes.some((c) => c.step > before && c.step <= now.step);
      return passed ? { ...next, progress, config: configAtStep(s.runConfig, now.step) } : { ...next, progress };
    });
  }

  /** Snapshots every SNAPSHOT_MS while playing, and once whenever training stops or an experiment is ready. */
  private snapshotsFollowTraining(): (s: S) => void {
    let wasPlaying = false;
    let lastStatus = this.training.status;
    return (s) => {
      const { playing, status } = this.adapter.training(s);
      if (playing && !this.snapshotTimer) {
        this.snapshotTimer = setInterval(() => this.send({ type: 'snapshot' }), SNAPSHOT_MS);
      } else if (!playing && this.snapshotTimer) {
        clearInterval(this.snapshotTimer);
        this.snapshotTimer = null;
      }
      // where training stops, the step is recorded too, so that every view shows the same step
      if ((wasPlaying && !playing) || (status === 'ready' && lastStatus !== 'ready')) this.send({ type: 'snapshot', mark: wasPlaying && !playing });
      wasPlaying = playing;
      lastStatus = status;
    };
  }
}
