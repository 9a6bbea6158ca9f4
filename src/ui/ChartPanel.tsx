// The frame every chart sits in: a titled figure with an optional run picker, a one-line note,
// the plot and an optional footer. The frame measures the width it has for the plot and hands it
// to the plot as a number: the recharts charts get a fixed width and height (no
// ResponsiveContainer), so they re-render when their data changes or the frame is resized, and
// for nothing else. recharts makes its svg a tab stop (its keyboard layer moves the read-out with
// the arrow keys) without a name; the frame gives it the chart's label.
import { useCallback, useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { RunPicker } from './RunPicker';

interface Props {
  title: ReactNode;
  testId: string;
  label: string;
  /** Shows the run picker (views of one run). */
  picker?: boolean;
  note: ReactNode;
  /** Receives the figure element (visibility tracking). */
  figureRef?: Ref<HTMLElement>;
  /** The plot, given the width it may take in pixels (called once the width is known). */
  children: (width: number) => ReactNode;
  footer?: ReactNode;
  /** Buttons at the end of the title line (the figure's downloads). */
  actions?: ReactNode;
}

export function ChartPanel({ title, testId, label, picker, note, figureRef, children, footer, actions }: Props) {
  const [boxRef, width] = useWidth(`${label}: arrow keys move the read-out`);
  return (
    <figure className="panel chart" data-testid={testId} aria-label={label} ref={figureRef}>
      <figcaption>
        <span className="panel-title">{title}</span>
        {picker && <RunPicker />}
        {actions}
      </figcaption>
      <p className="chart-note">{note}</p>
      <div className="chart-box" ref={boxRef}>{width > 0 ? children(width) : null}</div>
      {footer}
    </figure>
  );
}

/**
 * The content width of an element in whole pixels, following its resizes (0 until measured); the
 * chart svg that appears inside it gets `chartName` as its accessible name.
 */
function useWidth(chartName: string): [(el: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observers = useRef<{ size: ResizeObserver | null; svg: MutationObserver | null }>({ size: null, svg: null });
  const ref = useCallback((el: HTMLDivElement | null) => {
    observers.current.size?.disconnect();
    observers.current.svg?.disconnect();
    observers.current = { size: null, svg: null };
    if (!el) return;
    setWidth(Math.floor(el.clientWidth));
    if (typeof MutationObserver !== 'undefined') {
      const name = () => el.querySelectorAll('.recharts-wrapper > svg:not([aria-label])').forEach((svg) => svg.setAttribute('aria-label', chartName));
      observers.current.svg = new MutationObserver(name);
      observers.current.svg.observe(el, { childList: true, subtree: true });
    }
    if (typeof ResizeObserver === 'undefined') return;
    observers.current.size = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observers.current.size.observe(el);
  }, [chartName]);
  useEffect(() => () => { observers.current.size?.disconnect(); observers.current.svg?.disconnect(); }, []);
  return [ref, width];
}
