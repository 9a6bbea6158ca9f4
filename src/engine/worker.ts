// The 1-D training worker: the shell's worker loop (workerLoop.ts) with the 1-D core.
import { lineCore } from './lineCore';
import { serveTraining } from './workerLoop';

serveTraining(lineCore);
