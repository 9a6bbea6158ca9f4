// The 2-D training worker of the test build: the playground's 2-D worker plus one message only the
// browser tests send, LOSE_WEBGL_CONTEXT (./loseContext.ts).
import '../../src/engine/planar/worker';
import './loseContext';
