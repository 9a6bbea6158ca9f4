// What a page's engine connection reads of either store's training state, and which engine
// messages belong to an experiment the page has already replaced. Pure.
import type { FromWorker } from '../engine/protocol';
import type { PauseState } from './pauseState';

export interface TrainingStatus extends PauseState {
  status: 'idle' | 'starting' | 'ready' | 'error';
  playing: boolean;
  step: number;
}

/**
 * Whether an engine message belongs to an experiment the page has already replaced. While a
 * restart is on its way (status 'starting') the engine can still send what the old experiment
 * trained before it took the reset; those would move the counter back up. A 'ready' that comes
 * while a newer reset is still to be sent (resetPending: the reset is debounced) is the old
 * experiment's too. Notices, backend changes and errors always count.
 */
export function fromReplacedExperiment(msg: FromWorker<unknown, unknown, unknown>, status: TrainingStatus['status'], resetPending: boolean): boolean {
  if (msg.type === 'ready') return resetPending;
  const progress = msg.type === 'trajectory' || msg.type === 'state' || msg.type === 'snapshot' || msg.type === 'run-stopped' || msg.type === 'live-applied';
  return progress && status === 'starting';
}
