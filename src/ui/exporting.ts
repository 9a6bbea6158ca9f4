// Downloads: text files, a panel's SVG as it is drawn, and the same SVG rasterised to PNG.

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(text: string, filename: string, type: string): void {
  downloadBlob(new Blob([text], { type }), filename);
}

/**
 * One SVG of two drawn on top of each other with the same viewBox: a copy of `bottom` with copies
 * of `top`'s children appended (clip paths are looked up by id across both; bottom defines them).
 */
export function stackSvgs(bottom: SVGSVGElement, top: SVGSVGElement): SVGSVGElement {
  const out = bottom.cloneNode(true) as SVGSVGElement;
  for (const child of Array.from(top.childNodes)) out.appendChild(child.cloneNode(true));
  return out;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface LegendEntry {
  colour: string;
  dashed: boolean;
  label: string;
}

/**
 * A figure to export: a title and a subtitle above `plot` (an SVG drawn with its viewBox at the
 * origin), and below it one line per legend entry and per note. A new SVG; `plot` is copied, not moved.
 */
export function composeFigure(title: string, subtitle: string, plot: SVGSVGElement, legend: LegendEntry[], notes: string[]): SVGSVGElement {
  const box = plot.viewBox.baseVal;
  const width = box.width;
  const titleHeight = 40;
  // bold text is about 0.62 em per character: a long title shrinks to fit the width
  const titleSize = Math.min(15, (width - 16) / (0.62 * title.length));
  const line = 17;
  const height = titleHeight + box.height + 6 + line * (legend.length + notes.length) + 4;
  const el = <K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string) => {
    const node = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const out = el('svg', { xmlns: SVG_NS, viewBox: `0 0 ${width} ${height}`, 'font-size': 12 });
  out.appendChild(el('text', { x: 8, y: 17, 'font-size': titleSize.toFixed(1), 'font-weight': 600, 'data-testid': 'figure-title' }, title));
  out.appendChild(el('text', { x: 8, y: 34, fill: '#374151' }, subtitle));
  const body = plot.cloneNode(true) as SVGSVGElement;
  body.setAttribute('y', String(titleHeight));
  body.setAttribute('width', String(width));
  body.setAttribute('height', String(box.height));
  out.appendChild(body);
  let y = titleHeight + box.height + 6 + line / 2;
  for (const entry of legend) {
    out.appendChild(el('line', { x1: 10, x2: 34, y1: y, y2: y, stroke: entry.colour, 'stroke-width': 2.5, ...(entry.dashed ? { 'stroke-dasharray': '2 3' } : {}) }));
    out.appendChild(el('text', { x: 40, y, dy: '0.35em', 'data-testid': 'figure-legend' }, entry.label));
    y += line;
  }
  for (const note of notes) {
    out.appendChild(el('text', { x: 10, y, dy: '0.35em', fill: '#374151' }, note));
    y += line;
  }
  return out;
}

/** The SVG element as a standalone document (namespace, size and a white background). */
export function serialiseSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.viewBox.baseVal;
  if (box && box.width > 0) {
    clone.setAttribute('width', String(box.width));
    clone.setAttribute('height', String(box.height));
  }
  clone.setAttribute('font-family', 'system-ui, sans-serif');
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#fff');
  clone.insertBefore(bg, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(svg: SVGSVGElement, filename: string): void {
  downloadText(serialiseSvg(svg), filename, 'image/svg+xml');
}

/** Draws the SVG into a canvas at `scale` times its size and returns PNG bytes. */
export function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = serialiseSvg(svg);
  const box = svg.viewBox.baseVal;
  const width = Math.round((box?.width || svg.clientWidth) * scale);
  const height = Math.round((box?.height || svg.clientHeight) * scale);
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d');
      if (!ctx) { reject(new Error('no 2-D canvas context')); return; }
      ctx.drawImage(img, 0, 0, width, height);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png');
    };
    img.onerror = () => reject(new Error('the SVG could not be drawn'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}

/** Rasterises the SVG and downloads it; rejects (for the caller to report) when that fails. */
export async function downloadSvgAsPng(svg: SVGSVGElement, filename: string): Promise<void> {
  downloadBlob(await svgToPng(svg), filename);
}
