// What the backend in use means for the user, in plain words, when it is not the one asked for;
// the engine's technical reason (the renderer's name, ...) is behind "Details". Informational:
// training works either way.
import type { BackendInfo, FallbackCause } from '../engine/protocol';
import './backendNote.css';

const PLAIN_WORDS: Record<FallbackCause, string> = {
  'software-webgl': 'Training runs on the CPU: WebGL here is software-only, which would be slower.',
  'no-webgl': 'Training runs on the CPU: this browser offers no WebGL.',
  'webgl-failed': 'Training runs on the CPU: WebGL did not start here.',
  'context-lost': 'Training moved to the CPU: the browser withdrew WebGL; the runs go on where they were.',
  'wasm-failed': 'Training runs on the CPU in plain JavaScript, which is slow: neither WebGL nor WebAssembly started here.',
};

/** The plain sentence for a backend that fell back. */
export function backendInPlainWords(backend: BackendInfo): string {
  if (backend.fallbackCause) return PLAIN_WORDS[backend.fallbackCause];
  return backend.name === 'webgl' ? 'Training runs on the graphics card (WebGL).' : 'Training runs on the CPU.';
}

export function BackendNote({ backend, testId }: { backend: BackendInfo | null; testId: string }) {
  if (!backend?.fallbackReason) return null;
  return (
    <div className="backend-note more-item" data-testid={testId}>
      <span>{backendInPlainWords(backend)}</span>{' '}
      <details>
        <summary>Details</summary>
        {backend.fallbackReason}
      </details>
    </div>
  );
}
