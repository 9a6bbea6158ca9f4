// How the landscape panels are viewed, apart from the experiment: the zoomed window (null: the
// fitted default), which runs each panel draws, and the gradient overlay. The window is kept in
// the URL as `view=muMin:muMax,sigmaMin:sigmaMax`; the rest lasts as long as the page.
import { create } from 'zustand';
import { useProblem } from './problem';
import { pageLinkSettings, writePageLink } from './pageLink';
import type { LandscapeId } from '../config/schema';
import { usePlayground } from './store';
import { formatView, parseView } from './viewWindow';
import type { LandscapeBounds } from '../math/landscape';
import type { RunFilter } from './panels/runFilter';

export const VIEW_KEY = 'view';

export interface ViewState {
  zoom: LandscapeBounds | null;
  runFilters: Partial<Record<LandscapeId, RunFilter>>;
  gradients: boolean;
  setZoom: (window: LandscapeBounds | null) => void;
  setRunFilter: (id: LandscapeId, filter: RunFilter) => void;
  setGradients: (on: boolean) => void;
}

/** The window the URL asks for; an unreadable one is reported with the link's other issues. */
function zoomFromUrl(): LandscapeBounds | null {
  if (typeof window === 'undefined') return null;
  const text = new URLSearchParams(pageLinkSettings()).get(VIEW_KEY);
  if (text === null) return null;
  try {
    return parseView(text);
  } catch (e) {
    const issue = { field: VIEW_KEY, message: `ignored ${VIEW_KEY}=${text}: ${(e as Error).message}` };
    usePlayground.setState((s) => ({ urlIssues: [...s.urlIssues, issue] }));
    return null;
  }
}

export const useView = create<ViewState>()((set) => ({
  zoom: zoomFromUrl(),
  runFilters: {},
  gradients: false,
  setZoom: (zoom) => set({ zoom }),
  setRunFilter: (id, filter) => set((s) => ({ runFilters: { ...s.runFilters, [id]: filter } })),
  setGradients: (gradients) => set({ gradients }),
}));

/** Puts the zoom into the link, or takes it out; its other settings stay as they are. */
function writeViewToUrl(zoom: LandscapeBounds | null) {
  if (useProblem.getState().dim !== 1) return;
  const settings = pageLinkSettings();
  const text = zoom ? formatView(zoom) : null;
  if (new URLSearchParams(settings).get(VIEW_KEY) === text) return;
  // rebuilt by hand so that the configuration's readable escaping is left alone
  const others = settings.split('&').filter((p) => p !== '' && !p.startsWith(`${VIEW_KEY}=`));
  if (text) others.push(`${VIEW_KEY}=${text}`);
  writePageLink(others.join('&'));
}

/**
 * Keeps the URL's view field in step with the zoom. The configuration's own URL writer rewrites
 * the query from the configuration alone, so the field is put back after every change of it.
 */
export function syncViewUrl(): () => void {
  const unsubscribeView = useView.subscribe((s, prev) => { if (s.zoom !== prev.zoom) writeViewToUrl(s.zoom); });
  const unsubscribeConfig = usePlayground.subscribe((s, prev) => {
    if (s.runConfig !== prev.runConfig) queueMicrotask(() => writeViewToUrl(useView.getState().zoom));
  });
  return () => { unsubscribeView(); unsubscribeConfig(); };
}
