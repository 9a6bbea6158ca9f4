// The fused critic kernels on the tfjs wasm backend: wasm/critic.ts compiled to WebAssembly SIMD
// and instantiated over the backend's own memory, so that it reads and writes tensors where they
// are. Scratch space is allocated from the backend's heap once per shape. Without WebAssembly SIMD
// the module does not compile and the trainer stays on tfjs's kernels.
import type { TensorInfo } from '@tensorflow/tfjs';
import type { Activation } from '../../config/schema';
import { COEFFICIENTS, layerShape, type CriticGeometry } from './criticPass';
import { CRITIC_WASM_BASE64 } from './criticWasm';
import type { CriticUpdateAttrs } from './kernels';

interface CriticExports {
  forwardLayer(inp: number, inWidth: number, ones: number, w: number, rows: number, cols: number, out: number, n: number, act: number, hidden: number): void;
  lossDerivative(d: number, up: number, n: number, groupSize: number, coef: number, wantValue: number): number;
  paramGrad(inp: number, inWidth: number, ones: number, up: number, cols: number, n: number, g: number, rows: number, mask: number): void;
  backUp(up: number, cols: number, w: number, inWidth: number, prev: number, act: number, next: number, n: number, wt: number): void;
  optimizerStep(w: number, m: number, v: number, ms: number, g: number, size: number, cols: number, hidden: number, prescaled: number,
    sgd: number, adam: number, b1: number, b2: number, epsA: number, rms: number, rho: number, epsR: number, clip: number): void;
}

/** What the kernels use of tfjs's BackendWasm. */
export interface WasmBackendLike {
  wasm: { HEAPF32: Float32Array; HEAPU8: Uint8Array; _malloc(bytes: number): number; asm: { memory: WebAssembly.Memory } };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
}

const ACTIVATION_CODE: Record<Activation, number> = { elu: 0, relu: 1, 'leaky-relu': 2, tanh: 3, softplus: 4 };

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is missing. */
export function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(CRITIC_WASM_BASE64), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const instances = new WeakMap<WebAssembly.Memory, CriticExports>();

/** The kernels' exports over this backend's memory (null without SIMD). */
export function criticExports(backend: WasmBackendLike): CriticExports | null {
  const memory = backend.wasm.asm.memory;
  let ex = instances.get(memory);
  if (!ex) {
    const module = simdModule();
    if (!module) return null;
    ex = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as CriticExports;
    instances.set(memory, ex);
  }
  return ex;
}

/** Heap scratch of one geometry, sample count and batch: byte offsets. */
interface HeapScratch { acts: number[]; upA: number; upB: number; grad: number[]; x: number; coef: number; wt: number }

const scratches = new WeakMap<object, Map<string, HeapScratch>>();

function heapScratch(backend: WasmBackendLike, geometry: CriticGeometry, N: number, L: number): HeapScratch {
  let byKey = scratches.get(backend.wasm);
  if (!byKey) { byKey = new Map(); scratches.set(backend.wasm, byKey); }
  const key = `${geometry.sizes.join('-')}:${N}:${L}`;
  let s = byKey.get(key);
  if (!s) {
    const floats = (n: number) => backend.wasm._malloc(4 * n + 128); // the SIMD loops read up to 96 bytes past a row
    const layers = geometry.sizes.length - 1;
    const widest = Math.max(...geometry.sizes) + 1;
    s = {
      acts: Array.from({ length: layers }, (_, l) => floats(N * layerShape(geometry.sizes, l)[1])),
      upA: floats(N * widest), upB: floats(N * widest),
      grad: Array.from({ length: layers }, (_, l) => { const [r, c] = layerShape(geometry.sizes, l); return floats(r * c); }),
      x: floats(L * N * geometry.sizes[0]), coef: floats(L * 2 * COEFFICIENTS), wt: floats(widest * widest),
    };
    byKey.set(key, s);
  }
  return s;
}

const offsetOf = (backend: WasmBackendLike, t: TensorInfo) => backend.dataIdMap.get(t.dataId)!.memoryOffset;
const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The forward pass of run r from x (byte offset) into the scratch's acts. */
function forward(ex: CriticExports, g: CriticGeometry, s: HeapScratch, w: number[], r: number, x: number, N: number): void {
  const count = g.sizes.length - 1;
  const act = ACTIVATION_CODE[g.activation];
  for (let l = 0; l < count; l++) {
    const [rows, cols] = layerShape(g.sizes, l);
    const inp = l === 0 ? x + 4 * r * N * g.sizes[0] : s.acts[l - 1];
    ex.forwardLayer(inp, l === 0 ? g.sizes[0] : rows, l === 0 ? 1 : 0, w[l] + 4 * r * rows * cols, rows, cols, s.acts[l], N, act, l + 1 < count ? 1 : 0);
  }
}

export interface UpdateTensors { ws: TensorInfo[]; m: TensorInfo[] | null; v: TensorInfo[] | null; ms: TensorInfo[] | null; V: TensorInfo; A: TensorInfo }

/** One critic update of every run (the 'FganCriticUpdate' kernel on wasm). */
export function wasmCriticUpdate(backend: WasmBackendLike, ex: CriticExports, t: UpdateTensors, a: CriticUpdateAttrs): TensorInfo[] {
  const { geometry: g, groupSize } = a;
  const L = t.ws[0].shape[0];
  const N = 2 * groupSize;
  const out = (list: TensorInfo[] | null) => list?.map((x) => backend.makeOutput(x.shape, 'float32')) ?? null;
  const outW = out(t.ws)!, outM = out(t.m), outV = out(t.v), outMs = out(t.ms);
  const outLoss = a.withValue ? backend.makeOutput([L, 1, 1], 'float32') : null;
  const outGrads = a.withGrads ? out(t.ws) : null;
  const s = heapScratch(backend, g, N, L);
  // views only now: allocations may have grown the heap
  const { HEAPF32: heap, HEAPU8: bytes } = backend.wasm;
  const copy = (from: TensorInfo[] | null, to: TensorInfo[] | null) => to?.map((o, l) => {
    const src = offsetOf(backend, from![l]);
    const dst = offsetOf(backend, o);
    bytes.copyWithin(dst, src, src + 4 * sizeOf(o.shape));
    return dst;
  }) ?? null;
  const w = copy(t.ws, outW)!, m = copy(t.m, outM), v = copy(t.v, outV), ms = copy(t.ms, outMs);
  samplesInto(heap, offsetOf(backend, t.V) >> 2, offsetOf(backend, t.A) >> 2, t.V.shape[1] / N, L, N, a.update, s.x >> 2);
  heap.set(a.coefficients, s.coef >> 2);
  const grads = outGrads?.map((o) => offsetOf(backend, o)) ?? null;
  const loss = outLoss ? offsetOf(backend, outLoss) >> 2 : -1;
  for (let r = 0; r < L; r++) {
    forward(ex, g, s, w, r, s.x, N);
    const count = g.sizes.length - 1;
    const value = ex.lossDerivative(s.acts[count - 1], s.upA, N, groupSize, s.coef + 4 * r * 2 * COEFFICIENTS, loss >= 0 ? 1 : 0);
    if (loss >= 0) heap[loss + r] = value;
    const applied = backwardRun(ex, g, s, w, r, N, grads);
    optimizeRun(ex, a, w, m, v, ms, applied, r);
  }
  return [...outW, ...(outM ?? []), ...(outV ?? []), ...(outMs ?? []), ...(outLoss ? [outLoss] : []), ...(outGrads ?? [])];
}

/** x = V A's first column over update k's rows into the heap (float indices). */
function samplesInto(heap: Float32Array, V: number, A: number, K: number, L: number, N: number, update: number, x: number): void {
  for (let r = 0; r < L; r++) {
    const a0 = heap[A + r * 8], a1 = heap[A + r * 8 + 2], a2 = heap[A + r * 8 + 4], a3 = heap[A + r * 8 + 6];
    const base = V + (r * K + update) * N * 4;
    for (let n = 0; n < N; n++) {
      const o = base + n * 4;
      heap[x + r * N + n] = heap[o] * a0 + heap[o + 1] * a1 + heap[o + 2] * a2 + heap[o + 3] * a3;
    }
  }
}

/** The parameter gradients of run r (into the grads outputs when given); their byte offsets. */
function backwardRun(ex: CriticExports, g: CriticGeometry, s: HeapScratch, w: number[], r: number, N: number, grads: number[] | null): number[] {
  const count = g.sizes.length - 1;
  const act = ACTIVATION_CODE[g.activation];
  const applied: number[] = new Array(count);
  let up = s.upA;
  let next = s.upB;
  for (let l = count - 1; l >= 0; l--) {
    const [rows, cols] = layerShape(g.sizes, l);
    const hidden = l + 1 < count;
    const gp = grads ? grads[l] + 4 * r * rows * cols : s.grad[l];
    applied[l] = gp;
    const inp = l === 0 ? s.x + 4 * r * N * g.sizes[0] : s.acts[l - 1];
    ex.paramGrad(inp, l === 0 ? g.sizes[0] : rows, l === 0 ? 1 : 0, up, cols, N, gp, rows, hidden && g.maskConstUnit ? 1 : 0);
    if (l === 0) break;
    ex.backUp(up, cols, w[l] + 4 * r * rows * cols, rows, s.acts[l - 1], act, next, N, s.wt);
    [up, next] = [next, up];
  }
  return applied;
}

function optimizeRun(ex: CriticExports, a: CriticUpdateAttrs, w: number[], m: number[] | null, v: number[] | null, ms: number[] | null, grads: number[], r: number): void {
  const h = a.hyper;
  const count = a.geometry.sizes.length - 1;
  for (let l = 0; l < count; l++) {
    const [rows, cols] = layerShape(a.geometry.sizes, l);
    const at = 4 * r * rows * cols;
    ex.optimizerStep(
      w[l] + at, m ? m[l] + at : 0, v ? v[l] + at : 0, ms ? ms[l] + at : 0, grads[l], rows * cols, cols, l + 1 < count ? 1 : 0, h.prescaled ? 1 : 0,
      h.sgdLr?.[r] ?? 0, h.adamLr?.[r] ?? 0, h.beta1?.[r] ?? 0, h.beta2?.[r] ?? 0, h.adamEps?.[r] ?? 0, h.rmsLr?.[r] ?? 0, h.rho?.[r] ?? 0, h.rmsEps?.[r] ?? 0,
      a.clip?.[r] ?? 0,
    );
  }
}

/** The critic d [L, N, 1] and slope [L, N, dim] on homogeneous x' [L, N, dim + 1] (the 'FganCriticSlope' kernel on wasm). */
export function wasmCriticSlope(backend: WasmBackendLike, ex: CriticExports, geometry: CriticGeometry, ws: TensorInfo[], xh: TensorInfo): TensorInfo[] {
  const [L, N] = xh.shape;
  const dim = geometry.sizes[0];
  const outD = backend.makeOutput([L, N, 1], 'float32');
  const outSlope = backend.makeOutput([L, N, dim], 'float32');
  const s = heapScratch(backend, geometry, N, L);
  const heap = backend.wasm.HEAPF32;
  const xi = offsetOf(backend, xh) >> 2;
  for (let i = 0; i < L * N; i++) for (let j = 0; j < dim; j++) heap[(s.x >> 2) + i * dim + j] = heap[xi + i * (dim + 1) + j];
  const w = ws.map((t) => offsetOf(backend, t));
  const count = geometry.sizes.length - 1;
  const act = ACTIVATION_CODE[geometry.activation];
  const d = offsetOf(backend, outD);
  const slope = offsetOf(backend, outSlope);
  for (let r = 0; r < L; r++) {
    forward(ex, geometry, s, w, r, s.x, N);
    backend.wasm.HEAPU8.copyWithin(d + 4 * r * N, s.acts[count - 1], s.acts[count - 1] + 4 * N);
    backend.wasm.HEAPF32.fill(1, s.upA >> 2, (s.upA >> 2) + N);
    let up = s.upA;
    let next = s.upB;
    for (let l = count - 1; l >= 1; l--) {
      const [rows, cols] = layerShape(geometry.sizes, l);
      ex.backUp(up, cols, w[l] + 4 * r * rows * cols, rows, s.acts[l - 1], act, next, N, s.wt);
      [up, next] = [next, up];
    }
    const [rows0, cols0] = layerShape(geometry.sizes, 0);
    ex.backUp(up, cols0, w[0] + 4 * r * rows0 * cols0, dim, 0, act, slope + 4 * r * N * dim, N, s.wt);
  }
  return [outD, outSlope];
}
