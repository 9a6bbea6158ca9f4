// Which runs a landscape panel draws: those whose generator minimises the panel's divergence
// (the paper's Figure 5, one scheme per panel), or all of them.
export type RunFilter = 'minimisers' | 'all';

/**
 * The filter a panel uses: the user's choice, else "minimisers" when several schemes run and one
 * of them minimises this divergence, else "all".
 */
export function effectiveRunFilter(chosen: RunFilter | undefined, schemeCount: number, minimised: boolean): RunFilter {
  if (chosen) return chosen;
  return schemeCount > 1 && minimised ? 'minimisers' : 'all';
}
