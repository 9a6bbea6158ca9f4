// The benchmark build: the playground page with the benchmark hook (./entry.ts), in dist-bench/.
//   npx vite build --config bench/vite.config.ts
import { pageWithEntry } from '../vite.config.js';

export default pageWithEntry('/bench/entry.ts', 'dist-bench');
