// The playground page. The benchmark and test builds have entries of their own
// (bench/entry.ts, tests/support/entry.ts) that add their window hooks and mount the same page.
import { mountApp } from './ui/mountApp';

mountApp();
