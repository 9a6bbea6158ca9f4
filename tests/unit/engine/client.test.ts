// The page's engine client over fake workers: the plan it sends, the merged messages it hands
// on, and the pause that brings the workers to one step.
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../../src/engine/client';
import { LEAD_MS } from '../../../src/engine/shards';
import { FIGURE5_SCHEMES } from '../../../src/config/presets';
import type { BackendInfo, FromWorker, ToWorker } from '../../../src/engine/protocol';
import { baseScheme, makeConfig } from './helpers';

/** A worker that reports what it is told to: each report carries the generation of the last
 * init or reset it was sent, as the training worker's do. */
class FakeWorker {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: ToWorker): void { this.sent.push(m); }
  terminate(): void { this.terminated = true; }
  get generation(): number | undefined {
    const last = this.sent.filter((m) => m.type === 'init' || m.type === 'reset').at(-1);
    return last && (last.type === 'init' || last.type === 'reset') ? last.generation : undefined;
  }
  emit(m: FromWorker, generation = this.generation): void { this.onmessage?.({ data: { ...m, generation } } as MessageEvent<FromWorker>); }
}

const BACKEND: BackendInfo = { name: 'wasm', requested: 'auto', softwareRenderer: false, fallbackReason: null };

function setup(cores = 2) {
  const workers: FakeWorker[] = [];
  const client = new EngineClient({ createWorker: () => { const w = new FakeWorker(); workers.push(w); return w as unknown as Worker; }, cores });
  const heard: FromWorker[] = [];
  client.onMessage((m) => heard.push(m));
  return { client, workers, heard };
}

const figure5 = makeConfig(FIGURE5_SCHEMES, { critics: 'both', seeds: 2 });

describe('EngineClient', () => {
  it('sends each worker its share of the runs and reports one ready for all of them', () => {
    const { client, workers, heard } = setup(2);
    client.send({ type: 'speed', stepsPerSecond: 5 });
    client.send({ type: 'init', config: figure5 });
    expect(workers).toHaveLength(2);
    const inits = workers.map((w) => w.sent.find((m) => m.type === 'init'));
    const shares = inits.map((m) => (m?.type === 'init' ? m.runs ?? [] : []));
    expect(shares.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    workers[0].emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    expect(heard.filter((m) => m.type === 'ready')).toHaveLength(0);
    workers[1].emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    expect(heard.filter((m) => m.type === 'ready')).toEqual([{ type: 'ready', backend: BACKEND, runCount: 16, workers: 2 }]);
  });

  it('numbers each experiment and drops what a replaced one still reports', () => {
    const { client, workers, heard } = setup(2);
    client.send({ type: 'init', config: figure5 });
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    client.send({ type: 'reset', config: figure5 });
    expect(workers.map((w) => w.generation)).toEqual([2, 2]);
    // the old experiment's last chunk and its answer to a pause, still on their way
    for (const w of workers) w.emit({ type: 'state', playing: false, step: 30, finished: false }, 1);
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 }, 1);
    expect(heard.filter((m) => m.type === 'ready')).toHaveLength(1);
    expect(heard.filter((m) => m.type === 'state')).toEqual([]);
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    for (const w of workers) w.emit({ type: 'state', playing: false, step: 0, finished: false });
    expect(heard.filter((m) => m.type === 'ready')).toHaveLength(2);
    expect(heard.filter((m) => m.type === 'state')).toEqual([{ type: 'state', playing: false, step: 0, finished: false }]);
  });

  it('after a pause, steps the workers behind up to the leader before it reports the pause', () => {
    const { client, workers, heard } = setup(2);
    client.send({ type: 'init', config: figure5 });
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    client.send({ type: 'play' });
    for (const w of workers) expect(w.sent.at(-1)).toEqual({ type: 'play' });
    for (const w of workers) w.emit({ type: 'state', playing: true, step: 0, finished: false });
    client.send({ type: 'pause' });
    workers[0].emit({ type: 'state', playing: false, step: 40, finished: false });
    expect(workers[1].sent.at(-1)).toEqual({ type: 'pause' }); // not before every worker has paused
    workers[1].emit({ type: 'state', playing: false, step: 35, finished: false });
    expect(workers[1].sent.at(-1)).toEqual({ type: 'step', generatorSteps: 5 });
    expect(workers[0].sent.at(-1)).toEqual({ type: 'pause' });
    const states = () => heard.filter((m) => m.type === 'state');
    expect(states().at(-1)).toMatchObject({ playing: true, step: 35 });
    workers[1].emit({ type: 'state', playing: false, step: 40, finished: false });
    expect(states().at(-1)).toEqual({ type: 'state', playing: false, step: 40, finished: false });
  });

  it('Step moves every worker one step: the one that answers last is not stepped again to catch up', () => {
    const { client, workers, heard } = setup(2);
    client.send({ type: 'init', config: figure5 });
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    for (const w of workers) w.emit({ type: 'state', playing: false, step: 0, finished: false });
    client.send({ type: 'step', generatorSteps: 1 });
    workers[0].emit({ type: 'state', playing: false, step: 1, finished: false });
    expect(workers[1].sent.filter((m) => m.type === 'step')).toEqual([{ type: 'step', generatorSteps: 1 }]);
    workers[1].emit({ type: 'state', playing: false, step: 1, finished: false });
    expect(workers.map((w) => w.sent.filter((m) => m.type === 'step').length)).toEqual([1, 1]);
    expect(heard.filter((m) => m.type === 'state').at(-1)).toEqual({ type: 'state', playing: false, step: 1, finished: false });
  });

  it('converges when a report older than the pause made a worker overshoot', () => {
    const { client, workers, heard } = setup(2);
    client.send({ type: 'init', config: figure5 });
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    client.send({ type: 'play' });
    workers[0].emit({ type: 'state', playing: true, step: 0, finished: false });
    client.send({ type: 'pause' });
    // worker 1 has not reported playing yet: its step 0 looks 40 behind, and it is sent 40 steps
    workers[0].emit({ type: 'state', playing: false, step: 40, finished: false });
    expect(workers[1].sent.at(-1)).toEqual({ type: 'step', generatorSteps: 40 });
    // its own reports: playing, paused at 10, then 40 steps further at 50
    workers[1].emit({ type: 'state', playing: true, step: 0, finished: false });
    workers[1].emit({ type: 'state', playing: false, step: 10, finished: false });
    workers[1].emit({ type: 'state', playing: false, step: 50, finished: false });
    expect(workers[0].sent.at(-1)).toEqual({ type: 'step', generatorSteps: 10 });
    workers[0].emit({ type: 'state', playing: false, step: 50, finished: false });
    expect(heard.filter((m) => m.type === 'state').at(-1)).toEqual({ type: 'state', playing: false, step: 50, finished: false });
    expect(workers[1].sent.filter((m) => m.type === 'step')).toHaveLength(1);
  });

  it('while playing, keeps the workers within about LEAD_MS of steps of the slowest, until one finishes or a pause', () => {
    const { client, workers } = setup(2);
    client.send({ type: 'init', config: figure5 });
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    client.send({ type: 'play' });
    const limits = (w: FakeWorker) => w.sent.filter((m) => m.type === 'limit');
    // 20 ms a step: a lead of LEAD_MS / 20 steps
    const lead = LEAD_MS / 20;
    for (const w of workers) w.emit({ type: 'trajectory', points: [], stepsPerSecond: 50, msPerStep: 20 });
    for (const w of workers) w.emit({ type: 'state', playing: true, step: 0, finished: false });
    for (const w of workers) expect(limits(w)).toEqual([{ type: 'limit', step: lead }]);
    // the leader reaches the limit and waits: no new limit until the slowest moves
    workers[0].emit({ type: 'state', playing: true, step: lead, finished: false });
    expect(limits(workers[0])).toHaveLength(1);
    workers[1].emit({ type: 'state', playing: true, step: 3, finished: false });
    for (const w of workers) expect(limits(w).at(-1)).toEqual({ type: 'limit', step: 3 + lead });
    // every run of worker 1 stopped: worker 0 runs free
    workers[1].emit({ type: 'state', playing: false, step: 4, finished: true });
    expect(workers[0].sent.at(-1)).toEqual({ type: 'limit', step: null });
    client.send({ type: 'pause' });
    workers[0].emit({ type: 'state', playing: false, step: 9, finished: false });
    expect(workers[0].sent.at(-1)).toEqual({ type: 'pause' });

    const one = setup(1);
    one.client.send({ type: 'init', config: figure5 });
    one.workers[0].emit({ type: 'ready', backend: BACKEND, runCount: 16 });
    one.client.send({ type: 'play' });
    one.workers[0].emit({ type: 'state', playing: true, step: 30, finished: false });
    expect(one.workers[0].sent.some((m) => m.type === 'limit')).toBe(false);
  });

  it('keeps one worker on one core, and lets a reset shrink the pool', () => {
    const one = setup(1);
    one.client.send({ type: 'init', config: figure5 });
    expect(one.workers).toHaveLength(1);
    expect(one.workers[0].sent.at(-1)).toEqual({ type: 'init', config: figure5, runs: undefined, generation: 1 });

    const { client, workers } = setup(2);
    client.send({ type: 'speed', stepsPerSecond: 5 });
    client.send({ type: 'init', config: figure5 });
    const single = makeConfig([baseScheme('ns')], { critics: 'both' });
    client.send({ type: 'reset', config: single });
    expect(workers[1].terminated).toBe(true);
    expect(workers[0].sent.at(-1)).toEqual({ type: 'reset', config: single, runs: undefined, generation: 2 });
    expect(client.workerCount).toBe(1);
    // growing again: the new worker hears the speed setting before its init
    client.send({ type: 'reset', config: figure5 });
    expect(workers).toHaveLength(3);
    expect(workers[2].sent.map((m) => m.type)).toEqual(['speed', 'reset']);
  });

  it('applies a live change at one step on every worker: pause, catch up, change, play on', () => {
    const { client, workers, heard } = setup(2);
    client.send({ type: 'init', config: figure5 });
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    client.send({ type: 'play' });
    for (const w of workers) w.emit({ type: 'state', playing: true, step: 10, finished: false });
    const edited = { ...figure5, criticSteps: 3 };
    client.send({ type: 'live', config: edited });
    for (const w of workers) expect(w.sent.at(-1)).toEqual({ type: 'pause' });
    workers[0].emit({ type: 'state', playing: false, step: 52, finished: false });
    workers[1].emit({ type: 'state', playing: false, step: 50, finished: false });
    expect(workers[1].sent.at(-1)).toEqual({ type: 'step', generatorSteps: 2 });
    expect(workers[0].sent.some((m) => m.type === 'live')).toBe(false); // not before they stand at one step
    workers[1].emit({ type: 'state', playing: false, step: 52, finished: false });
    for (const w of workers) expect(w.sent.slice(-2)).toEqual([{ type: 'live', config: edited, step: 52 }, { type: 'play' }]);
    for (const w of workers) w.emit({ type: 'state', playing: true, step: 52, finished: false });
    // the page never hears of the pause the change took on the way
    const states = heard.filter((m) => m.type === 'state');
    expect(states.every((m) => m.type === 'state' && m.playing)).toBe(true);
  });

  it('a live change holds from the next whole step of every worker (one may be inside a step)', () => {
    const { client, workers } = setup(2);
    client.send({ type: 'init', config: figure5 });
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    workers[0].emit({ type: 'state', playing: false, step: 9, finished: false, phase: 2 });
    workers[1].emit({ type: 'state', playing: false, step: 9, finished: false });
    client.send({ type: 'live', config: figure5 });
    for (const w of workers) expect(w.sent.at(-1)).toEqual({ type: 'live', config: figure5, step: 10 });
  });

  it('a live change while paused resumes nothing', () => {
    const { client, workers } = setup(2);
    client.send({ type: 'init', config: figure5 });
    for (const w of workers) w.emit({ type: 'ready', backend: BACKEND, runCount: 8 });
    for (const w of workers) w.emit({ type: 'state', playing: false, step: 7, finished: false });
    client.send({ type: 'live', config: figure5 });
    // already at one step: the change goes at once, and play stays off
    for (const w of workers) expect(w.sent.slice(-2)).toEqual([{ type: 'pause' }, { type: 'live', config: figure5, step: 7 }]);
  });
});
