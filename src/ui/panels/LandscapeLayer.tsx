// The bottom layer of a landscape panel: the filled contour bands, the axes and the titled colour bar.
// The bands are traced in the pixels of the window their grid was computed for and mapped onto
// the current window by one transform, so that zooming and panning move them at once while the
// grid of the new window is computed.
import { memo, useMemo } from 'react';
import type { LandscapeId } from '../../config/schema';
import { bandColour } from '../colors';
import { levelPath, plotScale, type PlotScale } from '../contour';
import { ticks } from '../ticks';
import type { LandscapeGridResult } from '../landscapeTypes';
import type { LandscapeBounds } from '../../math/landscape';
import { ColourBar } from './ColourBar';
import type { PanelLayout } from './layout';

interface Props {
  id: LandscapeId;
  grid: LandscapeGridResult | null;
  window: LandscapeBounds;
  scale: PlotScale;
  layout: PanelLayout;
  clipId: string;
}

export const LandscapeLayer = memo(function LandscapeLayer({ id, grid, window, scale, layout, clipId }: Props) {
  const { box } = layout;
  const bands = useMemo(() => {
    if (!grid) return null;
    const gridScale = plotScale(grid.window, box);
    const n = grid.levels.length + 1;
    return grid.levels.map((level, k) => ({ d: levelPath(level, gridScale), fill: bandColour(k + 1, n), threshold: level.threshold }));
  }, [grid, box]);
  const transform = useMemo(() => {
    if (!grid) return undefined;
    const g = grid.window;
    const sx = (g.muMax - g.muMin) / (window.muMax - window.muMin);
    const sy = (g.sigmaMax - g.sigmaMin) / (window.sigmaMax - window.sigmaMin);
    // a grid pixel x maps to x' = box.left + (x - box.left) * sx + (g.muMin - window.muMin) * kx
    const tx = box.left - box.left * sx + scale.x(g.muMin) - box.left;
    const bottom = box.top + box.height;
    const ty = bottom - bottom * sy + scale.y(g.sigmaMin) - bottom;
    return sx === 1 && sy === 1 && Math.abs(tx) < 1e-9 && Math.abs(ty) < 1e-9 ? undefined : `matrix(${sx} 0 0 ${sy} ${tx} ${ty})`;
  }, [grid, window, scale, box]);
  const bandCount = (bands?.length ?? 0) + 1;
  return (
    <>
      <defs>
        <clipPath id={clipId}>
          <rect x={box.left} y={box.top} width={box.width} height={box.height} />
        </clipPath>
      </defs>
      <rect x={box.left} y={box.top} width={box.width} height={box.height} fill={grid ? bandColour(0, bandCount) : '#f1f5f9'} />
      <g clipPath={`url(#${clipId})`}>
        <g transform={transform}>
          {bands?.map((b, k) => (
            <path key={k} d={b.d} fill={b.fill} stroke="#33415580" strokeWidth={0.6} vectorEffect="non-scaling-stroke" fillRule="evenodd" data-threshold={b.threshold} className="contour-level" />
          ))}
        </g>
      </g>
      <Axes window={window} scale={scale} layout={layout} />
      {grid && (
        <ColourBar id={id} bar={layout.bar} titleX={layout.barTitleX} thresholds={grid.levels.map((l) => l.threshold)} min={grid.min} max={grid.max} infinite={grid.infiniteCells > 0} fontSize={layout.tickFont} />
      )}
    </>
  );
});

function Axes({ window, scale, layout }: { window: LandscapeBounds; scale: PlotScale; layout: PanelLayout }) {
  const { box, tickFont } = layout;
  const xTicks = ticks(window.muMin, window.muMax, Math.max(3, Math.round(box.width / 60)));
  const yTicks = ticks(window.sigmaMin, window.sigmaMax, Math.max(3, Math.round(box.height / 45)));
  const bottom = box.top + box.height;
  return (
    <g className="axes" fontSize={tickFont} fill="#1f2937">
      <rect x={box.left} y={box.top} width={box.width} height={box.height} fill="none" stroke="#333" />
      {xTicks.map((t) => (
        <g key={`x${t}`} transform={`translate(${scale.x(t)},${bottom})`}>
          <line y2={4} stroke="#333" />
          <text y={tickFont + 5} textAnchor="middle" className="tick-label">{t}</text>
        </g>
      ))}
      {yTicks.map((t) => (
        <g key={`y${t}`} transform={`translate(${box.left},${scale.y(t)})`}>
          <line x2={-4} stroke="#333" />
          <text x={-6} dy="0.32em" textAnchor="end" className="tick-label">{t}</text>
        </g>
      ))}
      <text x={box.left + box.width / 2} y={layout.height - 4} textAnchor="middle" fontStyle="italic" fontSize={tickFont + 2}>μ</text>
      <text x={12} y={box.top + box.height / 2} textAnchor="middle" fontStyle="italic" fontSize={tickFont + 2}>σ</text>
    </g>
  );
}
