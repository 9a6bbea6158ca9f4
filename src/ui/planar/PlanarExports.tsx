// The 2-D page's downloads: every run's path as CSV or JSON, and each view's figure as SVG or PNG,
// every file with the configuration's link. A download that fails says so in a notice.
import { planarMoments } from '../../math/planar/mixture2';
import { downloadText } from '../exporting';
import { FigureDownloads } from '../FigureDownloads';
import { planarPathsToCsv, planarPathsToJson, type PlanarExportInput } from './planarExport';
import { planarFigure, planarLink, type PlanarViewId } from './planarFigures';
import { usePlanar } from './planarStore';

function exportInput(): PlanarExportInput {
  const { runs, points, config } = usePlanar.getState();
  return { link: planarLink(), labels: runs.map((r) => r.label), points, target: planarMoments(config.target) };
}

const notify = (message: string) => usePlanar.getState().notify(message);

export function PlanarExportBar() {
  const recorded = usePlanar((s) => s.points.length > 0);
  return (
    <section className="export-bar" aria-label="Export" data-testid="planar-export">
      <span>Export every run&apos;s path:</span>
      <button type="button" disabled={!recorded} data-testid="planar-export-csv"
        onClick={() => downloadText(planarPathsToCsv(exportInput()), 'planar-paths.csv', 'text/csv')}>CSV</button>
      <button type="button" disabled={!recorded} data-testid="planar-export-json"
        onClick={() => downloadText(planarPathsToJson(exportInput()), 'planar-paths.json', 'application/json')}>JSON</button>
      <span className="muted">{recorded ? 'Each view has its own SVG and PNG buttons.' : 'Paths appear after the first step.'}</span>
    </section>
  );
}

/** The SVG and PNG buttons of one 2-D view (in its panel's title line). */
export function PlanarFigureDownloads({ view, name }: { view: PlanarViewId; name: string }) {
  return <FigureDownloads name={`the ${name} view`} fileBase={`planar-${view}`} figure={(panel) => planarFigure(view, panel)} onError={notify} />;
}
