// Pointer gestures on a landscape plot: a click (or tap) that does not move, a mouse drag that
// pans, the wheel that zooms about the pointer, two fingers that pan and pinch, and hover. One
// finger dragging scrolls the page, as over a map (the plot's touch-action lets the browser pan;
// the gesture only asks for a hint). Positions are handed on in (mu, sigma); the window is read
// through a ref so that handlers always see the latest.
import { useEffect, useRef, type RefObject } from 'react';
import { panWindow, zoomWindow, type Point } from '../viewWindow';
import type { LandscapeBounds } from '../../math/landscape';
import type { Box } from './layout';

/** Pixels a press may move and still count as a click. */
const CLICK_SLOP = 4;

export interface GestureHandlers {
  onClick: (p: Point) => void;
  onHover: (p: Point | null) => void;
  onWindow: (w: LandscapeBounds) => void;
  /** One finger dragged over the plot (the page scrolls; two fingers pan). */
  onOneFingerDrag: () => void;
}

interface Geometry {
  window: LandscapeBounds;
  box: Box;
  /** The SVG's width in its own pixels (its viewBox). */
  width: number;
}

interface Latest {
  geometry: Geometry;
  handlers: GestureHandlers;
}

type Press = { x: number; y: number };
type PlotPoint = Point & { inside: boolean };

/** Client pixels to (mu, sigma) over a window, and whether the point is inside the plot box. */
function toPlot(el: HTMLElement, { box, width }: Geometry, w: LandscapeBounds, clientX: number, clientY: number): PlotPoint {
  const rect = el.getBoundingClientRect();
  const k = width / rect.width;
  const px = (clientX - rect.left) * k;
  const py = (clientY - rect.top) * k;
  return {
    mu: w.muMin + ((px - box.left) / box.width) * (w.muMax - w.muMin),
    sigma: w.sigmaMin + ((box.top + box.height - py) / box.height) * (w.sigmaMax - w.sigmaMin),
    inside: px >= box.left && px <= box.left + box.width && py >= box.top && py <= box.top + box.height,
  };
}

/**
 * The window two fingers make of `w0`: scaled by their distance about their first midpoint, and
 * moved so that the point under that midpoint stays under their midpoint now.
 */
function pinched(el: HTMLElement, geometry: Geometry, w0: LandscapeBounds, from: Press[], to: Press[]): LandscapeBounds | null {
  const d0 = Math.hypot(from[0].x - from[1].x, from[0].y - from[1].y);
  const d1 = Math.hypot(to[0].x - to[1].x, to[0].y - to[1].y);
  if (!(d0 > 0 && d1 > 0)) return null;
  const mid = toPlot(el, geometry, w0, (from[0].x + from[1].x) / 2, (from[0].y + from[1].y) / 2);
  const zoomed = zoomWindow(w0, d0 / d1, mid);
  const now = toPlot(el, geometry, zoomed, (to[0].x + to[1].x) / 2, (to[0].y + to[1].y) / 2);
  return panWindow(zoomed, mid.mu - now.mu, mid.sigma - now.sigma);
}

/** The pointer and wheel listeners of one plot element. */
function gestureListeners(el: HTMLElement, latest: { current: Latest }) {
  const presses = new Map<number, Press>();
  let start: { window: LandscapeBounds; presses: Map<number, Press> } | null = null;
  let moved = false;
  const at = (e: { clientX: number; clientY: number }, w = latest.current.geometry.window) => toPlot(el, latest.current.geometry, w, e.clientX, e.clientY);
  const restart = () => { start = { window: latest.current.geometry.window, presses: new Map(presses) }; };

  const down = (e: PointerEvent) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    presses.set(e.pointerId, { x: e.clientX, y: e.clientY });
    el.setPointerCapture?.(e.pointerId);
    restart();
    moved = presses.size > 1;
  };
  const move = (e: PointerEvent) => {
    const { handlers } = latest.current;
    if (!presses.has(e.pointerId)) {
      const p = at(e);
      handlers.onHover(p.inside ? p : null);
      return;
    }
    presses.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (!start) return;
    if (presses.size >= 2 && start.presses.size >= 2) {
      const next = pinched(el, latest.current.geometry, start.window, [...start.presses.values()], [...presses.values()]);
      if (next) handlers.onWindow(next);
      return;
    }
    const first = start.presses.get(e.pointerId);
    if (!first || (!moved && Math.hypot(e.clientX - first.x, e.clientY - first.y) < CLICK_SLOP)) return;
    if (e.pointerType === 'touch') {
      // the browser scrolls the page (and cancels the pointer): one hint per drag
      if (!moved) handlers.onOneFingerDrag();
      moved = true;
      return;
    }
    moved = true;
    const p0 = at({ clientX: first.x, clientY: first.y }, start.window);
    const p1 = at(e, start.window);
    handlers.onWindow(panWindow(start.window, p0.mu - p1.mu, p0.sigma - p1.sigma));
  };
  const up = (e: PointerEvent) => {
    if (!presses.delete(e.pointerId)) return;
    // a finger lifted from two: the gesture goes on from here with the other
    if (presses.size > 0) { restart(); return; }
    const p = at(e);
    if (!moved && e.type === 'pointerup' && p.inside) {
      latest.current.handlers.onClick(p);
      latest.current.handlers.onHover(p);
    }
    start = null;
    moved = false;
  };
  const leave = (e: PointerEvent) => { if (e.pointerType === 'mouse' && presses.size === 0) latest.current.handlers.onHover(null); };
  const wheel = (e: WheelEvent) => {
    const p = at(e);
    if (!p.inside) return;
    e.preventDefault();
    const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    latest.current.handlers.onWindow(zoomWindow(latest.current.geometry.window, Math.exp(Math.max(-1, Math.min(1, delta * 0.002))), p));
  };
  // two fingers are the plot's: the page neither scrolls nor zooms under them
  const touchmove = (e: TouchEvent) => { if (e.touches.length >= 2 && e.cancelable) e.preventDefault(); };
  return { pointerdown: down, pointermove: move, pointerup: up, pointercancel: up, pointerleave: leave, wheel, touchmove };
}

export function usePlotGestures(element: RefObject<HTMLElement | null>, geometry: Geometry, handlers: GestureHandlers) {
  const latest = useRef<Latest>({ geometry, handlers });
  latest.current = { geometry, handlers };
  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const listeners = Object.entries(gestureListeners(el, latest)) as [string, EventListener][];
    for (const [type, listener] of listeners) el.addEventListener(type, listener, type === 'wheel' || type === 'touchmove' ? { passive: false } : undefined);
    return () => { for (const [type, listener] of listeners) el.removeEventListener(type, listener); };
  }, [element]);
}
