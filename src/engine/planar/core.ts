// The 2-D problems with their trainer, as the engine's shell runs them (../batchTrainer.ts).
import type { PlanarConfig } from '../../config/planar';
import type { EngineCore } from '../batchTrainer';
import { TrainingSession } from '../session';
import { planarDimension, type PlanarRunPoint } from './dimension';
import type { PlanarPoint, PlanarSnapshot } from './protocol';
import { PlanarTrainer, type PlanarTrainerState } from './trainer';

export const planarCore: EngineCore<PlanarConfig, PlanarPoint, PlanarSnapshot, PlanarTrainerState, PlanarRunPoint> = {
  ...planarDimension,
  build: (config, runs, options) => new PlanarTrainer(config, runs, options),
  reduceAdvice: () => 'reduce the batch size, the critic, the generator or the number of runs',
};

export type PlanarSession = TrainingSession<PlanarConfig, PlanarPoint, PlanarSnapshot, PlanarTrainerState>;

/** A session of a 2-D problem: `config`'s runs (those at `indices`, or all), from step 0. */
export function planarSession(config: PlanarConfig, indices: number[] | null = null, options: { recordEvery?: number } = {}): PlanarSession {
  return new TrainingSession(planarCore, config, indices, options);
}
