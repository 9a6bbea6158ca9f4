// Renders the playground into index.html's #root element: the 1-D page and (once chosen) the 2-D
// page, the one not shown kept hidden with its state (each page's header holds the problem switch).
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { PlanarApp } from './planar/PlanarApp';
import { useProblem } from './problem';
import { keepPageLinkInFragment } from './pageLink';
import './styles.css';

function Root() {
  const dim = useProblem((s) => s.dim);
  const [planarMounted, setPlanarMounted] = useState(dim === 2);
  useEffect(() => { if (dim === 2) setPlanarMounted(true); }, [dim]);
  return (
    <>
      <div hidden={dim !== 1}><App /></div>
      {planarMounted && <div hidden={dim !== 2}><PlanarApp /></div>}
    </>
  );
}

export function mountApp(): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  keepPageLinkInFragment();
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
