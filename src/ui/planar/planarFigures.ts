// The 2-D views as figures to download. Each figure is made from its panel as drawn: the view's
// SVGs (recharts' among them) arranged with the text the page puts around them in HTML (the
// critic maps' titles, what a colour bar's ends mean), under a title, with the runs' legend, the
// panel's note and the configuration's link.
import { getPlanarPreset } from '../../config/planarPresets';
import { arrangeSvgs, composeFigure, rechartsLegend, wrapText, type FigurePart, type LegendEntry } from '../exporting';
import { pageLinkUrl } from '../pageLink';
import { planarQuery, usePlanar } from './planarStore';

export type PlanarViewId = 'data-plane' | 'critic' | 'pushforward' | 'monitor' | 'curves' | 'landscape';

interface ViewFigure {
  title: string;
  /** The drawn parts, in rows (null: nothing drawn yet). */
  parts: (panel: HTMLElement) => FigurePart[][] | null;
  /** Every run's path is drawn (else the selected run's only). */
  everyRun?: boolean;
}

const svg = (panel: ParentNode, selector: string) => panel.querySelector<SVGSVGElement>(selector);
const recharts = (panel: ParentNode) => Array.from(panel.querySelectorAll<SVGSVGElement>('.recharts-wrapper > svg'));
/** A colour bar's own description (its aria-label) as the line above it. */
const barTitle = (bar: SVGSVGElement): FigurePart => ({ text: bar.getAttribute('aria-label') ?? '' });

/** Each map with its title above it: side by side when the page draws them so, else stacked. */
function criticParts(panel: HTMLElement): FigurePart[][] | null {
  const maps = Array.from(panel.querySelectorAll<HTMLElement>('.planar-map')).flatMap((map) => {
    const plot = svg(map, 'svg');
    return plot ? [arrangeSvgs([[{ text: map.querySelector('.planar-map-title')?.textContent ?? '', bold: true }], [plot]], 2)] : [];
  });
  if (maps.length === 0) return null;
  const rows: FigurePart[][] = panel.querySelector('.planar-maps-row') ? [maps] : maps.map((m) => [m]);
  const bar = svg(panel, '[data-testid="planar-colour-bar"] svg');
  if (bar) {
    const sides = Array.from(panel.querySelectorAll('.planar-colour-sides span'), (s) => s.textContent ?? '').join(' · ');
    rows.push([barTitle(bar)], [bar], [{ text: sides, size: 11 }]);
  }
  return rows;
}

/** The divergence plot and the Fréchet plot below it, with its subtitle. */
function monitorParts(panel: HTMLElement): FigurePart[][] | null {
  const parts = Array.from(panel.querySelectorAll<Element>('.planar-monitor-subtitle, .recharts-wrapper > svg'), (node): FigurePart => (
    node instanceof SVGSVGElement ? node : { text: node.textContent ?? '', bold: true }));
  return parts.some((p) => p instanceof SVGSVGElement) ? parts.map((p) => [p]) : null;
}

/** A view of recharts charts: each in a row of its own. */
function rechartsParts(panel: HTMLElement): FigurePart[][] | null {
  const plots = recharts(panel);
  return plots.length ? plots.map((p) => [p]) : null;
}

/** The panel's note as text, a chooser in it read as its chosen option. */
function noteText(panel: HTMLElement): string {
  const note = panel.querySelector('.chart-note');
  if (!note) return '';
  const copy = note.cloneNode(true) as HTMLElement;
  const chosen = Array.from(note.querySelectorAll('select'), (s) => s.selectedOptions[0]?.textContent ?? '');
  copy.querySelectorAll('select').forEach((s, k) => s.replaceWith(chosen[k]));
  return copy.textContent ?? '';
}

const VIEWS: Record<PlanarViewId, ViewFigure> = {
  'data-plane': {
    title: 'Data plane', everyRun: true,
    parts: (panel) => { const plot = svg(panel, 'svg.planar-svg'); return plot ? [[plot]] : null; },
  },
  critic: { title: 'Critic maps', parts: criticParts },
  pushforward: { title: 'Pushforward of critic outputs', parts: rechartsParts },
  monitor: { title: 'Divergence monitor', parts: monitorParts },
  curves: { title: 'Training curves', everyRun: true, parts: rechartsParts },
  landscape: {
    title: 'Landscape over the mean',
    parts: (panel) => {
      const plot = svg(panel, '[data-testid="planar-landscape-plot"]');
      const bar = svg(panel, '[data-testid="planar-landscape-colour-bar"]');
      return plot ? [[plot], ...(bar ? [[barTitle(bar)], [bar]] : [])] : null;
    },
  },
};

/** The link of the 2-D configuration, as Copy link gives it. */
export function planarLink(): string {
  return pageLinkUrl(planarQuery());
}

/** The figure of one 2-D view from its panel, or null when the view has drawn nothing yet. */
export function planarFigure(view: PlanarViewId, panel: HTMLElement | null): SVGSVGElement | null {
  const spec = VIEWS[view];
  const rows = panel ? spec.parts(panel) : null;
  if (!rows) return null;
  const plot = arrangeSvgs(rows);
  const { runs, selectedRun, snapshot, preset, config } = usePlanar.getState();
  const shown = spec.everyRun ? runs : runs.filter((_, r) => r === selectedRun);
  const legend: LegendEntry[] = [...(panel ? rechartsLegend(panel) : []), ...shown.map((r) => ({ colour: r.colour, dashed: false, label: r.label }))];
  const presetName = preset ? getPlanarPreset(preset)?.name : undefined;
  // the link writes only what differs from the preset
  const changed = planarQuery().split('&').some((field) => !/^(dim|preset)=/.test(field));
  const problem = presetName ? `${presetName}${changed ? ' (changed)' : ''}` : `2-D problem, ${config.family.kind} generator`;
  const subtitle = `${problem}${snapshot ? ` · step ${snapshot.step}` : ''}`;
  const note = panel ? noteText(panel) : '';
  const width = plot.viewBox.baseVal.width;
  return composeFigure(spec.title, subtitle, plot, legend, wrapText(note, Math.floor((width - 20) / 6.6)), planarLink());
}
