// One contour plot of an exact divergence landscape over (mu, sigma), with its minima, the
// generator start, and the live trajectories of every run. Clicking sets the start.
import { memo, useMemo, useRef } from 'react';
import type { LandscapeId } from '../config/schema';
import { usePlayground } from './store';
import { useLandscape } from './landscapeService';
import { extendPolyline, formatValue, levelPath, newPolyline, plotScale, ticks, type LandscapeWindow, type PlotScale, type PolylineBuilder } from './contour';
import { bandColour, runColour } from './colors';
import { LANDSCAPE_NAMES, LANDSCAPE_SHORT_NAMES } from '../math/catalog';
import { downloadSvgAsPng, downloadSvg, stackSvgs } from './exporting';
import type { RunTrajectory } from './trainingState';

const WIDTH = 250;
const HEIGHT = 215;
const BOX = { left: 30, top: 6, width: WIDTH - 36, height: HEIGHT - 36 };

interface Props {
  id: LandscapeId;
  window: LandscapeWindow;
  /** True when a configured scheme minimises this divergence. */
  minimised: boolean;
}

export const ContourPanel = memo(function ContourPanel({ id, window, minimised }: Props) {
  const target = usePlayground((s) => s.config.target);
  const mu0 = usePlayground((s) => s.config.mu0);
  const sigma0 = usePlayground((s) => s.config.sigma0);
  const setStart = usePlayground((s) => s.setStart);
  const notify = usePlayground((s) => s.notify);
  const landscape = useLandscape(id, target, window);
  const svgRef = useRef<SVGSVGElement>(null);
  const overlayRef = useRef<SVGSVGElement>(null);
  const scale = useMemo(() => plotScale(window, BOX), [window]);
  const name = LANDSCAPE_NAMES[id];
  const short = LANDSCAPE_SHORT_NAMES[id];

  const bands = useMemo(() => {
    if (landscape.state !== 'done') return null;
    const { levels } = landscape.result;
    return levels.map((level, k) => ({ d: levelPath(level, scale), fill: bandColour(k + 1, levels.length + 1), threshold: level.threshold }));
  }, [landscape, scale]);

  const onClick = (event: React.MouseEvent<HTMLDivElement>) => {
    const svg = svgRef.current;
    if (!svg) return;
    const rect = svg.getBoundingClientRect();
    const px = ((event.clientX - rect.left) / rect.width) * WIDTH;
    const py = ((event.clientY - rect.top) / rect.height) * HEIGHT;
    const { mu, sigma } = scale.invert(px, py);
    if (mu < window.muMin || mu > window.muMax || sigma < window.sigmaMin || sigma > window.sigmaMax) return;
    setStart(mu, sigma);
  };
  /** The panel as drawn: the landscape with the overlay on top, as one SVG. */
  const exported = () => (svgRef.current && overlayRef.current ? stackSvgs(svgRef.current, overlayRef.current) : null);

  const minima = landscape.state === 'done' ? landscape.result.minima : [];
  const clipId = `clip-${id}`;
  const fileBase = `landscape-${id}`;
  const viewBox = `0 0 ${WIDTH} ${HEIGHT}`;

  return (
    <figure className="panel contour-panel" data-testid="contour-panel" data-divergence={id} aria-label={`${name} landscape`}>
      <figcaption>
        <span className="panel-title" title={name}>{short}</span>
        <span className="panel-actions">
          <button type="button" className="small" onClick={() => { const svg = exported(); if (svg) downloadSvg(svg, `${fileBase}.svg`); }} aria-label={`Download the ${name} panel as SVG`}>SVG</button>
          <button type="button" className="small" onClick={() => { const svg = exported(); if (svg) downloadSvgAsPng(svg, `${fileBase}.png`).catch((e: Error) => notify(`PNG export of the ${name} panel failed: ${e.message}`)); }} aria-label={`Download the ${name} panel as PNG`}>PNG</button>
        </span>
      </figcaption>
      {/* Two layers: the landscape is drawn once; the live overlay (trajectories, minima, start)
          sits on its own compositing layer, so that a growing trajectory does not repaint the
          filled contour bands (costly where the browser rasterises in software). */}
      <div className="contour-plot" onClick={onClick}>
        <svg
          ref={svgRef}
          xmlns="http://www.w3.org/2000/svg"
          viewBox={viewBox}
          className="contour-svg"
          role="img"
          aria-label={`Contour plot of ${name} over mu and sigma; click to set the generator start`}
        >
          <rect x={BOX.left} y={BOX.top} width={BOX.width} height={BOX.height} fill={bandColour(0, (bands?.length ?? 0) + 1)} />
          <g clipPath={`url(#${clipId})`}>
            {bands?.map((b, k) => (
              <path key={k} d={b.d} fill={b.fill} stroke="#33415580" strokeWidth={0.6} fillRule="evenodd" data-threshold={b.threshold} className="contour-level" />
            ))}
          </g>
          <defs>
            <clipPath id={clipId}>
              <rect x={BOX.left} y={BOX.top} width={BOX.width} height={BOX.height} />
            </clipPath>
          </defs>
          <Axes window={window} scale={scale} />
        </svg>
        <svg ref={overlayRef} xmlns="http://www.w3.org/2000/svg" viewBox={viewBox} className="contour-svg contour-overlay" aria-hidden="true">
          <g clipPath={`url(#${clipId})`}>
            <Trajectories scale={scale} />
          </g>
          {minima.map((m, k) => (
            <g key={k} data-testid="minimum" data-global={m.global ? 'true' : 'false'} data-boundary={m.onBoundary ? 'true' : 'false'} transform={`translate(${scale.x(m.mu)},${scale.y(m.sigma)})`}>
              <title>{`${m.global ? 'global' : 'local'} minimum ${formatValue(m.value)} at mu = ${formatValue(m.mu)}, sigma = ${formatValue(m.sigma)}${m.onBoundary ? ' (on the window edge)' : ''}`}</title>
              {m.onBoundary ? (
                <path d="M0,-5 L5,0 L0,5 L-5,0 Z" fill={m.global ? '#111' : '#fff'} stroke="#111" strokeWidth={1.4} />
              ) : m.global ? (
                <path d="M0,-7 L2,-2 L7,-2 L3,1.5 L4.5,7 L0,3.5 L-4.5,7 L-3,1.5 L-7,-2 L-2,-2 Z" fill="#111" stroke="#fff" strokeWidth={0.8} />
              ) : (
                <circle r={4.5} fill="#fff" stroke="#111" strokeWidth={1.6} />
              )}
            </g>
          ))}
          <g data-testid="start-marker" transform={`translate(${scale.x(mu0)},${scale.y(sigma0)})`}>
            <title>{`start: mu = ${mu0}, sigma = ${sigma0}`}</title>
            <path d="M-5,-5 L5,5 M-5,5 L5,-5" stroke="#000" strokeWidth={2.2} />
          </g>
          {landscape.state === 'computing' && (
            <text x={BOX.left + BOX.width / 2} y={BOX.top + BOX.height / 2} textAnchor="middle" className="svg-note">computing…</text>
          )}
          {landscape.state === 'failed' && (
            <text x={BOX.left + BOX.width / 2} y={BOX.top + BOX.height / 2} textAnchor="middle" className="svg-note">{`failed: ${landscape.error}`}</text>
          )}
        </svg>
      </div>
      {minimised && <div className="badge" title="a configured scheme minimises this divergence">minimised by a scheme</div>}
      <MinimaLegend minima={minima} infiniteCells={landscape.state === 'done' ? landscape.result.infiniteCells : 0} />
    </figure>
  );
});

function Axes({ window, scale }: { window: LandscapeWindow; scale: PlotScale }) {
  const xTicks = ticks(window.muMin, window.muMax, 5);
  const yTicks = ticks(window.sigmaMin, window.sigmaMax, 5);
  const bottom = BOX.top + BOX.height;
  return (
    <g className="axes" fontSize={10}>
      <rect x={BOX.left} y={BOX.top} width={BOX.width} height={BOX.height} fill="none" stroke="#333" />
      {xTicks.map((t) => (
        <g key={`x${t}`} transform={`translate(${scale.x(t)},${bottom})`}>
          <line y2={4} stroke="#333" />
          <text y={13} textAnchor="middle">{t}</text>
        </g>
      ))}
      {yTicks.map((t) => (
        <g key={`y${t}`} transform={`translate(${BOX.left},${scale.y(t)})`}>
          <line x2={-4} stroke="#333" />
          <text x={-5} dy="0.32em" textAnchor="end">{t}</text>
        </g>
      ))}
      <text x={BOX.left + BOX.width / 2} y={HEIGHT - 3} textAnchor="middle" fontStyle="italic" fontSize={12}>μ</text>
      <text x={6} y={BOX.top + BOX.height / 2} textAnchor="middle" fontStyle="italic" fontSize={12}>σ</text>
    </g>
  );
}

interface RunPath {
  source: RunTrajectory;
  path: PolylineBuilder;
}

/**
 * One SVG path per run, its data extended by the points that arrived since the last render
 * (trajectories grow in place; trajectoryVersion says when). A reset brings new trajectory
 * arrays, and the paths start over.
 */
function Trajectories({ scale }: { scale: PlotScale }) {
  const runs = usePlayground((s) => s.runs);
  const seed = usePlayground((s) => s.runConfig.seed);
  const trajectories = usePlayground((s) => s.training.trajectories);
  usePlayground((s) => s.training.trajectoryVersion);
  const cache = useRef<{ scale: PlotScale; paths: Map<number, RunPath> } | null>(null);
  if (!cache.current || cache.current.scale !== scale) cache.current = { scale, paths: new Map() };
  const paths = cache.current.paths;
  return (
    <g className="trajectories">
      {runs.map((run) => {
        const t = trajectories[run.index];
        if (!t) return null;
        let p = paths.get(run.index);
        if (!p || p.source !== t) {
          p = { source: t, path: newPolyline() };
          paths.set(run.index, p);
        }
        extendPolyline(p.path, t.mu, t.sigma, scale);
        const last = t.mu.length - 1;
        const end = last >= 0 && Number.isFinite(t.mu[last]) && Number.isFinite(t.sigma[last]) ? { x: scale.x(t.mu[last]), y: scale.y(t.sigma[last]) } : null;
        const colour = runColour(run.schemeIndex, run.seed - seed);
        return (
          <g key={run.index}>
            <path
              d={p.path.d}
              fill="none"
              stroke={colour}
              strokeWidth={1.8}
              strokeDasharray={run.critic === 'optimal' ? '2 3' : undefined}
              strokeLinecap="round"
              data-testid="trajectory"
              data-run={run.index}
              data-points={t.mu.length}
            >
              <title>{run.label}</title>
            </path>
            {end && <circle cx={end.x} cy={end.y} r={2.6} fill={colour} />}
          </g>
        );
      })}
    </g>
  );
}

function MinimaLegend({ minima, infiniteCells }: { minima: { mu: number; sigma: number; value: number; global: boolean; onBoundary: boolean }[]; infiniteCells: number }) {
  if (minima.length === 0) return <div className="minima-legend">&nbsp;</div>;
  return (
    <div className="minima-legend">
      {minima.map((m, k) => (
        <span key={k}>
          {m.onBoundary ? '◇ edge' : m.global ? '★ global' : '○ local'} {formatValue(m.value)} at ({formatValue(m.mu)}, {formatValue(m.sigma)}){m.onBoundary && m.global ? ' (lowest)' : ''}
        </span>
      ))}
      {infiniteCells > 0 && <span className="muted">infinite on {infiniteCells} grid points (darkest band)</span>}
    </div>
  );
}
