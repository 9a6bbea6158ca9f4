// The engine's one entry to tfjs. @tensorflow/tfjs registers every gradient and the cpu and webgl
// backends (tfjs-core alone registers no gradients, and its ESM build does not load in Node).
export * from '@tensorflow/tfjs';
