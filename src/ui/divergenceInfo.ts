// Names and tail weights of the divergences as the page shows them.
import type { LandscapeId } from '../config/schema';
import { LANDSCAPE_NAMES, LANDSCAPE_SHORT_NAMES, getDivergence, type DivergenceId } from '../math/catalog';

export function landscapeName(id: LandscapeId): string {
  return LANDSCAPE_NAMES[id];
}

export function shortName(id: LandscapeId): string {
  return LANDSCAPE_SHORT_NAMES[id];
}

/** "tails (2, 0), unbounded" for an f-divergence; W1 has no tail weights. */
export function tailSummary(id: LandscapeId): string {
  if (id === 'w1') return 'not an f-divergence';
  const d = getDivergence(id as DivergenceId);
  return `tail weights (L ${d.tailWeights.left}, R ${d.tailWeights.right}), ${d.bounded ? 'bounded' : 'unbounded'}`;
}
