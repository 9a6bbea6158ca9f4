// Messages the test build sends its training workers besides the engine's protocol.

/** Makes a training worker lose its WebGL context (tests/support/trainingWorker.ts). */
export const LOSE_WEBGL_CONTEXT = 'lose-webgl-context';
