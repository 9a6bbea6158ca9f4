// WebGL detection without tfjs, so that the page can plan its training workers without loading
// the engine on the main thread.

/** The renderer string of a WebGL context, or null when WebGL is missing. */
export function probeWebgl(): { available: boolean; renderer: string | null } {
  try {
    let gl: WebGLRenderingContext | WebGL2RenderingContext | null = null;
    if (typeof OffscreenCanvas !== 'undefined') {
      const c = new OffscreenCanvas(1, 1);
      gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGL2RenderingContext | WebGLRenderingContext | null;
    } else if (typeof document !== 'undefined') {
      const c = document.createElement('canvas');
      gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGL2RenderingContext | WebGLRenderingContext | null;
    }
    if (!gl) return { available: false, renderer: null };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { available: true, renderer };
  } catch {
    return { available: false, renderer: null };
  }
}

export function isSoftwareRenderer(renderer: string | null): boolean {
  return !!renderer && /swiftshader|llvmpipe|software|softpipe|microsoft basic render/i.test(renderer);
}
