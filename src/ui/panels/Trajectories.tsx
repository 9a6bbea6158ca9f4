// The live (mu, sigma) paths of the runs a panel draws, with each run's current point on top.
// The one place trajectories are drawn on the landscapes.
import { useRef } from 'react';
import type { RunSpec } from '../../config/runs';
import { usePlayground, useTrajectories } from '../store';
import { extendPolyline, newPolyline, type PlotScale, type PolylineBuilder } from '../contour';
import { runColour } from '../colors';
import type { Trajectory } from '../../engine/trajectory';
import { ChangeMarkers, PreviousTrajectories } from './LiveHistory';

interface RunPath {
  source: Trajectory;
  path: PolylineBuilder;
}

/**
 * One SVG path per run, its data extended by the points that arrived since the last render
 * (trajectories grow in place; trajectoryVersion says when). A reset brings new trajectory
 * arrays, and a new scale (zoom, pan, resize) new paths.
 */
export function Trajectories({ scale, runs }: { scale: PlotScale; runs: RunSpec[] }) {
  const seed = usePlayground((s) => s.runConfig.seed);
  const trajectories = useTrajectories();
  const cache = useRef<{ scale: PlotScale; paths: Map<number, RunPath> } | null>(null);
  if (!cache.current || cache.current.scale !== scale) cache.current = { scale, paths: new Map() };
  const paths = cache.current.paths;
  const ends: { run: RunSpec; x: number; y: number; colour: string }[] = [];
  const lines = runs.map((run) => {
    const t = trajectories[run.index];
    if (!t) return null;
    let p = paths.get(run.index);
    if (!p || p.source !== t) {
      p = { source: t, path: newPolyline() };
      paths.set(run.index, p);
    }
    extendPolyline(p.path, t.mu, t.sigma, scale);
    const colour = runColour(run.schemeIndex, run.seed - seed);
    const last = t.mu.length - 1;
    if (last >= 0 && Number.isFinite(t.mu[last]) && Number.isFinite(t.sigma[last])) ends.push({ run, x: scale.x(t.mu[last]), y: scale.y(t.sigma[last]), colour });
    return (
      <path
        key={run.index}
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
    );
  });
  return (
    <g className="trajectories">
      <PreviousTrajectories scale={scale} />
      {lines}
      <ChangeMarkers scale={scale} runs={runs} />
      {ends.map((e) => (
        <circle key={e.run.index} cx={e.x} cy={e.y} r={3} fill={e.colour} stroke="#fff" strokeWidth={0.8} data-testid="trajectory-end" />
      ))}
    </g>
  );
}
