// The training curves' quantities as the page and its files name them: one entry per reading of
// a recorded step (src/engine/protocol.ts StepReadings), with its CSV column, its label and what
// it is, and whether it is drawn on a logarithmic axis; and the CSV cells both pages' files write.
import type { ReadingKey } from '../engine/trajectory';
import { RECORDING_RULE } from '../engine/recordStride';

export interface ReadingInfo {
  key: ReadingKey;
  /** Column name in the CSV files. */
  column: string;
  /** Short name (selector). */
  label: string;
  /** The y axis's title (short enough for a phone's chart). */
  axis: string;
  /** What the number is, in one sentence. */
  meaning: string;
  /** Gradient norms span decades: drawn on a log axis. */
  log: boolean;
}

export const READINGS: readonly ReadingInfo[] = [
  {
    key: 'criticLoss', column: 'critic_loss', label: 'critic loss', axis: 'critic loss', log: false,
    meaning: "the critic's loss at its last update of the step: the objective it minimises (penalty included), lower is better for the critic; for an f-GAN it is minus the critic's estimate of the divergence",
  },
  {
    key: 'generatorLoss', column: 'generator_loss', label: 'generator loss', axis: 'generator loss', log: false,
    meaning: "the generator's loss on the step's batch: the objective it minimises, lower is better for the generator",
  },
  {
    key: 'criticGradNorm', column: 'critic_grad_norm', label: 'critic gradient norm', axis: 'critic ‖∇‖', log: true,
    meaning: "the norm of the gradient of the critic's loss over all its weights and biases at its last update (before the learning rate)",
  },
  {
    key: 'generatorGradNorm', column: 'generator_grad_norm', label: 'generator gradient norm', axis: 'generator ‖∇‖', log: true,
    meaning: "the norm of the gradient of the generator's loss over its parameters (before the learning rate)",
  },
];

/** The comment lines that head a CSV file of trajectories: which steps it holds, what the readings are. */
export const READINGS_CSV_NOTES: readonly string[] = [
  `# ${RECORDING_RULE}`,
  `# ${READINGS.map((r) => `${r.column}: ${r.meaning}`).join('; ')}; empty where there is none (step 0, an optimal critic)`,
];

/** Text as a CSV cell: quoted, its quotes doubled. */
export function csvText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A reading as a CSV cell: empty where there is none. */
export function readingCell(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** A reading for JSON: null where there is none. */
export function readingValue(value: number | null | undefined): number | null {
  return value != null && Number.isFinite(value) ? value : null;
}
