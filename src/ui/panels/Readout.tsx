// The value of a landscape under the pointer (or where it was tapped), in one line under the plot.
import { useCallback, useRef, useState } from 'react';
import type { LandscapeId, MixtureComponent } from '../../config/schema';
import { LANDSCAPE_SHORT_NAMES } from '../../math/catalog';
import { formatValue } from '../contour';
import type { Point } from '../viewWindow';
import { readPoint, type PointReading } from './readout';

/**
 * The reading at the point last hovered, and the handler to give points to. A reading costs a
 * few milliseconds of quadrature: at most one per frame is computed, for the latest point.
 */
export function useReading(id: LandscapeId, target: MixtureComponent[]): [PointReading | null, (p: Point | null) => void] {
  const [reading, setReading] = useState<PointReading | null>(null);
  const hovered = useRef<{ point: Point | null } | null>(null);
  const onHover = useCallback((point: Point | null) => {
    if (hovered.current) { hovered.current.point = point; return; }
    hovered.current = { point };
    requestAnimationFrame(() => {
      const latest = hovered.current?.point ?? null;
      hovered.current = null;
      setReading(latest ? readPoint(id, target, latest.mu, latest.sigma) : null);
    });
  }, [id, target]);
  return [reading, onHover];
}

export function Readout({ id, reading }: { id: LandscapeId; reading: PointReading | null }) {
  if (!reading) return <p className="panel-readout muted" data-testid="readout">Point at the plot to read D and |∇D|.</p>;
  return (
    <p className="panel-readout" data-testid="readout" data-mu={reading.mu} data-sigma={reading.sigma} data-value={reading.value} data-gradient={reading.gradient}>
      μ {formatValue(reading.mu)}, σ {formatValue(reading.sigma)}: {LANDSCAPE_SHORT_NAMES[id]} = {formatValue(reading.value)}, |∇D| = {formatValue(reading.gradient)}
    </p>
  );
}
