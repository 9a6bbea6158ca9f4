// Pointer gestures on a landscape plot: a click (or tap) that does not move, a drag that pans,
// the wheel and a two-finger pinch that zoom about the pointer, and hover. Positions are handed
// on in (mu, sigma); the window is read through a ref so that handlers always see the latest.
import { useEffect, useRef, type RefObject } from 'react';
import { panWindow, zoomWindow, type Point, type ViewWindow } from '../viewWindow';
import type { Box } from './layout';

/** Pixels a press may move and still count as a click. */
const CLICK_SLOP = 4;

export interface GestureHandlers {
  onClick: (p: Point) => void;
  onHover: (p: Point | null) => void;
  onWindow: (w: ViewWindow) => void;
}

interface Press {
  x: number;
  y: number;
}

export function usePlotGestures(element: RefObject<HTMLElement | null>, geometry: { window: ViewWindow; box: Box; width: number }, handlers: GestureHandlers) {
  const latest = useRef({ geometry, handlers });
  latest.current = { geometry, handlers };
  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const presses = new Map<number, Press>();
    let start: { window: ViewWindow; presses: Map<number, Press> } | null = null;
    let moved = false;

    /** Client pixels to plot pixels and on to (mu, sigma). */
    const toData = (clientX: number, clientY: number, w: ViewWindow): Point & { px: number; py: number } => {
      const rect = el.getBoundingClientRect();
      const { box, width } = latest.current.geometry;
      const k = width / rect.width;
      const px = (clientX - rect.left) * k;
      const py = (clientY - rect.top) * k;
      const mu = w.muMin + ((px - box.left) / box.width) * (w.muMax - w.muMin);
      const sigma = w.sigmaMin + ((box.top + box.height - py) / box.height) * (w.sigmaMax - w.sigmaMin);
      return { mu, sigma, px, py };
    };
    const insideBox = (p: { px: number; py: number }) => {
      const { box } = latest.current.geometry;
      return p.px >= box.left && p.px <= box.left + box.width && p.py >= box.top && p.py <= box.top + box.height;
    };

    const down = (e: PointerEvent) => {
      if (e.button !== 0 && e.pointerType === 'mouse') return;
      presses.set(e.pointerId, { x: e.clientX, y: e.clientY });
      el.setPointerCapture?.(e.pointerId);
      start = { window: latest.current.geometry.window, presses: new Map(presses) };
      moved = presses.size > 1;
    };
    const move = (e: PointerEvent) => {
      const { handlers: h } = latest.current;
      if (!presses.has(e.pointerId)) {
        const p = toData(e.clientX, e.clientY, latest.current.geometry.window);
        h.onHover(insideBox(p) ? p : null);
        return;
      }
      presses.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (!start) return;
      const w0 = start.window;
      if (presses.size >= 2 && start.presses.size >= 2) {
        const [a0, b0] = [...start.presses.values()];
        const [a1, b1] = [...presses.values()];
        const d0 = Math.hypot(a0.x - b0.x, a0.y - b0.y);
        const d1 = Math.hypot(a1.x - b1.x, a1.y - b1.y);
        if (d0 > 0 && d1 > 0) {
          const mid0 = toData((a0.x + b0.x) / 2, (a0.y + b0.y) / 2, w0);
          h.onWindow(zoomWindow(w0, d0 / d1, mid0));
        }
        return;
      }
      const first = start.presses.get(e.pointerId);
      if (!first) return;
      if (!moved && Math.hypot(e.clientX - first.x, e.clientY - first.y) < CLICK_SLOP) return;
      moved = true;
      const p0 = toData(first.x, first.y, w0);
      const p1 = toData(e.clientX, e.clientY, w0);
      h.onWindow(panWindow(w0, p0.mu - p1.mu, p0.sigma - p1.sigma));
    };
    const up = (e: PointerEvent) => {
      if (!presses.has(e.pointerId)) return;
      presses.delete(e.pointerId);
      if (presses.size === 0) {
        const p = toData(e.clientX, e.clientY, latest.current.geometry.window);
        if (!moved && e.type === 'pointerup' && insideBox(p)) {
          latest.current.handlers.onClick(p);
          latest.current.handlers.onHover(p);
        }
        start = null;
        moved = false;
      } else {
        // a finger lifted from a pinch: the other one pans from here
        start = { window: latest.current.geometry.window, presses: new Map(presses) };
      }
    };
    const leave = (e: PointerEvent) => { if (e.pointerType === 'mouse' && presses.size === 0) latest.current.handlers.onHover(null); };
    const wheel = (e: WheelEvent) => {
      const w = latest.current.geometry.window;
      const p = toData(e.clientX, e.clientY, w);
      if (!insideBox(p)) return;
      e.preventDefault();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      latest.current.handlers.onWindow(zoomWindow(w, Math.exp(Math.max(-1, Math.min(1, delta * 0.002))), p));
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
    el.addEventListener('pointerleave', leave);
    el.addEventListener('wheel', wheel, { passive: false });
    return () => {
      el.removeEventListener('pointerdown', down);
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
      el.removeEventListener('pointerleave', leave);
      el.removeEventListener('wheel', wheel);
    };
  }, [element]);
}
