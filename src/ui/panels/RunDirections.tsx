// Beside each run's current point, two arrows: the way the run last moved (its generator update
// per step, from the last two recorded points, in the run's colour, on the one scale of
// moveScale.ts that a key on the panel states) and -grad D of the panel's divergence at that point
// (exact, dark, dashed). Where the run minimises this divergence with a good critic the two agree;
// the saturating GAN's weak gradient shows as a short move arrow, a converged run as none.
import { useMemo, useRef } from 'react';
import type { LandscapeId, MixtureComponent } from '../../config/schema';
import type { RunSpec } from '../../config/runs';
import { checkPoint, type LandscapeBounds } from '../../math/landscape';
import { usePacedStore } from '../paced';
import { usePlayground } from '../store';
import { useMinima } from '../landscapeService';
import { runColour } from '../colors';
import type { PlotScale } from '../contour';
import type { Trajectory } from '../../engine/trajectory';
import { gradientAt } from './readout';
import { TICK_FONT, arrowVector, freeCorner, type Box } from './layout';
import { MIN_ARROW_PX, extendFastestMove, moveArrow, moveScale, type FastestMove, type MoveScale } from './moveScale';

export interface RunDirection {
  run: RunSpec;
  mu: number;
  sigma: number;
  /** The last move per generator step, (d mu, d sigma). */
  move: { dMu: number; dSigma: number };
  /** grad D of the panel's divergence at (mu, sigma). */
  gradient: { gMu: number; gSigma: number };
}

/** Each run's last move and the exact gradient where it stands; runs without a move are left out. */
export function runDirections(id: LandscapeId, target: MixtureComponent[], runs: RunSpec[], trajectories: Trajectory[]): RunDirection[] {
  return runs.flatMap((run) => {
    const t = trajectories[run.index];
    const n = t ? t.steps.length - 1 : 0;
    if (!t || n < 1) return [];
    const mu = t.mu[n];
    const sigma = t.sigma[n];
    const steps = t.steps[n] - t.steps[n - 1];
    if (!(steps > 0) || checkPoint(mu, sigma) !== null) return [];
    const move = { dMu: (mu - t.mu[n - 1]) / steps, dSigma: (sigma - t.sigma[n - 1]) / steps };
    const gradient = gradientAt(id, target, mu, sigma);
    if (![move.dMu, move.dSigma, gradient.gMu, gradient.gSigma].every(Number.isFinite)) return [];
    return [{ run, mu, sigma, move, gradient }];
  });
}

interface Props {
  id: LandscapeId;
  runs: RunSpec[];
  window: LandscapeBounds;
  box: Box;
  scale: PlotScale;
  /** The magnitude of grad D drawn at full length (the panel's gradient field uses the same). */
  gradientReference: number;
}

const fixed = (v: number) => v.toPrecision(3);

export function RunDirections({ id, runs, window, box, scale, gradientReference }: Props) {
  const input = usePacedStore((s) => ({ target: s.runConfig.target, trajectories: s.training.trajectories, version: s.training.trajectoryVersion, seed: s.runConfig.seed }), { minIntervalMs: 500 });
  const directions = useMemo(() => runDirections(id, input.target, runs, input.trajectories), [id, input, runs]);
  const fastest = useFastestMove(input.trajectories, input.version);
  const maxLength = Math.min(box.width, box.height) / 8;
  const moves = useMemo(() => moveScale(fastest, window, box, maxLength), [fastest, window, box, maxLength]);
  const markers = useMarkers(id, scale);
  const tips: { x: number; y: number }[] = [];
  return (
    <g className="run-directions" data-testid="run-directions">
      {directions.map((d) => {
        const x = scale.x(d.mu);
        const y = scale.y(d.sigma);
        const move = moves ? moveArrow(d.move, moves) : { dx: 0, dy: 0, length: 0, atRest: true };
        const exact = arrowVector({ mu: d.mu, sigma: d.sigma, ...d.gradient }, window, box, gradientReference, maxLength);
        const colour = runColour(d.run.schemeIndex, d.run.seed - input.seed);
        tips.push({ x, y }, { x: x + move.dx, y: y + move.dy }, { x: x + exact.dx, y: y + exact.dy });
        const rest = move.atRest ? `, at rest (under ${MIN_ARROW_PX} px at this panel's scale)` : '';
        return (
          <g key={d.run.index} data-testid="run-direction" data-run={d.run.index} data-mu={d.mu} data-sigma={d.sigma}
            data-move={`${d.move.dMu},${d.move.dSigma}`} data-gradient={`${d.gradient.gMu},${d.gradient.gSigma}`}
            data-arrow-length={move.length.toFixed(2)} data-at-rest={move.atRest}>
            <title>{`${d.run.label}: moves (${fixed(d.move.dMu)}, ${fixed(d.move.dSigma)}) per step in (mu, sigma)${rest}; -grad D here is (${fixed(-d.gradient.gMu)}, ${fixed(-d.gradient.gSigma)})`}</title>
            <Arrow x={x} y={y} dx={exact.dx} dy={exact.dy} colour="#111827" dashed />
            <Arrow x={x} y={y} dx={move.dx} dy={move.dy} colour={colour} />
          </g>
        );
      })}
      {moves && directions.length > 0 && <MoveKey scale={moves} box={box} fontSize={TICK_FONT} maxLength={maxLength} avoid={[...markers, ...tips]} />}
    </g>
  );
}

/** Where the panel's minima and start are drawn, in pixels (the key keeps clear of them). */
function useMarkers(id: LandscapeId, scale: PlotScale): { x: number; y: number }[] {
  const target = usePlayground((s) => s.config.target);
  const mu0 = usePlayground((s) => s.config.mu0);
  const sigma0 = usePlayground((s) => s.config.sigma0);
  const minima = useMinima(id, target);
  return useMemo(() => {
    const points = minima.state === 'done' ? [...minima.result.minima, { mu: mu0, sigma: sigma0 }] : [{ mu: mu0, sigma: sigma0 }];
    return points.map((p) => ({ x: scale.x(p.mu), y: scale.y(p.sigma) }));
  }, [minima, mu0, sigma0, scale]);
}

/**
 * The fastest move any run has recorded, read incrementally as the trajectories grow; a new
 * object only when it grows (or the trajectories start over).
 */
function useFastestMove(trajectories: Trajectory[], version: number): FastestMove {
  const state = useRef<{ source: Trajectory[]; read: number[]; fastest: FastestMove } | null>(null);
  return useMemo(() => {
    if (!state.current || state.current.source !== trajectories) state.current = { source: trajectories, read: [], fastest: { mu: 0, sigma: 0 } };
    const s = state.current;
    const next = { ...s.fastest };
    trajectories.forEach((t, k) => {
      extendFastestMove(next, t.steps, t.mu, t.sigma, s.read[k] ?? 1);
      s.read[k] = t.length;
    });
    if (next.mu !== s.fastest.mu || next.sigma !== s.fastest.sigma) s.fastest = next;
    return s.fastest;
    // version says when the arrays grew in place
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trajectories, version]);
}

const KEY_COLOUR = '#374151';

/**
 * The arrows' key in the corner of the plot that hides the fewest markers: an L whose arms are a
 * move of one round value per step along mu and along sigma, and the dashed arrow of -grad D with
 * its square-root scale.
 */
function MoveKey({ scale, box, fontSize, maxLength, avoid }: { scale: MoveScale; box: Box; fontSize: number; maxLength: number; avoid: { x: number; y: number }[] }) {
  const { value, muPx, sigmaPx } = scale.key;
  const label = `${value} per step`;
  const gradientLabel = '−∇D, √-scaled';
  const gap = 5;
  const dash = Math.max(14, maxLength / 2);
  const column = Math.max(muPx, dash) + 6;
  const textWidth = 0.56 * fontSize * Math.max(label.length, gradientLabel.length);
  const rowOne = Math.max(sigmaPx + 4, fontSize);
  const width = gap + column + gap + textWidth + gap;
  const height = gap + rowOne + gap + fontSize + gap;
  const { left, top } = freeCorner(box, width, height, avoid);
  const originX = left + gap + 2;
  const originY = top + gap + rowOne;
  const textX = left + gap + column + gap;
  const gradientY = originY + gap + fontSize / 2;
  return (
    <g data-testid="move-key" data-value={value} data-mu-px={muPx.toFixed(2)} data-sigma-px={sigmaPx.toFixed(2)} fontSize={fontSize} fill="#111827">
      <title>{`Each run's last move per generator step: the arms of the L are ${value} per step along μ (across) and σ (up); a move under ${MIN_ARROW_PX} px is at rest and not drawn. Dashed: −∇D at the run, its length growing with the square root of |∇D|.`}</title>
      <rect x={left} y={top} width={width} height={height} rx={4} fill="#fff" fillOpacity={0.9} stroke="#9ca3af" strokeWidth={0.6} />
      <Arrow x={originX} y={originY} dx={muPx} dy={0} colour={KEY_COLOUR} />
      <Arrow x={originX} y={originY} dx={0} dy={-sigmaPx} colour={KEY_COLOUR} />
      <text x={textX} y={originY}>{label}</text>
      <Arrow x={originX} y={gradientY} dx={dash} dy={0} colour="#111827" dashed />
      <text x={textX} y={gradientY} dy="0.35em">{gradientLabel}</text>
    </g>
  );
}

function Arrow({ x, y, dx, dy, colour, dashed = false }: { x: number; y: number; dx: number; dy: number; colour: string; dashed?: boolean }) {
  if (dx === 0 && dy === 0) return null;
  const angle = (Math.atan2(dy, dx) * 180) / Math.PI;
  return (
    <g stroke={colour} fill={colour}>
      {/* a white halo keeps the arrow readable over the landscape's own arrows */}
      <line x1={x} y1={y} x2={x + dx} y2={y + dy} strokeWidth={4.5} stroke="#fff" strokeOpacity={0.85} />
      <line x1={x} y1={y} x2={x + dx} y2={y + dy} strokeWidth={2} strokeDasharray={dashed ? '3 2' : undefined} />
      <path d="M0,0 L-6,-3.2 L-6,3.2 Z" stroke="none" transform={`translate(${(x + dx).toFixed(1)},${(y + dy).toFixed(1)}) rotate(${angle.toFixed(1)})`} />
    </g>
  );
}
