// Entry point: the playground page, the benchmark hook (window.__fganBench) bench/browser.ts uses,
// and the test hook (window.__fganTest) the browser tests use. Both hooks only define a function;
// the engine code they need loads when one is called.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { installBenchHook } from './engine/benchHook';
import { installTestHook } from './engine/testHook';
import { simulateWebglContextLoss } from './ui/store';
import './ui/styles.css';

installBenchHook();
installTestHook({ loseWebglContext: simulateWebglContextLoss });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
