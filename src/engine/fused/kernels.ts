// The fused critic kernels, registered with tfjs (tf.registerKernel) for the cpu and wasm
// backends, so that tfjs still owns the tensors, their memory and the fallback: on wasm they read
// and write the backend's own heap. 'FganCriticUpdate' is one critic update of every run of the
// critic batch; 'FganCriticSlope' the critic's output and slope on the generator's samples.
import * as tf from '../tf';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs';
import { criticSlope, criticUpdate, layerShape, PassScratch, type CriticGeometry, type LayerArrays, type OptimizerHyper } from './criticPass';
import { criticExports, simdModule, wasmCriticSlope, wasmCriticUpdate, type WasmBackendLike } from './wasmCritic';

export const CRITIC_UPDATE = 'FganCriticUpdate';
export const CRITIC_SLOPE = 'FganCriticSlope';
const BACKENDS = ['cpu', 'wasm'] as const;

/** What a critic update takes besides tensors. */
export interface CriticUpdateAttrs {
  geometry: CriticGeometry;
  /** Samples per group (real, fake) of one update. */
  groupSize: number;
  /** Which update of the generator step: its rows of V. */
  update: number;
  /** [L, 2, COEFFICIENTS]. */
  coefficients: Float32Array;
  hyper: OptimizerHyper;
  clip: Float64Array | null;
  withValue: boolean;
  withGrads: boolean;
}

/** A backend's float32 arrays: views of its memory (wasm's heap) or its own arrays (cpu). */
interface BackendArrays {
  /** A new output tensor; its values are written through view() once every output exists. */
  output(shape: number[]): TensorInfo;
  view(t: TensorInfo): Float32Array;
}

type AnyBackend = { data?: { get(id: object): { values: unknown } }; makeTensorInfo?: (shape: number[], dtype: 'float32', values: Float32Array) => TensorInfo; makeOutput?: (shape: number[], dtype: 'float32') => TensorInfo; typedArrayFromHeap?: (t: TensorInfo) => Float32Array };

function arraysOf(backend: AnyBackend, backendName: string): BackendArrays {
  if (backendName === 'wasm') {
    return { output: (shape) => backend.makeOutput!(shape, 'float32'), view: (t) => backend.typedArrayFromHeap!(t) };
  }
  return {
    output: (shape) => backend.makeTensorInfo!(shape, 'float32', new Float32Array(shape.reduce((a, b) => a * b, 1))),
    view: (t) => backend.data!.get(t.dataId).values as Float32Array,
  };
}

/** Scratch per geometry and sample count (a worker trains one batch at a time). */
const scratches = new Map<string, PassScratch>();
function scratchFor(geometry: CriticGeometry, N: number): PassScratch {
  const key = `${geometry.sizes.join('-')}:${geometry.activation}:${geometry.maskConstUnit}:${N}`;
  let s = scratches.get(key);
  if (!s) { s = new PassScratch(geometry, N); scratches.set(key, s); }
  return s;
}

/** Per run, x = V A's first column over one update's rows: V [L, K N, 4], A [L, 4, 2] -> [L, N]. */
function samplesOf(V: Float32Array, A: Float32Array, L: number, K: number, N: number, update: number, into: Float32Array): void {
  for (let r = 0; r < L; r++) {
    const a0 = A[r * 8], a1 = A[r * 8 + 2], a2 = A[r * 8 + 4], a3 = A[r * 8 + 6];
    const base = ((r * K + update) * N) * 4;
    for (let n = 0; n < N; n++) {
      const o = base + n * 4;
      into[r * N + n] = V[o] * a0 + V[o + 1] * a1 + V[o + 2] * a2 + V[o + 3] * a3;
    }
  }
}

const sampleBuffers = new Map<number, Float32Array>();
function sampleBuffer(size: number): Float32Array {
  let b = sampleBuffers.get(size);
  if (!b) { b = new Float32Array(size); sampleBuffers.set(size, b); }
  return b;
}

function updateKernel(backendName: string): KernelConfig['kernelFunc'] {
  return ({ inputs, backend, attrs }) => {
    const a = attrs as unknown as CriticUpdateAttrs;
    const io = arraysOf(backend as AnyBackend, backendName);
    const count = a.geometry.sizes.length - 1;
    const layerInputs = (prefix: string) => (inputs[`${prefix}0`] ? Array.from({ length: count }, (_, l) => inputs[`${prefix}${l}`] as TensorInfo) : null);
    const ws = layerInputs('w')!;
    const slots = { m: layerInputs('m'), v: layerInputs('v'), ms: layerInputs('ms') };
    const simd = backendName === 'wasm' ? criticExports(backend as unknown as WasmBackendLike) : null;
    if (simd) return wasmCriticUpdate(backend as unknown as WasmBackendLike, simd, { ws, ...slots, V: inputs.V as TensorInfo, A: inputs.A as TensorInfo }, a);
    const L = ws[0].shape[0];
    const V = inputs.V as TensorInfo;
    const N = 2 * a.groupSize;
    const K = V.shape[1] / N;
    // every output first (wasm allocations may move the heap), then views
    const outW = ws.map((w) => io.output(w.shape));
    const outSlots = { m: slots.m?.map((t) => io.output(t.shape)) ?? null, v: slots.v?.map((t) => io.output(t.shape)) ?? null, ms: slots.ms?.map((t) => io.output(t.shape)) ?? null };
    const outLoss = a.withValue ? io.output([L, 1, 1]) : null;
    const outGrads = a.withGrads ? ws.map((w) => io.output(w.shape)) : null;
    const copy = (from: TensorInfo[] | null, to: TensorInfo[] | null, l: number) => {
      if (!from || !to) return null;
      const view = io.view(to[l]);
      view.set(io.view(from[l]));
      return view;
    };
    const layers: LayerArrays[] = ws.map((_, l) => ({ w: copy(ws, outW, l)!, m: copy(slots.m, outSlots.m, l), v: copy(slots.v, outSlots.v, l), ms: copy(slots.ms, outSlots.ms, l) }));
    const x = sampleBuffer(L * N);
    samplesOf(io.view(V), io.view(inputs.A as TensorInfo), L, K, N, a.update, x);
    criticUpdate({
      geometry: a.geometry, x, runs: L, groupSize: a.groupSize, coefficients: a.coefficients, hyper: a.hyper, clip: a.clip, layers,
      loss: outLoss ? io.view(outLoss) : null, grads: outGrads ? outGrads.map((t) => io.view(t)) : null,
    }, scratchFor(a.geometry, N));
    return [...outW, ...(outSlots.m ?? []), ...(outSlots.v ?? []), ...(outSlots.ms ?? []), ...(outLoss ? [outLoss] : []), ...(outGrads ?? [])];
  };
}

function slopeKernel(backendName: string): KernelConfig['kernelFunc'] {
  return ({ inputs, backend, attrs }) => {
    const { geometry } = attrs as unknown as { geometry: CriticGeometry };
    const io = arraysOf(backend as AnyBackend, backendName);
    const count = geometry.sizes.length - 1;
    const ws = Array.from({ length: count }, (_, l) => inputs[`w${l}`] as TensorInfo);
    const xh = inputs.x as TensorInfo; // homogeneous [L, N, dim + 1]
    const simd = backendName === 'wasm' ? criticExports(backend as unknown as WasmBackendLike) : null;
    if (simd) return wasmCriticSlope(backend as unknown as WasmBackendLike, simd, geometry, ws, xh);
    const [L, N] = xh.shape;
    const dim = geometry.sizes[0];
    const outD = io.output([L, N, 1]);
    const outSlope = io.output([L, N, dim]);
    const xv = io.view(xh);
    const x = sampleBuffer(L * N * dim);
    for (let i = 0; i < L * N; i++) for (let j = 0; j < dim; j++) x[i * dim + j] = xv[i * (dim + 1) + j];
    criticSlope(geometry, ws.map((w) => io.view(w)), x, L, io.view(outD), io.view(outSlope), scratchFor(geometry, N));
    return [outD, outSlope];
  };
}

let registered = false;

/** Registers both kernels for cpu and wasm (once). */
export function registerFusedKernels(): void {
  if (registered) return;
  registered = true;
  for (const backendName of BACKENDS) {
    tf.registerKernel({ kernelName: CRITIC_UPDATE, backendName, kernelFunc: updateKernel(backendName) });
    tf.registerKernel({ kernelName: CRITIC_SLOPE, backendName, kernelFunc: slopeKernel(backendName) });
  }
}

export const NO_SIMD_NOTICE = 'This browser\'s WebAssembly has no SIMD, so the critic trains on tfjs\'s own kernels (about half as fast).';

/** Whether the current backend runs the fused kernels: cpu, and wasm with WebAssembly SIMD. */
export function fusedBackend(): boolean {
  const name = tf.getBackend();
  return name === 'cpu' || (name === 'wasm' && simdModule() !== null);
}

export { layerShape };
