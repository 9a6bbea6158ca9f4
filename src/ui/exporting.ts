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
