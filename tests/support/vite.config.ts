// The test build: the playground page with the browser tests' hook (./entry.ts), in dist-test/.
//   npx vite build --config tests/support/vite.config.ts [--outDir DIR]
import { pageWithEntry } from '../../vite.config.js';

export default pageWithEntry('/tests/support/entry.ts', 'dist-test');
