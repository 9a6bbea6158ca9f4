// Exports of the trajectories (CSV, JSON). Panels export themselves (SVG, PNG buttons).
import { configToQuery } from '../config/url';
import { shareLink, usePlayground } from './store';
import { trajectoriesToCsv, trajectoriesToJson } from './trainingState';
import { downloadText } from './exporting';

export function ExportBar() {
  const exportAs = (kind: 'csv' | 'json') => {
    const { training, runs, runConfig } = usePlayground.getState();
    const labels = runs.map((r) => r.label);
    const link = shareLink(runConfig);
    if (kind === 'csv') downloadText(trajectoriesToCsv(training.trajectories, labels, link), 'trajectories.csv', 'text/csv');
    else downloadText(trajectoriesToJson(training.trajectories, labels, configToQuery(runConfig), link), 'trajectories.json', 'application/json');
  };
  return (
    <section className="export-bar" aria-label="Export">
      <span>Export trajectories:</span>
      <button type="button" onClick={() => exportAs('csv')} data-testid="export-csv">CSV</button>
      <button type="button" onClick={() => exportAs('json')} data-testid="export-json">JSON</button>
      <span className="muted">Each contour panel has its own SVG and PNG buttons.</span>
    </section>
  );
}
