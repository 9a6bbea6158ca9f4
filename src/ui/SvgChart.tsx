// A small SVG chart for the live views (data space, pushforward, divergence monitor, s_f plot):
// lines, step areas, two y axes, horizontal grid lines and a hover read-out. It replaces recharts
// on these views because a recharts update costs 100-300 ms of main thread here whatever the
// number of points (its store recomputes every selector and re-renders the chart several times
// per data change); this one builds a few path strings and renders once.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AxisScale } from './chartData';
import { formatValue } from './contour';

export interface ChartSeries {
  /** The row field plotted. */
  key: string;
  /** Shown in the hover read-out. */
  name: string;
  colour: string;
  axis?: 'left' | 'right';
  /** 'area' fills down to 0. */
  kind?: 'line' | 'area';
  /** monotone: smooth without overshoot; step: steps centred between points; stepAfter: a step at each point. */
  curve?: 'linear' | 'monotone' | 'step' | 'stepAfter';
  width?: number;
  dash?: string;
  fillOpacity?: number;
  /** Draw across missing values instead of breaking the line. */
  connectNulls?: boolean;
  /** Mark every point with a dot (for series of one or a few points). */
  dots?: boolean;
}

export type ChartRow = Readonly<Record<string, number | null | undefined>>;

export interface SvgChartProps {
  rows: readonly ChartRow[];
  /** Field of the x value; rows are sorted by it. */
  xKey: string;
  x: AxisScale;
  y: AxisScale;
  y2?: AxisScale;
  series: readonly ChartSeries[];
  height: number;
  xLabel?: string;
  yLabel?: string;
  y2Label?: string;
  /** The hover read-out's heading for an x value. */
  formatX?: (x: number) => string;
  label: string;
}

type Pt = [number, number];

const MARGIN = { top: 8, bottom: 30 };
const LEFT = 46;
const RIGHT_AXIS = 42;
const RIGHT_NONE = 12;

function linearPath(pts: Pt[]): string {
  let d = '';
  for (let i = 0; i < pts.length; i++) d += `${i ? 'L' : 'M'}${pts[i][0].toFixed(1)},${pts[i][1].toFixed(1)}`;
  return d;
}

/** Monotone cubic interpolation in x (Fritsch-Carlson / Steffen tangents, as d3's curveMonotoneX). */
export function monotonePath(pts: Pt[]): string {
  const n = pts.length;
  if (n < 3) return linearPath(pts);
  const slope = (i: number) => {
    const h = pts[i + 1][0] - pts[i][0];
    return h ? (pts[i + 1][1] - pts[i][1]) / h : 0;
  };
  const t = new Array<number>(n);
  for (let i = 1; i < n - 1; i++) {
    const h0 = pts[i][0] - pts[i - 1][0];
    const h1 = pts[i + 1][0] - pts[i][0];
    const s0 = slope(i - 1);
    const s1 = slope(i);
    const p = h0 + h1 > 0 ? (s0 * h1 + s1 * h0) / (h0 + h1) : 0;
    t[i] = (Math.sign(s0) + Math.sign(s1)) * Math.min(Math.abs(s0), Math.abs(s1), 0.5 * Math.abs(p)) || 0;
  }
  t[0] = (3 * slope(0) - t[1]) / 2;
  t[n - 1] = (3 * slope(n - 2) - t[n - 2]) / 2;
  let d = `M${pts[0][0].toFixed(1)},${pts[0][1].toFixed(1)}`;
  for (let i = 0; i < n - 1; i++) {
    const [x0, y0] = pts[i];
    const [x1, y1] = pts[i + 1];
    const dx = (x1 - x0) / 3;
    d += `C${(x0 + dx).toFixed(1)},${(y0 + dx * t[i]).toFixed(1)},${(x1 - dx).toFixed(1)},${(y1 - dx * t[i + 1]).toFixed(1)},${x1.toFixed(1)},${y1.toFixed(1)}`;
  }
  return d;
}

function stepPath(pts: Pt[], centred: boolean): string {
  if (pts.length === 0) return '';
  let d = `M${pts[0][0].toFixed(1)},${pts[0][1].toFixed(1)}`;
  for (let i = 1; i < pts.length; i++) {
    const [x, y] = pts[i];
    if (centred) {
      const mid = (pts[i - 1][0] + x) / 2;
      d += `H${mid.toFixed(1)}V${y.toFixed(1)}H${x.toFixed(1)}`;
    } else {
      d += `H${x.toFixed(1)}V${y.toFixed(1)}`;
    }
  }
  return d;
}

function curvePath(pts: Pt[], curve: ChartSeries['curve']): string {
  switch (curve) {
    case 'monotone': return monotonePath(pts);
    case 'step': return stepPath(pts, true);
    case 'stepAfter': return stepPath(pts, false);
    default: return linearPath(pts);
  }
}

/** Linear map of an axis domain onto [a, b] pixels. */
function scaleOf(axis: AxisScale, a: number, b: number): (v: number) => number {
  const [d0, d1] = axis.domain;
  const k = d1 !== d0 ? (b - a) / (d1 - d0) : 0;
  return (v) => a + (v - d0) * k;
}

/** The width of an element, following its resizes. */
function useWidth(initial: number): [(el: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState(initial);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    setWidth(el.clientWidth || initial);
    if (typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.current.observe(el);
  }, [initial]);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}

let clipCounter = 0;

export const SvgChart = memo(function SvgChart(props: SvgChartProps) {
  const { rows, xKey, x, y, y2, series, height, xLabel, yLabel, y2Label, formatX, label } = props;
  const [boxRef, width] = useWidth(440);
  const [hover, setHover] = useState<number | null>(null);
  const clipId = useMemo(() => `svg-chart-clip-${++clipCounter}`, []);
  const right = y2 ? RIGHT_AXIS : RIGHT_NONE;
  const plot = { left: LEFT, top: MARGIN.top, width: Math.max(10, width - LEFT - right), height: height - MARGIN.top - MARGIN.bottom };
  const sx = scaleOf(x, plot.left, plot.left + plot.width);
  const sy = scaleOf(y, plot.top + plot.height, plot.top);
  const sy2 = y2 ? scaleOf(y2, plot.top + plot.height, plot.top) : sy;

  const paths = useMemo(() => series.map((s) => {
    const py = s.axis === 'right' ? sy2 : sy;
    const segments: Pt[][] = [[]];
    for (const r of rows) {
      const xv = r[xKey];
      const v = r[s.key];
      if (typeof xv !== 'number' || typeof v !== 'number' || !Number.isFinite(v) || !Number.isFinite(xv)) {
        if (!s.connectNulls && segments[segments.length - 1].length > 0) segments.push([]);
        continue;
      }
      segments[segments.length - 1].push([sx(xv), py(v)]);
    }
    const live = segments.filter((seg) => seg.length > 0);
    let d = '';
    for (const seg of live) {
      const line = curvePath(seg, s.curve);
      d += s.kind === 'area'
        ? `${line}V${py(0).toFixed(1)}H${seg[0][0].toFixed(1)}Z`
        : line;
    }
    return { s, d, points: live.reduce((a, seg) => a + seg.length, 0), dots: s.dots ? live.flat() : [] };
    // sx, sy, sy2 follow from the axes and the width
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [rows, series, xKey, x, y, y2, width, height]);

  const onMove = (e: React.MouseEvent<SVGRectElement>) => {
    if (rows.length === 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const px = plot.left + ((e.clientX - rect.left) / rect.width) * plot.width;
    let best = 0;
    let bestDist = Infinity;
    for (let i = 0; i < rows.length; i++) {
      const xv = rows[i][xKey];
      if (typeof xv !== 'number') continue;
      const dist = Math.abs(sx(xv) - px);
      if (dist < bestDist) { bestDist = dist; best = i; }
    }
    setHover(best);
  };

  const hoverRow = hover !== null && hover < rows.length ? rows[hover] : null;
  const hoverX = hoverRow ? hoverRow[xKey] : null;
  const bottom = plot.top + plot.height;
  return (
    <div className="svg-chart" ref={boxRef} style={{ height }}>
      <svg className="chart-svg" width={width} height={height} role="img" aria-label={label}>
        <defs>
          <clipPath id={clipId}><rect x={plot.left} y={plot.top} width={plot.width} height={plot.height} /></clipPath>
        </defs>
        <g className="grid" stroke="#e5e7eb" strokeDasharray="3 3">
          {y.ticks.map((t) => <line key={t} x1={plot.left} x2={plot.left + plot.width} y1={sy(t)} y2={sy(t)} />)}
        </g>
        <g clipPath={`url(#${clipId})`}>
          {paths.map(({ s, d, points, dots }) => (
            <g key={s.key}>
              <path
                d={d}
                data-series={s.key}
                data-points={points}
                fill={s.kind === 'area' ? s.colour : 'none'}
                fillOpacity={s.kind === 'area' ? (s.fillOpacity ?? 0.25) : undefined}
                stroke={s.colour}
                strokeWidth={s.width ?? (s.kind === 'area' ? 1 : 2)}
                strokeDasharray={s.dash}
                strokeLinejoin="round"
              />
              {dots.map(([cx, cy], k) => <circle key={k} cx={cx} cy={cy} r={2.5} fill={s.colour} />)}
            </g>
          ))}
        </g>
        <g className="axes" fontSize={11} fill="#4b5563">
          <line x1={plot.left} x2={plot.left + plot.width} y1={bottom} y2={bottom} stroke="#9ca3af" />
          {x.ticks.map((t) => (
            <g key={t} transform={`translate(${sx(t).toFixed(1)},${bottom})`}>
              <line y2={4} stroke="#9ca3af" />
              <text y={15} textAnchor="middle">{formatValue(t)}</text>
            </g>
          ))}
          <line x1={plot.left} x2={plot.left} y1={plot.top} y2={bottom} stroke="#9ca3af" />
          {y.ticks.map((t) => (
            <text key={t} x={plot.left - 5} y={sy(t)} dy="0.32em" textAnchor="end">{formatValue(t)}</text>
          ))}
          {y2 && (
            <>
              <line x1={plot.left + plot.width} x2={plot.left + plot.width} y1={plot.top} y2={bottom} stroke="#9ca3af" />
              {y2.ticks.map((t) => (
                <text key={t} x={plot.left + plot.width + 5} y={sy2(t)} dy="0.32em" textAnchor="start">{formatValue(t)}</text>
              ))}
            </>
          )}
          {xLabel && <text x={plot.left + plot.width} y={height - 2} textAnchor="end" fontSize={11}>{xLabel}</text>}
          {yLabel && <text transform={`translate(11,${plot.top + plot.height / 2}) rotate(-90)`} textAnchor="middle">{yLabel}</text>}
          {y2Label && <text transform={`translate(${width - 4},${plot.top + plot.height / 2}) rotate(90)`} textAnchor="middle">{y2Label}</text>}
        </g>
        {typeof hoverX === 'number' && (
          <line x1={sx(hoverX)} x2={sx(hoverX)} y1={plot.top} y2={bottom} stroke="#6b7280" strokeDasharray="2 2" pointerEvents="none" />
        )}
        <rect x={plot.left} y={plot.top} width={plot.width} height={plot.height} fill="transparent" onMouseMove={onMove} onMouseLeave={() => setHover(null)} />
      </svg>
      {hoverRow && typeof hoverX === 'number' && (
        <div className="chart-tooltip" style={sx(hoverX) > plot.left + plot.width / 2 ? { right: width - sx(hoverX) + 8 } : { left: sx(hoverX) + 8 }}>
          <div className="chart-tooltip-title">{formatX ? formatX(hoverX) : formatValue(hoverX)}</div>
          {series.map((s) => {
            const v = hoverRow[s.key];
            return typeof v === 'number' ? (
              <div key={s.key}><span style={{ color: s.colour }}>■</span> {s.name}: {formatValue(v)}</div>
            ) : null;
          })}
        </div>
      )}
    </div>
  );
});
