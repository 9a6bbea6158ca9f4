// Backend selection: WebGL first unless it is missing or software-rendered, then wasm, then cpu.
// Works in the browser (page or worker) and in Node (wasm or cpu only; never tfjs-node).
import * as tf from './tf';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendChoice } from '../config/schema';
import type { BackendInfo, BackendName, FallbackCause } from './protocol';
import { isSoftwareRenderer, probeWebgl } from './webglProbe';

/** Where the browser finds the wasm binaries (Vite ?url imports; see wasmPaths.browser.ts). */
export interface WasmPaths {
  'tfjs-backend-wasm.wasm': string;
  'tfjs-backend-wasm-simd.wasm': string;
  'tfjs-backend-wasm-threaded-simd.wasm': string;
}

export interface SelectBackendOptions {
  wasmPaths?: WasmPaths;
  /** Leave out WebGL even for 'auto' (e.g. after a lost context). */
  excludeWebgl?: boolean;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined' && typeof self === 'undefined';

let wasmConfigured = false;

async function tryWebgl(): Promise<boolean> {
  if (isNode) return false;
  tf.env().set('WEBGL_PACK', false);
  try {
    return await tf.setBackend('webgl');
  } catch {
    return false;
  }
}

async function tryWasm(paths?: WasmPaths): Promise<boolean> {
  try {
    if (!wasmConfigured) {
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (paths) setWasmPaths(paths as unknown as Record<string, string>);
      wasmConfigured = true;
    }
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

async function tryCpu(): Promise<boolean> {
  return tf.setBackend('cpu');
}

/**
 * Activates a backend for the user's choice and says why it differs from the choice, if it does.
 * 'auto': WebGL unless missing or software-rendered, then wasm, then cpu.
 */
export async function selectBackend(choice: BackendChoice, options: SelectBackendOptions = {}): Promise<BackendInfo> {
  const probe = isNode ? { available: false, renderer: null } : probeWebgl();
  const software = isSoftwareRenderer(probe.renderer);
  const info = (name: BackendName, fallbackReason: string | null, fallbackCause?: FallbackCause): BackendInfo => ({
    name, requested: choice, softwareRenderer: name === 'webgl' && software, fallbackReason, ...(fallbackReason && fallbackCause ? { fallbackCause } : {}),
  });

  if (choice === 'cpu') {
    await tryCpu();
    return info('cpu', null);
  }
  let reason: string | null = null;
  let cause: FallbackCause | undefined;
  if (choice === 'webgl' || choice === 'auto') {
    const skipForAuto = choice === 'auto' && (options.excludeWebgl || !probe.available || software);
    if (!skipForAuto && !options.excludeWebgl && (await tryWebgl())) return info('webgl', null);
    if (isNode) reason = 'WebGL is not available in Node, so the engine uses wasm.';
    else if (options.excludeWebgl) [reason, cause] = ['The WebGL context was lost, so training continues on wasm.', 'context-lost'];
    else if (!probe.available) [reason, cause] = ['WebGL is not available in this browser, so the engine uses wasm.', 'no-webgl'];
    else if (software && choice === 'auto') [reason, cause] = [`WebGL renders in software here (${probe.renderer}), which is slower than wasm, so the engine uses wasm.`, 'software-webgl'];
    else [reason, cause] = ['WebGL failed to start, so the engine uses wasm.', 'webgl-failed'];
    if (choice === 'auto' && isNode) reason = null; // Node's auto is wasm by design
  }
  if (await tryWasm(options.wasmPaths)) return info('wasm', choice === 'wasm' ? null : reason, cause);
  await tryCpu();
  return info('cpu', `${reason ? reason.replace(/, so the engine uses wasm\.$/, '') + '; ' : ''}the wasm backend failed to start, so the engine uses the (slow) cpu backend.`, 'wasm-failed');
}
