// Arrows of -grad D over a landscape: which way, and how steeply, the divergence falls. Lengths
// grow with the square root of |grad D| up to the panel's 90th percentile, so that a weak
// gradient (the saturating GAN's plateau) shows as short arrows beside long ones.
import { memo } from 'react';
import type { GradientArrow } from '../contour';
import type { PlotScale } from '../contour';
import type { LandscapeBounds } from '../../math/landscape';
import { arrowVector, gradientReference, type Box } from './layout';

interface Props {
  arrows: GradientArrow[];
  window: LandscapeBounds;
  box: Box;
  scale: PlotScale;
}

export const GradientField = memo(function GradientField({ arrows, window, box, scale }: Props) {
  const reference = gradientReference(arrows);
  const maxLength = Math.min(box.width, box.height) / 14;
  return (
    <g className="gradient-field" data-testid="gradient-field" stroke="#111827" strokeWidth={1.1} fill="#111827" opacity={0.75}>
      {arrows.map((a, k) => {
        const x = scale.x(a.mu);
        const y = scale.y(a.sigma);
        const { dx, dy } = arrowVector(a, window, box, reference, maxLength);
        if (dx === 0 && dy === 0) return null;
        const angle = (Math.atan2(dy, dx) * 180) / Math.PI;
        return (
          <g key={k} data-testid="gradient-arrow" data-mu={a.mu} data-sigma={a.sigma} data-dx={dx.toFixed(3)} data-dy={dy.toFixed(3)}>
            <line x1={x} y1={y} x2={x + dx} y2={y + dy} />
            <path d="M0,0 L-4,-2.2 L-4,2.2 Z" stroke="none" transform={`translate(${(x + dx).toFixed(1)},${(y + dy).toFixed(1)}) rotate(${angle.toFixed(1)})`} />
          </g>
        );
      })}
    </g>
  );
});
