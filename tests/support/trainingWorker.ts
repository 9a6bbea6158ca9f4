// The training worker of the test build: the playground's worker (src/engine/worker.ts) plus one
// message only the browser tests send, LOSE_WEBGL_CONTEXT, which loses the WebGL context tfjs
// draws with, as a GPU reset would. The playground's worker ignores messages it does not know.
import '../../src/engine/worker';
import * as tf from '../../src/engine/tf';
import { LOSE_WEBGL_CONTEXT } from './messages';

self.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
  if (e.data?.type !== LOSE_WEBGL_CONTEXT || tf.getBackend() !== 'webgl') return;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext } }).gpgpu?.gl;
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
});
