// Entry of a headless training thread: Node runs no TypeScript by itself, so register tsx (as
// `npm run experiment` does for the main thread) and load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./headlessWorker.ts');
