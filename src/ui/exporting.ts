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

/** A new SVG element with these attributes (and text). */
function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export interface LegendEntry {
  colour: string;
  dashed: boolean;
  label: string;
  /** Drawn as a filled square (an area or bars), not a line. */
  filled?: boolean;
}

/** The link's caption lines in a figure: at most this many, in a monospace font of this size. */
const LINK_LINES = 6;
const LINK_FONT = 10;

/**
 * A figure to export: a title and a subtitle above `plot` (an SVG drawn with its viewBox at the
 * origin), and below it one line per legend entry and per note, and, given a link, the link as a
 * caption (cut short past a few lines) and whole in the SVG's <desc> and <metadata>. A new SVG;
 * `plot` is copied, not moved.
 */
export function composeFigure(title: string, subtitle: string, plot: SVGSVGElement, legend: LegendEntry[], notes: string[], link?: string): SVGSVGElement {
  const box = plot.viewBox.baseVal;
  const width = box.width;
  const titleHeight = 40;
  // bold text is about 0.62 em per character: a long title shrinks to fit the width
  const titleSize = Math.min(15, (width - 16) / (0.62 * title.length));
  const line = 17;
  const caption = link === undefined ? [] : linkCaption(link, Math.floor((width - 16) / (0.6 * LINK_FONT)));
  const height = titleHeight + box.height + 6 + line * (legend.length + notes.length) + 4 + (caption.length ? caption.length * (LINK_FONT + 3) + 6 : 0);
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
    out.appendChild(entry.filled
      ? el('rect', { x: 16, y: y - 6, width: 12, height: 12, fill: entry.colour, 'fill-opacity': 0.35, stroke: entry.colour })
      : el('line', { x1: 10, x2: 34, y1: y, y2: y, stroke: entry.colour, 'stroke-width': 2.5, ...(entry.dashed ? { 'stroke-dasharray': '2 3' } : {}) }));
    out.appendChild(el('text', { x: 40, y, dy: '0.35em', 'data-testid': 'figure-legend' }, entry.label));
    y += line;
  }
  for (const note of notes) {
    out.appendChild(el('text', { x: 10, y, dy: '0.35em', fill: '#374151' }, note));
    y += line;
  }
  if (link !== undefined) {
    out.insertBefore(el('desc', {}, `${title}. ${subtitle}. Link: ${link}`), out.firstChild);
    out.insertBefore(el('metadata', { 'data-testid': 'figure-link' }, link), out.firstChild);
    y += 2 - line / 2;
    for (const text of caption) {
      y += LINK_FONT + 3;
      out.appendChild(el('text', { x: 8, y, 'font-size': LINK_FONT, 'font-family': 'monospace', fill: '#374151', 'data-testid': 'figure-link-caption' }, text));
    }
  }
  return out;
}

/** "Link: …" in lines of `chars` characters, at most LINK_LINES; a longer link ends in a line that says where it is whole. */
function linkCaption(link: string, chars: number): string[] {
  const width = Math.max(20, chars);
  const lines = wrapText(`Link: ${link}`, width);
  if (lines.length <= LINK_LINES) return lines;
  const end = wrapText(`… (${link.length} characters: the whole link is in the SVG and the CSV)`, width);
  return [...lines.slice(0, LINK_LINES - end.length), ...end];
}

/** `text` in lines of at most `chars` characters, broken after a space, '&' or ',' where one is near
 * the end of the line, else anywhere (a link has few spaces). */
export function wrapText(text: string, chars: number): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest.length > chars) {
    const window = rest.slice(0, chars + 1);
    const cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf('&'), window.lastIndexOf(','));
    const at = cut >= chars * 0.6 ? cut + (window[cut] === ' ' ? 0 : 1) : chars;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) lines.push(rest);
  return lines;
}

/** A line of text in an arranged figure. */
export interface FigureText {
  text: string;
  size?: number;
  bold?: boolean;
}

export type FigurePart = SVGSVGElement | FigureText;

/** Width and height of a drawn SVG: its viewBox, else its width and height. */
function svgSize(svg: SVGSVGElement): [number, number] {
  const box = svg.viewBox.baseVal;
  if (box && box.width > 0 && box.height > 0) return [box.width, box.height];
  const rect = svg.getBoundingClientRect();
  return [Number.parseFloat(svg.getAttribute('width') ?? '') || rect.width, Number.parseFloat(svg.getAttribute('height') ?? '') || rect.height];
}

const partSize = (part: FigurePart): [number, number] => ('text' in part
  ? [0.6 * (part.size ?? 12) * part.text.length, 1.5 * (part.size ?? 12)]
  : svgSize(part));

/**
 * One SVG, with its viewBox at the origin, of several drawn SVGs and lines of text: each row's
 * parts side by side, rows top to bottom, each row centred. The SVGs are copied, not moved.
 */
export function arrangeSvgs(rows: FigurePart[][], gap = 8): SVGSVGElement {
  const sizes = rows.map((row) => row.map(partSize));
  const rowWidth = (k: number) => sizes[k].reduce((w, [pw]) => w + pw, 0) + gap * Math.max(0, sizes[k].length - 1);
  const width = Math.ceil(Math.max(1, ...rows.map((_, k) => rowWidth(k))));
  const out = el('svg', { xmlns: SVG_NS, viewBox: '', 'font-size': 12 });
  let y = 0;
  rows.forEach((row, k) => {
    let x = (width - rowWidth(k)) / 2;
    const height = Math.max(0, ...sizes[k].map(([, h]) => h));
    row.forEach((part, j) => {
      const [w, h] = sizes[k][j];
      if ('text' in part) {
        out.appendChild(el('text', { x: x + w / 2, y: y + h / 2, dy: '0.35em', 'text-anchor': 'middle', 'font-size': part.size ?? 12, fill: '#374151', ...(part.bold ? { 'font-weight': 600 } : {}) }, part.text));
      } else {
        const copy = part.cloneNode(true) as SVGSVGElement;
        for (const [name, value] of Object.entries({ x, y: y + (height - h) / 2, width: w, height: h })) copy.setAttribute(name, String(value));
        copy.removeAttribute('class');
        copy.removeAttribute('style');
        out.appendChild(copy);
      }
      x += w + gap;
    });
    y += height + (k < rows.length - 1 ? gap : 0);
  });
  out.setAttribute('viewBox', `0 0 ${width} ${Math.ceil(y)}`);
  return out;
}

/** A recharts chart's legend (HTML beside its SVG) as legend entries: each item's colour and name. */
export function rechartsLegend(root: Element): LegendEntry[] {
  return Array.from(root.querySelectorAll('.recharts-legend-item')).map((item) => {
    const icon = item.querySelector('.recharts-legend-icon, path, line');
    const stroke = icon?.getAttribute('stroke');
    const filled = !stroke || stroke === 'none';
    const colour = (filled ? icon?.getAttribute('fill') : stroke) ?? '#374151';
    return { colour, dashed: false, filled, label: item.querySelector('.recharts-legend-item-text')?.textContent ?? item.textContent ?? '' };
  });
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
