// A figure's SVG and PNG download buttons, for the 1-D panels and the 2-D views alike. A figure
// that cannot be made, or not rasterised, is reported in one line through onError; nothing on the
// page changes.
import { downloadSvg, downloadSvgAsPng } from './exporting';
import './figureDownloads.css';

interface Props {
  /** What the figure is, as the buttons' labels and the messages say it ("the Data plane view"). */
  name: string;
  fileBase: string;
  /** Makes the figure from the panel the buttons sit in (null: nothing drawn yet). */
  figure: (panel: HTMLElement | null) => SVGSVGElement | null;
  onError: (message: string) => void;
}

export function FigureDownloads({ name, fileBase, figure, onError }: Props) {
  const save = (button: HTMLElement, kind: 'SVG' | 'PNG') => {
    let svg: SVGSVGElement | null;
    try {
      svg = figure(button.closest('figure'));
    } catch (e) {
      onError(`${kind} export of ${name} failed: ${(e as Error).message}`);
      return;
    }
    if (!svg) onError(`Nothing to export yet: ${name} has not been drawn.`);
    else if (kind === 'SVG') downloadSvg(svg, `${fileBase}.svg`);
    else downloadSvgAsPng(svg, `${fileBase}.png`).catch((e: Error) => onError(`PNG export of ${name} failed: ${e.message}`));
  };
  return (
    <span className="panel-actions figure-downloads">
      <button type="button" className="small" onClick={(e) => save(e.currentTarget, 'SVG')} aria-label={`Download ${name} as SVG`} data-testid="figure-svg">SVG</button>
      <button type="button" className="small" onClick={(e) => save(e.currentTarget, 'PNG')} aria-label={`Download ${name} as PNG`} data-testid="figure-png">PNG</button>
    </span>
  );
}
