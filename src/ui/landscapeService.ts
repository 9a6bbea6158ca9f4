// Landscapes are computed in a worker and cached: grids by (divergence, target, window), minima
// by (divergence, target), so that a render never waits on quadrature and a repeated request
// costs nothing. A panel whose window changes keeps showing its last grid until the new one is in.
// Values at points (the monitor's) go to the same worker uncached: their caller keeps them.
import { useEffect, useState } from 'react';
import type { LandscapeId, MixtureComponent } from '../config/schema';
import type { LandscapeWindow } from '../math/landscape';
import type { DivergenceId } from '../math/criticBasis';
import type { PlanarComponent } from '../math/planar/mixture2';
import type { PlanarLandscape } from '../math/planar/landscape2';
import type { LandscapeGridResult, LandscapeMinimaResult, LandscapeRequest, LandscapeResponse, LandscapeValuesResult, PointRequest } from './landscapeTypes';

type Result = LandscapeGridResult | LandscapeMinimaResult | LandscapeValuesResult | PlanarLandscape;

/** Grids kept for windows seen lately (zooming and panning visit many). */
const GRID_CACHE_SIZE = 48;

const cache = new Map<string, Promise<Result>>();
const pending = new Map<string, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
let worker: Worker | null = null;

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./landscape.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<LandscapeResponse>) => {
    const msg = event.data;
    const waiter = pending.get(msg.key);
    if (!waiter) return;
    pending.delete(msg.key);
    if (msg.ok) waiter.resolve(msg.result);
    else waiter.reject(new Error(msg.error));
  };
  worker.onerror = (event) => {
    for (const [key, waiter] of pending) {
      waiter.reject(new Error(event.message || 'the landscape worker failed'));
      cache.delete(key);
    }
    pending.clear();
  };
  return worker;
}

// Requests made in the same task (one render of all panels) go to the worker as one batch per
// kind, target and window.
let batch: Map<string, Extract<LandscapeRequest, { items: unknown }>> | null = null;

function enqueue(key: string, id: LandscapeId, target: MixtureComponent[], window: LandscapeWindow | null) {
  if (!batch) {
    batch = new Map();
    queueMicrotask(() => {
      const requests = batch ? [...batch.values()] : [];
      batch = null;
      for (const r of requests) getWorker().postMessage(r);
    });
  }
  const groupKey = JSON.stringify([target, window]);
  const group: Extract<LandscapeRequest, { items: unknown }> = batch.get(groupKey)
    ?? (window ? { kind: 'grid', items: [], target, window } : { kind: 'minima', items: [], target });
  group.items.push({ key, id });
  batch.set(groupKey, group);
}

const targetKey = (target: MixtureComponent[]) => target.map((c) => [c.weight, c.mean, c.std]);

export function landscapeKey(id: LandscapeId, target: MixtureComponent[], window: LandscapeWindow | null): string {
  return JSON.stringify([id, targetKey(target), window]);
}

function request<R extends Result>(id: LandscapeId, target: MixtureComponent[], window: LandscapeWindow | null): Promise<R> {
  const key = landscapeKey(id, target, window);
  const hit = cache.get(key);
  if (hit) {
    // most recently used last
    cache.delete(key);
    cache.set(key, hit);
    return hit as Promise<R>;
  }
  const promise = new Promise<Result>((resolve, reject) => {
    pending.set(key, { resolve, reject });
    enqueue(key, id, target, window);
  });
  promise.catch(() => cache.delete(key));
  cache.set(key, promise);
  if (cache.size > GRID_CACHE_SIZE) {
    for (const k of cache.keys()) {
      if (cache.size <= GRID_CACHE_SIZE) break;
      if (!pending.has(k)) cache.delete(k);
    }
  }
  return promise as Promise<R>;
}

/** Contour lines and gradient field of one divergence over a window. */
export function requestLandscape(id: LandscapeId, target: MixtureComponent[], window: LandscapeWindow): Promise<LandscapeGridResult> {
  return request<LandscapeGridResult>(id, target, window);
}

let valuesRequests = 0;

/** Divergence values at points, in the order asked. */
export function requestValues(target: MixtureComponent[], points: PointRequest[]): Promise<number[]> {
  const key = `values-${++valuesRequests}`;
  return new Promise<Result>((resolve, reject) => {
    pending.set(key, { resolve, reject });
    getWorker().postMessage({ kind: 'values', key, target, points } satisfies LandscapeRequest);
  }).then((r) => (r as LandscapeValuesResult).values);
}

let planarRequests = 0;

/** The 2-D isotropic landscape of run `run` at scale `scale` (D_f over q's mean). */
export function requestPlanarLandscape(target: PlanarComponent[], id: DivergenceId, run: number, scale: number): Promise<PlanarLandscape> {
  const key = `planar-${++planarRequests}`;
  return new Promise<Result>((resolve, reject) => {
    pending.set(key, { resolve, reject });
    getWorker().postMessage({ kind: 'planar', key, target, id, run, scale } satisfies LandscapeRequest);
  }).then((r) => r as PlanarLandscape);
}

/** Every local minimum of one divergence over the whole space (mu real, sigma > 0). */
export function requestMinima(id: LandscapeId, target: MixtureComponent[]): Promise<LandscapeMinimaResult> {
  return request<LandscapeMinimaResult>(id, target, null);
}

export type Status<R> =
  | { state: 'computing'; last: R | null }
  | { state: 'done'; result: R }
  | { state: 'failed'; error: string };

function useResult<R>(key: string, load: () => Promise<R>): Status<R> {
  const [status, setStatus] = useState<{ key: string; status: Status<R> }>({ key, status: { state: 'computing', last: null } });
  useEffect(() => {
    let live = true;
    load().then(
      (result) => { if (live) setStatus({ key, status: { state: 'done', result } }); },
      (e: Error) => { if (live) setStatus({ key, status: { state: 'failed', error: e.message } }); },
    );
    return () => { live = false; };
    // key captures everything load depends on
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (status.key === key) return status.status;
  return { state: 'computing', last: status.status.state === 'done' ? status.status.result : status.status.state === 'computing' ? status.status.last : null };
}

/** The landscape of one divergence for the current target over a window, computed in the worker. */
export function useLandscape(id: LandscapeId, target: MixtureComponent[], window: LandscapeWindow): Status<LandscapeGridResult> {
  return useResult(landscapeKey(id, target, window), () => requestLandscape(id, target, window));
}

/** The minima of one divergence over the whole space. */
export function useMinima(id: LandscapeId, target: MixtureComponent[]): Status<LandscapeMinimaResult> {
  return useResult(landscapeKey(id, target, null), () => requestMinima(id, target));
}
