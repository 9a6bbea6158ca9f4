// The colour key of a landscape: one block per contour band, lowest at the bottom, with the
// divergence values at the band boundaries (the thresholds are quantiles of the landscape, so
// the blocks are equal in height and the values are not evenly spaced), titled with the divergence
// and its unit along the panel's right edge.
import type { LandscapeId } from '../../config/schema';
import { LANDSCAPE_SHORT_NAMES, LANDSCAPE_UNITS } from '../../math/catalog';
import { bandColour } from '../colors';
import { formatDivergenceValue } from '../viewWindow';
import { labelledBoundaries, type Box } from './layout';

interface Props {
  id: LandscapeId;
  bar: Box;
  /** Where the title's baseline runs, upwards. */
  titleX: number;
  thresholds: number[];
  min: number;
  max: number;
  infinite: boolean;
  fontSize: number;
}

/** The colour bar's title: the divergence's symbol with its name as subscript, and its unit. */
export function colourBarTitle(id: LandscapeId): { symbol: string; subscript: string; unit: string } {
  return id === 'w1' ? { symbol: 'W', subscript: '1', unit: LANDSCAPE_UNITS.w1 } : { symbol: 'D', subscript: LANDSCAPE_SHORT_NAMES[id], unit: LANDSCAPE_UNITS[id] };
}

export function ColourBar({ id, bar, titleX, thresholds, min, max, infinite, fontSize }: Props) {
  const bands = thresholds.length + 1;
  const block = bar.height / bands;
  const yOf = (boundary: number) => bar.top + bar.height - boundary * block;
  const labels = labelledBoundaries(bands, bar.height, Math.round(fontSize * 1.7));
  const x = bar.left + bar.width + 3;
  return (
    <g className="colour-bar" data-testid="colour-bar" fontSize={fontSize}>
      {Array.from({ length: bands }, (_, k) => (
        <rect key={k} x={bar.left} y={yOf(k + 1)} width={bar.width} height={block + 0.3} fill={bandColour(k, bands)} />
      ))}
      <rect x={bar.left} y={bar.top} width={bar.width} height={bar.height} fill="none" stroke="#333" strokeWidth={0.8} />
      <text x={x} y={yOf(0)} dy="-0.1em" data-testid="colour-bar-label">{formatDivergenceValue(min)}</text>
      {labels.map((k) => (
        <g key={k}>
          <line x1={bar.left + bar.width} x2={bar.left + bar.width + 2} y1={yOf(k)} y2={yOf(k)} stroke="#333" />
          <text x={x} y={yOf(k)} dy="0.32em" data-testid="colour-bar-label">{formatDivergenceValue(thresholds[k - 1])}</text>
        </g>
      ))}
      <text x={x} y={yOf(bands)} dy="0.85em" data-testid="colour-bar-label">{infinite ? '∞' : formatDivergenceValue(max)}</text>
      <ColourBarTitle id={id} x={titleX} y={bar.top + bar.height / 2} />
    </g>
  );
}

function ColourBarTitle({ id, x, y }: { id: LandscapeId; x: number; y: number }) {
  const { symbol, subscript, unit } = colourBarTitle(id);
  return (
    <text x={x} y={y} transform={`rotate(-90 ${x} ${y})`} textAnchor="middle" data-testid="colour-bar-title" fill="#1f2937">
      <tspan fontStyle="italic">{symbol}</tspan>
      <tspan fontSize="0.78em" dy="0.3em">{subscript}</tspan>
      <tspan dy="-0.3em">{` (${unit})`}</tspan>
    </text>
  );
}
