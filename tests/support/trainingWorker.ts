// The 1-D training worker of the test build: the playground's worker (src/engine/worker.ts) plus
// one message only the browser tests send, LOSE_WEBGL_CONTEXT (./loseContext.ts).
import '../../src/engine/worker';
import './loseContext';
