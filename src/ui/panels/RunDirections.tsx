// Beside each run's current point, two arrows: the way the run last moved (its generator update
// direction, from the last two recorded points, in the run's colour) and -grad D of the panel's
// divergence at that point (exact, dark, dashed). Where the run minimises this divergence with a
// good critic the two agree; the saturating GAN's weak gradient shows as a short move arrow.
import { useMemo } from 'react';
import type { LandscapeId, MixtureComponent } from '../../config/schema';
import type { RunSpec } from '../../config/runs';
import { checkPoint, type LandscapeBounds } from '../../math/landscape';
import { usePacedStore } from '../paced';
import { runColour } from '../colors';
import type { PlotScale } from '../contour';
import type { Trajectory } from '../../engine/trajectory';
import { gradientAt } from './readout';
import { arrowVector, type Box } from './layout';

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
  const maxLength = Math.min(box.width, box.height) / 8;
  // moves are drawn against the fastest run on the panel: a weak update shows as a short arrow
  const moveReference = Math.max(0, ...directions.map((d) => Math.hypot(d.move.dMu, d.move.dSigma)));
  return (
    <g className="run-directions" data-testid="run-directions">
      {directions.map((d) => {
        const x = scale.x(d.mu);
        const y = scale.y(d.sigma);
        // arrowVector draws -g: the move is drawn as -(-move)
        const move = arrowVector({ mu: d.mu, sigma: d.sigma, gMu: -d.move.dMu, gSigma: -d.move.dSigma }, window, box, moveReference, maxLength);
        const exact = arrowVector({ mu: d.mu, sigma: d.sigma, ...d.gradient }, window, box, gradientReference, maxLength);
        const colour = runColour(d.run.schemeIndex, d.run.seed - input.seed);
        return (
          <g key={d.run.index} data-testid="run-direction" data-run={d.run.index} data-mu={d.mu} data-sigma={d.sigma}
            data-move={`${d.move.dMu},${d.move.dSigma}`} data-gradient={`${d.gradient.gMu},${d.gradient.gSigma}`}>
            <title>{`${d.run.label}: moves (${fixed(d.move.dMu)}, ${fixed(d.move.dSigma)}) per step in (mu, sigma); -grad D here is (${fixed(-d.gradient.gMu)}, ${fixed(-d.gradient.gSigma)})`}</title>
            <Arrow x={x} y={y} dx={exact.dx} dy={exact.dy} colour="#111827" dashed />
            <Arrow x={x} y={y} dx={move.dx} dy={move.dy} colour={colour} />
          </g>
        );
      })}
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
