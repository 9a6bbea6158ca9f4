// The 2-D training worker: the shell's worker loop (../workerLoop.ts) with the 2-D core.
import { planarCore } from './core';
import { serveTraining } from '../workerLoop';

serveTraining(planarCore);
