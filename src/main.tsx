// Entry point: the playground page, and the benchmark hook (window.__fganBench) bench/browser.ts uses.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { installBenchHook } from './engine/benchHook';
import './ui/styles.css';

installBenchHook();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
