// The 2-D playground: the paper's Appendix D (mode seeking and covering) and Fedus et al.'s line
// experiments. Training controls first (they stay at the top of the screen; skip links after them
// lead to the settings and the charts), then the views of the selected run, with the
// configuration beside them on wide screens and below on narrow ones.
import { useEffect } from 'react';
import { PlanarControls } from './PlanarControls';
import { PLANAR_CONFIGURATION, PlanarConfigPanel } from './PlanarConfigPanel';
import { PlanarNotices } from './PlanarNotices';
import { DataPlane } from './DataPlane';
import { CriticMaps } from './CriticMaps';
import { PlanarPushforward } from './PlanarPushforward';
import { PlanarMonitor } from './PlanarMonitor';
import { PlanarCurves } from './PlanarCurves';
import { PlanarLandscapeView } from './PlanarLandscapeView';
import { PlanarExportBar } from './PlanarExports';
import { planarQuery, syncPlanarUrl, usePlanar } from './planarStore';
import { spaceToggles, useProblem } from '../problem';
import { CopyLink } from '../CopyLinkButton';
import { ProblemSwitch } from '../ProblemSwitch';
import { JumpLinks, SkipLink, TOOLBAR_STOP } from '../SkipLink';
import { pageLinkUrl } from '../pageLink';

export function PlanarApp() {
  useEffect(() => usePlanar.getState().start(), []);
  useEffect(() => syncPlanarUrl(() => useProblem.getState().dim === 2), []);
  useEffect(() => spaceToggles(2, () => usePlanar.getState().togglePlay()), []);
  return (
    <div className="app" data-testid="planar-app">
      <SkipLink to="planar-training-controls" focusInside={TOOLBAR_STOP}>Skip to the training controls</SkipLink>
      <header className="app-header">
        <div>
          <h1>f-GAN playground · two dimensions</h1>
          <p className="tagline">
            Mode seeking against covering on the plane (Shannon et al. 2020, Appendix D) and why the non-saturating loss learns
            where Jensen-Shannon has no gradient (Fedus et al. 2018): a generator family, a neural critic, and the true divergences.
          </p>
        </div>
        <div className="header-actions">
          <ProblemSwitch />
          <CopyLink link={() => pageLinkUrl(planarQuery())} />
        </div>
      </header>
      <PlanarNotices />
      <main className="layout">
        <div className="training-dock">
          <PlanarControls />
          <JumpLinks settings={PLANAR_CONFIGURATION} charts="planar-charts" />
        </div>
        <section className="views" id="planar-charts" tabIndex={-1} aria-label="Charts">
          <PlanarRunLegend />
          <div className="chart-grid">
            <DataPlane />
            <CriticMaps />
            <PlanarPushforward />
            <PlanarMonitor />
            <PlanarCurves />
            <PlanarLandscapeView />
          </div>
          <PlanarExportBar />
        </section>
        <PlanarConfigPanel />
      </main>
    </div>
  );
}

/** The runs, in their colours; the one chosen is what the views of one run show. */
function PlanarRunLegend() {
  const runs = usePlanar((s) => s.runs);
  const selected = usePlanar((s) => s.selectedRun);
  const skipped = usePlanar((s) => s.skipped);
  return (
    <section className="planar-legend" aria-label="Runs">
      <div role="radiogroup" aria-label="Run shown in the views" className="planar-legend-runs">
        {runs.map((r, i) => (
          <button type="button" key={r.label} role="radio" aria-checked={i === selected} data-testid={`planar-run-${i}`}
            className={i === selected ? 'planar-run selected' : 'planar-run'} onClick={() => usePlanar.getState().selectRun(i)}>
            <span className="swatch" style={{ background: r.colour }} /> {r.label}
          </button>
        ))}
      </div>
      {skipped.map((s) => <p key={s} className="muted planar-skipped">{s}</p>)}
    </section>
  );
}
