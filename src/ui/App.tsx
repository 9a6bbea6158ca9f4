// The page: a skip link to the training controls, header, notices, then the training controls
// (they stay at the top of the screen while the page scrolls) with skip links to the settings and
// to the charts, the views (contour panels and the
// views of a run) and the configuration: the configuration on the left of the controls and views
// on wide screens, below them on narrow ones.
import { useEffect } from 'react';
import { connectEngine, syncUrl, usePlayground } from './store';
import { CONFIGURATION, ConfigPanel } from './ConfigPanel';
import { LandscapePanels } from './panels/LandscapePanels';
import { Notices } from './Notices';
import { TrainingBar } from './TrainingBar';
import { RunLegend } from './RunLegend';
import { DataSpaceChart } from './DataSpaceChart';
import { PushforwardChart } from './PushforwardChart';
import { DivergenceMonitor } from './DivergenceMonitor';
import { TrainingCurves } from './TrainingCurves';
import { SfPlot, TailWeightTable } from './SfPlot';
import { ExportBar } from './ExportBar';
import { CopyLinkButton } from './CopyLinkButton';
import { spaceToggles } from './problem';
import { ProblemSwitch } from './ProblemSwitch';
import { JumpLinks, SkipLink, TOOLBAR_STOP } from './SkipLink';

export function App() {
  useEffect(() => syncUrl(), []);
  useEffect(() => connectEngine(), []);
  useSpaceToggle();
  return (
    <div className="app">
      <SkipLink to={TRAINING_CONTROLS} focusInside={TOOLBAR_STOP}>Skip to the training controls</SkipLink>
      <header className="app-header">
        <div>
          <h1>f-GAN playground</h1>
          <p className="tagline">
            Train a Gaussian generator against a small neural critic with different GAN losses, and watch which divergence it
            actually minimises on exact landscapes (Shannon et al. 2020, Appendix A).
          </p>
        </div>
        <div className="header-actions">
          <ProblemSwitch />
          <a className="to-config" href={`#${CONFIGURATION}`}>Configuration ↓</a>
          <CopyLinkButton />
        </div>
      </header>
      <Notices />
      <main className="layout">
        <div id={TRAINING_CONTROLS} className="training-dock" tabIndex={-1}>
          <TrainingBar />
          <JumpLinks settings={CONFIGURATION} charts={CHARTS} />
        </div>
        <section className="views" id={CHARTS} tabIndex={-1} aria-label="Charts">
          <LandscapePanels />
          <RunLegend />
          <div className="chart-grid">
            <DataSpaceChart />
            <PushforwardChart />
            <DivergenceMonitor />
            <TrainingCurves />
            <SfPlot />
          </div>
          <TailWeightTable />
          <ExportBar />
        </section>
        <ConfigPanel />
      </main>
    </div>
  );
}

const TRAINING_CONTROLS = 'training-controls';
const CHARTS = 'charts';


/** Space toggles play/pause while the 1-D problem is shown, except while typing in a form control. */
function useSpaceToggle() {
  const togglePlay = usePlayground((s) => s.togglePlay);
  useEffect(() => spaceToggles(1, togglePlay), [togglePlay]);
}
