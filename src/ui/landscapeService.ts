// Landscapes are computed in a worker and cached by (divergence, target, window), so that a
// render never waits on quadrature and a repeated request costs nothing.
import { useEffect, useState } from 'react';
import type { LandscapeId, MixtureComponent } from '../config/schema';
import type { LandscapeWindow } from './contour';
import type { LandscapeRequest, LandscapeResponse, LandscapeResult } from './landscapeTypes';

const cache = new Map<string, Promise<LandscapeResult>>();
const pending = new Map<string, { resolve: (r: LandscapeResult) => void; reject: (e: Error) => void }>();
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

// Requests made in the same task (one render of all panels) go to the worker as one batch.
let batch: Map<string, LandscapeRequest> | null = null;

function enqueue(key: string, id: LandscapeId, target: MixtureComponent[], window: LandscapeWindow) {
  if (!batch) {
    batch = new Map();
    queueMicrotask(() => {
      const requests = batch ? [...batch.values()] : [];
      batch = null;
      for (const r of requests) getWorker().postMessage(r);
    });
  }
  const groupKey = JSON.stringify([target, window]);
  const group = batch.get(groupKey) ?? { items: [], target, window };
  group.items.push({ key, id });
  batch.set(groupKey, group);
}

export function landscapeKey(id: LandscapeId, target: MixtureComponent[], window: LandscapeWindow): string {
  return JSON.stringify([id, target.map((c) => [c.weight, c.mean, c.std]), window]);
}

export function requestLandscape(id: LandscapeId, target: MixtureComponent[], window: LandscapeWindow): Promise<LandscapeResult> {
  const key = landscapeKey(id, target, window);
  const hit = cache.get(key);
  if (hit) return hit;
  const promise = new Promise<LandscapeResult>((resolve, reject) => {
    pending.set(key, { resolve, reject });
    enqueue(key, id, target, window);
  });
  promise.catch(() => cache.delete(key));
  cache.set(key, promise);
  return promise;
}

export type LandscapeStatus =
  | { state: 'computing' }
  | { state: 'done'; result: LandscapeResult }
  | { state: 'failed'; error: string };

/** The landscape of one divergence for the current target, computed in the worker. */
export function useLandscape(id: LandscapeId, target: MixtureComponent[], window: LandscapeWindow): LandscapeStatus {
  const key = landscapeKey(id, target, window);
  const [status, setStatus] = useState<{ key: string; status: LandscapeStatus }>({ key, status: { state: 'computing' } });
  useEffect(() => {
    let live = true;
    requestLandscape(id, target, window).then(
      (result) => { if (live) setStatus({ key, status: { state: 'done', result } }); },
      (e: Error) => { if (live) setStatus({ key, status: { state: 'failed', error: e.message } }); },
    );
    return () => { live = false; };
    // key captures id, target and window
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return status.key === key ? status.status : { state: 'computing' };
}
