// Pure geometry of the landscape panels' window over (mu, sigma): the fitted default (the
// start, the target's modes, the minima and every trajectory, with a margin), zoom and pan that
// keep sigma positive, the window's text in the URL, and where an arrow at the panel's edge
// points to something outside the window.
import type { MixtureComponent } from '../config/schema';
import type { LandscapeBounds } from '../math/landscape';
import { niceStep } from './ticks';

export interface Point {
  mu: number;
  sigma: number;
}

/** Extent of a set of points; empty when min > max. */
export interface Extent {
  muMin: number;
  muMax: number;
  sigmaMax: number;
}

export const EMPTY_EXTENT: Extent = Object.freeze({ muMin: Infinity, muMax: -Infinity, sigmaMax: -Infinity });

/** The farthest any window reaches: well beyond every target mean (|mean| <= 10) and start. */
export const WINDOW_LIMITS = Object.freeze({ mu: 40, sigma: 40 });
/** Smallest span a zoom reaches. */
const MIN_SPAN = 1e-3;
/** Fraction of the span added on each side of what the fitted window must show. */
const MARGIN = 0.1;

/** Grows an extent by finite points (in place; returns it). */
export function extendExtent(extent: Extent, mus: ArrayLike<number>, sigmas: ArrayLike<number>, from = 0): Extent {
  const n = Math.min(mus.length, sigmas.length);
  for (let i = from; i < n; i++) {
    const mu = mus[i];
    const sigma = sigmas[i];
    if (!Number.isFinite(mu) || !Number.isFinite(sigma)) continue;
    if (mu < extent.muMin) extent.muMin = mu;
    if (mu > extent.muMax) extent.muMax = mu;
    if (sigma > extent.sigmaMax) extent.sigmaMax = sigma;
  }
  return extent;
}

const clampAbs = (v: number, limit: number) => Math.min(limit, Math.max(-limit, v));

/** The fitted window's mu span is at least this many times its sigma span (no sliver of a panel). */
const MIN_MU_PER_SIGMA = 1.5;
/** The lowest sigma a fitted window starts at. */
const SIGMA_FLOOR = 1e-3;

/**
 * The default window: what the panels are about, with a margin: the start, each target mode at
 * its mean and spread (where mode-seeking minima sit, known before the minima are), the given
 * minima and the trajectories' extent. Not the target's whole spread: a far mode would stretch
 * sigma to twice the mixture's standard deviation and squash the runs into the panel's bottom.
 * Its edges are rounded outward to a nice step (so that a trajectory that grows a little leaves
 * it as it is); minima left outside get their edge arrows.
 */
export function fittedWindow(target: MixtureComponent[], start: Point, minima: Point[], trajectories: Extent = EMPTY_EXTENT): LandscapeBounds {
  const points: Point[] = [start, ...target.map((c) => ({ mu: c.mean, sigma: c.std })), ...minima];
  if (trajectories.muMin <= trajectories.muMax) {
    points.push({ mu: trajectories.muMin, sigma: trajectories.sigmaMax }, { mu: trajectories.muMax, sigma: trajectories.sigmaMax });
  }
  let muLo = Infinity;
  let muHi = -Infinity;
  let sigmaLo = Infinity;
  let sigmaHi = -Infinity;
  for (const { mu, sigma } of points) {
    if (!Number.isFinite(mu) || !(sigma > 0) || !Number.isFinite(sigma)) continue;
    muLo = Math.min(muLo, mu);
    muHi = Math.max(muHi, mu);
    sigmaLo = Math.min(sigmaLo, sigma);
    sigmaHi = Math.max(sigmaHi, sigma);
  }
  sigmaHi = Math.min(sigmaHi * (1 + MARGIN), WINDOW_LIMITS.sigma);
  const pad = Math.max(MARGIN * (muHi - muLo), (MIN_MU_PER_SIGMA * sigmaHi - (muHi - muLo)) / 2);
  muLo = clampAbs(muLo - pad, WINDOW_LIMITS.mu);
  muHi = clampAbs(muHi + pad, WINDOW_LIMITS.mu);
  const muStep = niceStep(muHi - muLo, 10);
  const sigmaStep = niceStep(sigmaHi, 10);
  return roundWindow({
    muMin: Math.floor(muLo / muStep) * muStep,
    muMax: Math.ceil(muHi / muStep) * muStep,
    sigmaMin: Math.max(SIGMA_FLOOR, Math.min(sigmaLo / 3, sigmaHi / 10)),
    sigmaMax: Math.ceil(sigmaHi / sigmaStep) * sigmaStep,
  });
}

/** Rounds the window's edges to a thousandth of its span (readable in a URL, stable as a key). */
export function roundWindow(w: LandscapeBounds): LandscapeBounds {
  const r = (v: number, span: number) => {
    const unit = 10 ** Math.floor(Math.log10(span / 1000));
    return +(Math.round(v / unit) * unit).toPrecision(12);
  };
  const muSpan = w.muMax - w.muMin;
  const sigmaSpan = w.sigmaMax - w.sigmaMin;
  const sigmaMin = r(w.sigmaMin, Math.min(sigmaSpan, w.sigmaMin * 1000));
  return { muMin: r(w.muMin, muSpan), muMax: r(w.muMax, muSpan), sigmaMin: sigmaMin > 0 ? sigmaMin : w.sigmaMin, sigmaMax: r(w.sigmaMax, sigmaSpan) };
}

/** Keeps a window within the limits, at least MIN_SPAN wide, with sigma > 0 (spans kept where possible). */
export function clampWindow(w: LandscapeBounds): LandscapeBounds {
  let { muMin, muMax, sigmaMin, sigmaMax } = w;
  const muSpan = Math.min(Math.max(muMax - muMin, MIN_SPAN), 2 * WINDOW_LIMITS.mu);
  if (muMin < -WINDOW_LIMITS.mu) muMin = -WINDOW_LIMITS.mu;
  if (muMin + muSpan > WINDOW_LIMITS.mu) muMin = WINDOW_LIMITS.mu - muSpan;
  muMax = muMin + muSpan;
  const sigmaSpan = Math.min(Math.max(sigmaMax - sigmaMin, MIN_SPAN), WINDOW_LIMITS.sigma);
  const floor = Math.max(1e-3, sigmaSpan / 200);
  if (sigmaMin < floor) sigmaMin = floor;
  if (sigmaMin + sigmaSpan > WINDOW_LIMITS.sigma) sigmaMin = WINDOW_LIMITS.sigma - sigmaSpan;
  sigmaMax = sigmaMin + sigmaSpan;
  return roundWindow({ muMin, muMax, sigmaMin, sigmaMax });
}

/** The window scaled by `factor` (< 1 zooms in) about a point, which stays where it is. */
export function zoomWindow(w: LandscapeBounds, factor: number, at: Point): LandscapeBounds {
  return clampWindow({
    muMin: at.mu - (at.mu - w.muMin) * factor,
    muMax: at.mu + (w.muMax - at.mu) * factor,
    sigmaMin: at.sigma - (at.sigma - w.sigmaMin) * factor,
    sigmaMax: at.sigma + (w.sigmaMax - at.sigma) * factor,
  });
}

/** The window moved by (dMu, dSigma). */
export function panWindow(w: LandscapeBounds, dMu: number, dSigma: number): LandscapeBounds {
  return clampWindow({ muMin: w.muMin + dMu, muMax: w.muMax + dMu, sigmaMin: w.sigmaMin + dSigma, sigmaMax: w.sigmaMax + dSigma });
}

export function windowCentre(w: LandscapeBounds): Point {
  return { mu: (w.muMin + w.muMax) / 2, sigma: (w.sigmaMin + w.sigmaMax) / 2 };
}

export function inWindow(w: LandscapeBounds, p: Point): boolean {
  return p.mu >= w.muMin && p.mu <= w.muMax && p.sigma >= w.sigmaMin && p.sigma <= w.sigmaMax;
}

/** The window as the URL writes it: `muMin:muMax,sigmaMin:sigmaMax`. */
export function formatView(w: LandscapeBounds): string {
  return `${w.muMin}:${w.muMax},${w.sigmaMin}:${w.sigmaMax}`;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Reads `muMin:muMax,sigmaMin:sigmaMax`; throws an Error that says what is wrong. */
export function parseView(text: string): LandscapeBounds {
  const parts = text.split(',');
  if (parts.length !== 2) throw new Error('should be muMin:muMax,sigmaMin:sigmaMax');
  const pair = (part: string, name: string): [number, number] => {
    const bits = part.split(':');
    if (bits.length !== 2 || !bits.every((b) => NUMBER.test(b.trim()))) throw new Error(`"${part}" should be two numbers ${name}Min:${name}Max`);
    return [Number(bits[0]), Number(bits[1])];
  };
  const [muMin, muMax] = pair(parts[0], 'mu');
  const [sigmaMin, sigmaMax] = pair(parts[1], 'sigma');
  if (!(muMin < muMax)) throw new Error('muMin must be below muMax');
  if (!(sigmaMin > 0)) throw new Error('sigmaMin must be > 0');
  if (!(sigmaMin < sigmaMax)) throw new Error('sigmaMin must be below sigmaMax');
  if (Math.abs(muMin) > WINDOW_LIMITS.mu || Math.abs(muMax) > WINDOW_LIMITS.mu || sigmaMax > WINDOW_LIMITS.sigma) {
    throw new Error(`the window must lie within |mu| <= ${WINDOW_LIMITS.mu} and sigma <= ${WINDOW_LIMITS.sigma}`);
  }
  return { muMin, muMax, sigmaMin, sigmaMax };
}

/**
 * Where an arrow on the edge of a box (pixels, inset by `inset`) points to a pixel outside it: the
 * crossing of the segment from the box's centre to the point with the inset box, and the angle of
 * the direction in degrees (0 = right, 90 = down, as SVG rotates).
 */
export function edgeArrow(box: { left: number; top: number; width: number; height: number }, x: number, y: number, inset = 9): { x: number; y: number; angle: number } {
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  const dx = x - cx;
  const dy = y - cy;
  const hx = box.width / 2 - inset;
  const hy = box.height / 2 - inset;
  const t = Math.min(dx === 0 ? Infinity : hx / Math.abs(dx), dy === 0 ? Infinity : hy / Math.abs(dy), 1);
  return { x: cx + dx * t, y: cy + dy * t, angle: (Math.atan2(dy, dx) * 180) / Math.PI };
}

/** A divergence value as it matters: below 1e-12 it is 0 (rounding level), else 3 significant digits. */
export function formatDivergenceValue(v: number): string {
  if (v === Infinity) return '∞';
  if (!Number.isFinite(v)) return 'undefined';
  if (Math.abs(v) < 1e-12) return '0';
  if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) return v.toExponential(2);
  return String(+v.toPrecision(3));
}

/** A location found to ~1e-7: three decimals, and no "-0". */
export function formatCoordinate(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? '0' : r.toFixed(3).replace(/\.?0+$/, '');
}
