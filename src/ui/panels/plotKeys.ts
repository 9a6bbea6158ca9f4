// What a key does on a focused landscape panel: the arrow keys move the generator's start (Shift:
// five times as far), or pan the window in pan mode (P turns it on and off, Escape off); + and −
// zoom about the start (about the centre when the start is outside), 0 fits the window again.
import { inWindow, panWindow, windowCentre, zoomWindow, type Point } from '../viewWindow';
import { niceStep } from '../ticks';
import type { LandscapeBounds } from '../../math/landscape';

/** The factor one zoom step scales the window by (the zoom buttons' too). */
export const ZOOM_STEP = 1.5;
/** The start's limits: the configuration's (|mu0| <= 10, 0 < sigma0 <= 10). */
const START_LIMITS = { mu: 10, sigma: 10 };

export type PlotKeyAction =
  | { kind: 'start'; start: Point }
  | { kind: 'window'; window: LandscapeBounds }
  | { kind: 'fit' }
  | { kind: 'pan-mode'; on: boolean };

export interface PlotKeyState {
  window: LandscapeBounds;
  start: Point;
  panning: boolean;
}

const ARROWS: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

/** A round step of about a fiftieth of the span (a tenth with Shift). */
const startStep = (span: number, big: boolean) => niceStep(span, big ? 10 : 50);

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number, step: number) => +(Math.round(v / step) * step).toPrecision(12);

/** The action of a key on a panel, or null for a key the panel leaves to the page. */
export function plotKeyAction(key: { key: string; shiftKey: boolean }, { window: w, start, panning }: PlotKeyState): PlotKeyAction | null {
  const arrow = ARROWS[key.key];
  if (arrow) {
    const muSpan = w.muMax - w.muMin;
    const sigmaSpan = w.sigmaMax - w.sigmaMin;
    if (panning) {
      const share = key.shiftKey ? 0.5 : 0.1;
      return { kind: 'window', window: panWindow(w, arrow[0] * share * muSpan, arrow[1] * share * sigmaSpan) };
    }
    // only the axis of the arrow moves (onto a round value of its step)
    const muStep = startStep(muSpan, key.shiftKey);
    const sigmaStep = startStep(sigmaSpan, key.shiftKey);
    return {
      kind: 'start',
      start: {
        mu: arrow[0] === 0 ? start.mu : clamp(round(start.mu + arrow[0] * muStep, muStep), -START_LIMITS.mu, START_LIMITS.mu),
        sigma: arrow[1] === 0 ? start.sigma : clamp(round(start.sigma + arrow[1] * sigmaStep, sigmaStep), sigmaStep, START_LIMITS.sigma),
      },
    };
  }
  const about = inWindow(w, start) ? start : windowCentre(w);
  switch (key.key) {
    case '+': case '=': return { kind: 'window', window: zoomWindow(w, 1 / ZOOM_STEP, about) };
    case '-': case '_': case '−': return { kind: 'window', window: zoomWindow(w, ZOOM_STEP, about) };
    case '0': return { kind: 'fit' };
    case 'p': case 'P': return { kind: 'pan-mode', on: !panning };
    case 'Escape': return panning ? { kind: 'pan-mode', on: false } : null;
    default: return null;
  }
}

/** What the panel says about its keys (its accessible name and the hint shown while focused). */
export function plotKeysHint(panning: boolean): string {
  return panning
    ? 'Pan mode: arrow keys pan (Shift: farther); P or Escape: back to moving the start; + and − zoom; 0 fits.'
    : 'Arrow keys move the start (Shift: farther); + and − zoom; P: pan mode; 0 fits.';
}
