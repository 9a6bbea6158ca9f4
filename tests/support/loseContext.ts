// LOSE_WEBGL_CONTEXT, which only the browser tests send a training worker: it loses the WebGL
// context tfjs draws with, as a GPU reset would. The playground's workers ignore messages they do
// not know.
import * as tf from '../../src/engine/tf';
import { LOSE_WEBGL_CONTEXT } from './messages';

self.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
  if (e.data?.type !== LOSE_WEBGL_CONTEXT || tf.getBackend() !== 'webgl') return;
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext } }).gpgpu?.gl;
  gl?.getExtension('WEBGL_lose_context')?.loseContext();
});
