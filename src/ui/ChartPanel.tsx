// The frame every chart sits in: a titled figure with an optional run picker, a one-line note,
// the plot and an optional footer. The frame measures the width it has for the plot and hands it
// to the plot as a number: the recharts charts get a fixed width and height (no
// ResponsiveContainer), so they re-render when their data changes or the frame is resized, and
// for nothing else.
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
}

export function ChartPanel({ title, testId, label, picker, note, figureRef, children, footer }: Props) {
  const [boxRef, width] = useWidth();
  return (
    <figure className="panel chart" data-testid={testId} aria-label={label} ref={figureRef}>
      <figcaption>
        <span className="panel-title">{title}</span>
        {picker && <RunPicker />}
      </figcaption>
      <p className="chart-note">{note}</p>
      <div className="chart-box" ref={boxRef}>{width > 0 ? children(width) : null}</div>
      {footer}
    </figure>
  );
}

/** The content width of an element in whole pixels, following its resizes (0 until measured). */
function useWidth(): [(el: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    setWidth(Math.floor(el.clientWidth));
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.current.observe(el);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}
