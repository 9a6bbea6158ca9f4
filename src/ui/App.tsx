// The page: a skip link to the training controls, header, notices, then the training controls
// (they stay at the top of the screen while the page scrolls), the views (contour panels and the
// views of a run) and the configuration: the configuration on the left of the controls and views
// on wide screens, below them on narrow ones.
import { useEffect, type MouseEvent } from 'react';
import { connectEngine, syncUrl, usePlayground } from './store';
import { CONFIGURATION, ConfigPanel } from './ConfigPanel';
import { LandscapePanels } from './panels/LandscapePanels';
import { Notices } from './Notices';
import { TrainingBar } from './TrainingBar';
import { RunLegend } from './RunLegend';
import { DataSpaceChart } from './DataSpaceChart';
import { PushforwardChart } from './PushforwardChart';
import { DivergenceMonitor } from './DivergenceMonitor';
import { SfPlot, TailWeightTable } from './SfPlot';
import { ExportBar } from './ExportBar';
import { CopyLinkButton } from './CopyLinkButton';
import { spaceToggles } from './problem';
import { ProblemSwitch } from './ProblemSwitch';

export function App() {
  useEffect(() => syncUrl(), []);
  useEffect(() => connectEngine(), []);
  useSpaceToggle();
  return (
    <div className="app">
      <a className="skip-link" href={`#${TRAINING_CONTROLS}`} onClick={focusTrainingControls}>Skip to the training controls</a>
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
        </div>
        <div className="views">
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
        </div>
        <ConfigPanel />
      </main>
    </div>
  );
}

const TRAINING_CONTROLS = 'training-controls';

/** Moves focus into the training controls: to their first enabled button (Play or Pause). */
function focusTrainingControls(e: MouseEvent<HTMLAnchorElement>) {
  const dock = document.getElementById(TRAINING_CONTROLS);
  if (!dock) return;
  e.preventDefault();
  const button = dock.querySelector<HTMLButtonElement>('button:not([disabled])');
  (button ?? dock).focus();
}

function Panels() {
  return <LandscapePanels />;
}

/** Space toggles play/pause while the 1-D problem is shown, except while typing in a form control. */
function useSpaceToggle() {
  const togglePlay = usePlayground((s) => s.togglePlay);
  useEffect(() => spaceToggles(1, togglePlay), [togglePlay]);
}
