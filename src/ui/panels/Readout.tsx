// The value of a landscape under the pointer (or where it was tapped), in one line under the plot.
import type { LandscapeId } from '../../config/schema';
import { LANDSCAPE_SHORT_NAMES } from '../../math/catalog';
import { formatValue } from '../contour';
import type { PointReading } from './readout';

export function Readout({ id, reading }: { id: LandscapeId; reading: PointReading | null }) {
  if (!reading) return <p className="panel-readout muted" data-testid="readout">Point at the plot to read D and |∇D|.</p>;
  return (
    <p className="panel-readout" data-testid="readout" data-mu={reading.mu} data-sigma={reading.sigma} data-value={reading.value} data-gradient={reading.gradient}>
      μ {formatValue(reading.mu)}, σ {formatValue(reading.sigma)}: {LANDSCAPE_SHORT_NAMES[id]} = {formatValue(reading.value)}, |∇D| = {formatValue(reading.gradient)}
    </p>
  );
}
