// Which problem the page shows: the 1-D toy of Figure 5 or the 2-D problems. Both stay mounted
// with their own stores and training; the address bar holds the shown problem's link, and the
// other one's link is kept to restore when the user switches back.
import { create } from 'zustand';
import { isPlanarQuery } from '../config/planarUrl';
import { pageLinkSettings, writePageLink } from './pageLink';

export type Dimension = 1 | 2;

interface ProblemState {
  dim: Dimension;
  /** The link's settings of each problem as last shown. */
  queries: Record<Dimension, string>;
  switchTo: (dim: Dimension) => void;
}

/** What each problem does when the page leaves it (its store registers its pause). */
const onLeave: Partial<Record<Dimension, () => void>> = {};

/** Registers what `dim` does when the page switches away from it. */
export function whenLeft(dim: Dimension, leave: () => void): void {
  onLeave[dim] = leave;
}

const initialDim: Dimension = isPlanarQuery(pageLinkSettings()) ? 2 : 1;

export const useProblem = create<ProblemState>()((set, get) => ({
  dim: initialDim,
  queries: { 1: initialDim === 1 ? pageLinkSettings() : '', 2: initialDim === 2 ? pageLinkSettings() : 'dim=2' },
  switchTo: (dim) => {
    const { dim: current, queries } = get();
    if (dim === current) return;
    onLeave[current]?.();
    const saved = { ...queries, [current]: pageLinkSettings() };
    writePageLink(saved[dim]);
    set({ dim, queries: saved });
  },
}));

/** Space toggles play/pause of the problem shown, except while typing in a form control. */
export function spaceToggles(dim: Dimension, toggle: () => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.code !== 'Space' && e.key !== ' ') return;
    if (useProblem.getState().dim !== dim) return;
    const el = e.target as HTMLElement | null;
    if (el && (el.closest('input, select, textarea, button, summary, [contenteditable="true"]'))) return;
    e.preventDefault();
    toggle();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
