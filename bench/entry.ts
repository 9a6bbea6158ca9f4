// Entry of the benchmark build (bench/vite.config.ts): the playground page with
// window.__fganBench (./pageHook.ts).
import { mountApp } from '../src/ui/mountApp';
import { installBenchHook } from './pageHook';

installBenchHook();
mountApp();
