// The minima of a landscape (over the whole space) and the generator start on a panel. A point
// outside the window is drawn as an arrow at the panel's edge that points to it.
import type { LandscapeMinimum } from '../../math/landscape';
import type { PlotScale } from '../contour';
import { edgeArrow, formatCoordinate, formatDivergenceValue, inWindow } from '../viewWindow';
import type { LandscapeBounds } from '../../math/landscape';
import type { Box } from './layout';

export function describeMinimum(m: LandscapeMinimum): string {
  return `${m.global ? 'global' : 'local'} minimum ${formatDivergenceValue(m.value)} at mu = ${formatCoordinate(m.mu)}, sigma = ${formatCoordinate(m.sigma)}`;
}

const STAR = 'M0,-7 L2,-2 L7,-2 L3,1.5 L4.5,7 L0,3.5 L-4.5,7 L-3,1.5 L-7,-2 L-2,-2 Z';

function EdgeArrow({ box, x, y, label, testId, fill }: { box: Box; x: number; y: number; label: string; testId: string; fill: string }) {
  const a = edgeArrow(box, x, y);
  return (
    <g data-testid={testId} transform={`translate(${a.x.toFixed(1)},${a.y.toFixed(1)}) rotate(${a.angle.toFixed(1)})`} data-angle={a.angle.toFixed(1)}>
      <title>{`${label} (outside the view)`}</title>
      <path d="M8,0 L-5,-6 L-2,0 L-5,6 Z" fill={fill} stroke="#fff" strokeWidth={1} />
    </g>
  );
}

export function MinimumMarkers({ minima, window, box, scale }: { minima: LandscapeMinimum[]; window: LandscapeBounds; box: Box; scale: PlotScale }) {
  return (
    <g className="minima">
      {minima.map((m, k) => {
        const x = scale.x(m.mu);
        const y = scale.y(m.sigma);
        if (!inWindow(window, m)) {
          return <EdgeArrow key={k} box={box} x={x} y={y} label={describeMinimum(m)} testId="minimum-offscreen" fill={m.global ? '#111' : '#6b7280'} />;
        }
        return (
          <g key={k} data-testid="minimum" data-global={m.global ? 'true' : 'false'} data-mu={m.mu} data-sigma={m.sigma} transform={`translate(${x.toFixed(1)},${y.toFixed(1)})`}>
            <title>{describeMinimum(m)}</title>
            {m.global
              ? <path d={STAR} fill="#111" stroke="#fff" strokeWidth={0.8} />
              : <circle r={4.5} fill="#fff" stroke="#111" strokeWidth={1.6} />}
          </g>
        );
      })}
    </g>
  );
}

export function StartMarker({ mu0, sigma0, window, box, scale }: { mu0: number; sigma0: number; window: LandscapeBounds; box: Box; scale: PlotScale }) {
  const x = scale.x(mu0);
  const y = scale.y(sigma0);
  const label = `start: mu = ${mu0}, sigma = ${sigma0}`;
  if (!inWindow(window, { mu: mu0, sigma: sigma0 })) return <EdgeArrow box={box} x={x} y={y} label={label} testId="start-offscreen" fill="#dc2626" />;
  return (
    <g data-testid="start-marker" transform={`translate(${x},${y})`}>
      <title>{label}</title>
      <path d="M-5,-5 L5,5 M-5,5 L5,-5" stroke="#fff" strokeWidth={4} />
      <path d="M-5,-5 L5,5 M-5,5 L5,-5" stroke="#000" strokeWidth={2.2} />
    </g>
  );
}

/** The minima in words, those outside the view said so. */
export function MinimaList({ minima, window, infiniteCells }: { minima: LandscapeMinimum[]; window: LandscapeBounds; infiniteCells: number }) {
  return (
    <div className="minima-legend" data-testid="minima-list">
      {minima.length === 0 && <span>&nbsp;</span>}
      {minima.map((m, k) => (
        <span key={k} data-testid="minimum-item" data-outside={inWindow(window, m) ? 'false' : 'true'}>
          {m.global ? '★ global' : '○ local'} {formatDivergenceValue(m.value)} at ({formatCoordinate(m.mu)}, {formatCoordinate(m.sigma)})
          {inWindow(window, m) ? '' : ' — outside the view ➜'}
        </span>
      ))}
      {infiniteCells > 0 && <span className="muted">infinite on {infiniteCells} grid points (darkest band)</span>}
    </div>
  );
}
