// The frame every chart sits in: a titled figure with an optional run picker, a one-line note,
// the plot, and a legend in HTML that wraps cleanly.
import { memo, type ReactNode, type Ref } from 'react';
import { RunPicker } from './RunPicker';

export interface LegendItem {
  name: string;
  colour: string;
  /** 'line' (default), 'dashed' line, or a filled 'area'. */
  kind?: 'line' | 'dashed' | 'area';
}

interface Props {
  title: ReactNode;
  testId: string;
  label: string;
  /** Shows the run picker (views of one run). */
  picker?: boolean;
  note: ReactNode;
  legend?: LegendItem[];
  /** Receives the figure element (visibility tracking). */
  figureRef?: Ref<HTMLElement>;
  children: ReactNode;
  footer?: ReactNode;
}

export function ChartPanel({ title, testId, label, picker, note, legend, figureRef, children, footer }: Props) {
  return (
    <figure className="panel chart" data-testid={testId} aria-label={label} ref={figureRef}>
      <figcaption>
        <span className="panel-title">{title}</span>
        {picker && <RunPicker />}
      </figcaption>
      <p className="chart-note">{note}</p>
      <div className="chart-box">{children}</div>
      {legend && <ChartLegend items={legend} />}
      {footer}
    </figure>
  );
}

export const ChartLegend = memo(function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="chart-legend">
      {items.map((it) => (
        <li key={it.name}>
          <svg width="18" height="10" aria-hidden="true">
            {it.kind === 'area' ? (
              <rect x="1" y="1" width="16" height="8" fill={it.colour} fillOpacity={0.35} stroke={it.colour} />
            ) : (
              <line x1="1" y1="5" x2="17" y2="5" stroke={it.colour} strokeWidth="2.2" strokeDasharray={it.kind === 'dashed' ? '4 3' : undefined} />
            )}
          </svg>
          {it.name}
        </li>
      ))}
    </ul>
  );
});
