// The page: header, notices, configuration on the left, training controls, the contour panels
// and the views of a run on the right.
import { useEffect, useMemo } from 'react';
import { connectEngine, panelIds, syncUrl, usePlayground } from './store';
import { ConfigPanel } from './ConfigPanel';
import { ContourPanel } from './ContourPanel';
import { DEFAULT_WINDOW } from './contour';
import { Notices } from './Notices';
import { TrainingBar } from './TrainingBar';
import { RunLegend } from './RunLegend';
import { DataSpaceChart } from './DataSpaceChart';
import { PushforwardChart } from './PushforwardChart';
import { DivergenceMonitor } from './DivergenceMonitor';
import { SfPlot, TailWeightTable } from './SfPlot';
import { ExportBar } from './ExportBar';
import { CopyLinkButton } from './CopyLinkButton';

export function App() {
  useEffect(() => syncUrl(), []);
  useEffect(() => connectEngine(), []);
  useSpaceToggle();
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>f-GAN playground</h1>
          <p className="tagline">
            Train a Gaussian generator against a small neural critic with different GAN losses, and watch which divergence it
            actually minimises on exact landscapes (Shannon et al. 2020, Appendix A).
          </p>
        </div>
        <CopyLinkButton />
      </header>
      <Notices />
      <div className="layout">
        <ConfigPanel />
        <main className="views">
          <TrainingBar />
          <Panels />
          <RunLegend />
          <div className="chart-grid">
            <DataSpaceChart />
            <PushforwardChart />
            <DivergenceMonitor />
            <SfPlot />
          </div>
          <TailWeightTable />
          <ExportBar />
        </main>
      </div>
    </div>
  );
}

function Panels() {
  const config = usePlayground((s) => s.config);
  const runs = usePlayground((s) => s.runs);
  const ids = useMemo(() => panelIds(config, runs), [config, runs]);
  const minimised = useMemo(() => new Set(runs.map((r) => r.minimises)), [runs]);
  return (
    <section className="panels" aria-label="Divergence landscapes over mu and sigma">
      {ids.map((id) => <ContourPanel key={id} id={id} window={DEFAULT_WINDOW} minimised={minimised.has(id)} />)}
    </section>
  );
}

/** Space toggles play/pause, except while typing in a form control. */
function useSpaceToggle() {
  const togglePlay = usePlayground((s) => s.togglePlay);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' && e.key !== ' ') return;
      const el = e.target as HTMLElement | null;
      if (el && (el.closest('input, select, textarea, button, summary, [contenteditable="true"]'))) return;
      e.preventDefault();
      togglePlay();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [togglePlay]);
}
