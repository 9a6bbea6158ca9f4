// The 1-D problem with its Trainer, as the engine's shell runs it (batchTrainer.ts).
import type { Config } from '../config/schema';
import { estimateCost, reduceAdvice } from '../config/cost';
import type { EngineCore } from './batchTrainer';
import { lineDimension, type LineRunPoint } from './lineDimension';
import type { Snapshot, TrajectoryPoint } from './protocol';
import { TrainingSession } from './session';
import { Trainer, type TrainerOptions, type TrainerState } from './trainer';

export const lineCore: EngineCore<Config, TrajectoryPoint, Snapshot, TrainerState, LineRunPoint, TrainerOptions> = {
  ...lineDimension,
  build: (config, runs, options) => new Trainer(config, runs, options),
  reduceAdvice: (config) => reduceAdvice(estimateCost(config)),
};

export type LineSession = TrainingSession<Config, TrajectoryPoint, Snapshot, TrainerState, TrainerOptions>;

/** A session of the 1-D problem: `config`'s runs (those at `indices`, or all), from step 0. */
export function lineSession(config: Config, indices: number[] | null = null, options: TrainerOptions = {}): LineSession {
  return new TrainingSession(lineCore, config, indices, options);
}
