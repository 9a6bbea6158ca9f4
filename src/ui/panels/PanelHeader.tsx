// A landscape panel's caption: its divergence, which runs it draws, and its SVG and PNG
// downloads (title, plot with colour bar, the runs' legend and the minima in one image).
import type { LandscapeId } from '../../config/schema';
import type { RunSpec } from '../../config/runs';
import type { LandscapeMinimum } from '../../math/landscape';
import { LANDSCAPE_NAMES, LANDSCAPE_SHORT_NAMES } from '../../math/catalog';
import { usePlayground } from '../store';
import { useView } from '../viewStore';
import type { RunFilter } from './runFilter';
import { runColour } from '../colors';
import { composeFigure, stackSvgs } from '../exporting';
import { FigureDownloads } from '../FigureDownloads';
import { describeMinimum } from './Markers';
import { Term } from '../Term';

interface Props {
  id: LandscapeId;
  filter: RunFilter;
  minimised: boolean;
  runs: RunSpec[];
  minima: LandscapeMinimum[];
  /** The panel's drawn layers, bottom first (null before they are mounted). */
  layers: () => [SVGSVGElement, SVGSVGElement] | null;
}

export function PanelHeader({ id, filter, minimised, runs, minima, layers }: Props) {
  const notify = usePlayground((s) => s.notify);
  const setRunFilter = useView((s) => s.setRunFilter);
  const name = LANDSCAPE_NAMES[id];
  const short = LANDSCAPE_SHORT_NAMES[id];
  const figure = () => {
    const drawn = layers();
    if (!drawn) return null;
    const seed = usePlayground.getState().runConfig.seed;
    const legend = runs.map((r) => ({ colour: runColour(r.schemeIndex, r.seed - seed), dashed: r.critic === 'optimal', label: r.label }));
    return composeFigure(name, 'D(p, N(μ, σ²)) over the generator’s mean μ and spread σ', stackSvgs(...drawn), legend, minima.map(describeMinimum));
  };
  return (
    <figcaption>
      <span className="panel-title"><Term id={id}>{short}</Term></span>
      {minimised && <span className="badge" title="a configured scheme minimises this divergence">minimised</span>}
      <label className="panel-filter">
        <span className="sr-only">Runs drawn on the {name} panel</span>
        <select value={filter} onChange={(e) => setRunFilter(id, e.target.value as RunFilter)} data-testid="run-filter">
          <option value="minimisers">minimising runs</option>
          <option value="all">all runs</option>
        </select>
      </label>
      <FigureDownloads name={`the ${name} panel`} fileBase={`landscape-${id}`} figure={figure} onError={notify} />
    </figcaption>
  );
}
