// Handles on the target density in the data-space view: drag a component's peak sideways to move
// its mean and up or down to change its weight, and its side handles to change its spread. The
// new target is previewed while dragging and committed to the configuration on release. The
// peak and the right spread handle are Tab stops too, moved by the arrow keys (targetDrag.keyPatch).
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import { DefaultZIndexes, ZIndexLayer, usePlotArea, useXAxisInverseScale, useXAxisScale, useYAxisInverseScale, useYAxisScale } from 'recharts';
import type { MixtureComponent } from '../config/schema';
import { usePlayground } from './store';
import { TARGET_LIMITS, editComponent, keyPatch, mixturePdf, peakHeight, weightForPeak, type TargetHandle as Handle } from './targetDrag';

interface Drag {
  index: number;
  handle: Handle;
  pointer: number;
  preview: MixtureComponent[];
}

const SPREAD_HEIGHT = Math.exp(-0.5);

export function TargetHandles() {
  const target = usePlayground((s) => s.config.target);
  const x = useXAxisScale();
  const y = useYAxisScale('density');
  const xInverse = useXAxisInverseScale();
  const yInverse = useYAxisInverseScale('density');
  const plot = usePlotArea();
  const [drag, setDrag] = useState<Drag | null>(null);
  if (!x || !y || !xInverse || !yInverse || !plot) return null;
  const shown = drag?.preview ?? target;
  const top = plot.y;
  const bottom = plot.y + plot.height;
  const px = (v: number) => Number(x(v));
  const py = (v: number) => Math.max(top, Math.min(bottom, Number(y(v))));

  const start = (e: PointerEvent<SVGElement>, index: number, handle: Handle) => {
    // no focus ring on the chart's layer, no text selection, no chart tooltip underneath
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ index, handle, pointer: e.pointerId, preview: target });
  };
  const move = (e: PointerEvent<SVGElement>) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const rect = (e.currentTarget.ownerSVGElement ?? e.currentTarget).getBoundingClientRect();
    const at = Number(xInverse(e.clientX - rect.left));
    const height = Number(yInverse(Math.max(top, Math.min(bottom, e.clientY - rect.top))));
    const c = target[drag.index];
    const patch = drag.handle === 'peak'
      ? { mean: at, weight: target.length > 1 ? weightForPeak(Math.max(height, 0), c.std) : undefined }
      : { std: Math.abs(at - c.mean) };
    setDrag({ ...drag, preview: editComponent(target, drag.index, patch) });
  };
  const end = (e: PointerEvent<SVGElement>) => {
    if (!drag || e.pointerId !== drag.pointer) return;
    const next = drag.preview;
    setDrag(null);
    if (next !== target) usePlayground.getState().updateConfig((c) => ({ ...c, target: next }));
  };
  const key = (e: KeyboardEvent<SVGElement>, index: number, handle: Handle) => {
    const patch = keyPatch(target[index], handle, e.key, e.shiftKey, target.length > 1);
    if (!patch) return;
    e.preventDefault();
    e.stopPropagation();
    usePlayground.getState().updateConfig((c) => ({ ...c, target: editComponent(c.target, index, patch) }));
  };

  return (
    // above the curves (p's line passes through every peak handle), below the labels
    <ZIndexLayer zIndex={DefaultZIndexes.activeDot + 100}>
      <g className="target-handles" data-testid="target-handles">
        {drag && <PreviewCurve target={shown} from={Number(xInverse(plot.x))} to={Number(xInverse(plot.x + plot.width))} px={px} py={py} />}
        {shown.map((c, k) => (
          <ComponentHandles key={k} index={k} component={c} px={px} py={py}
            onStart={(e, handle) => start(e, k, handle)} onMove={move} onEnd={end} onKey={(e, handle) => key(e, k, handle)} />
        ))}
      </g>
    </ZIndexLayer>
  );
}

interface ComponentProps {
  index: number;
  component: MixtureComponent;
  px: (v: number) => number;
  py: (v: number) => number;
  onStart: (e: PointerEvent<SVGElement>, handle: Handle) => void;
  onMove: (e: PointerEvent<SVGElement>) => void;
  onEnd: (e: PointerEvent<SVGElement>) => void;
  onKey: (e: KeyboardEvent<SVGElement>, handle: Handle) => void;
}

/** One component's handles: its peak (mean and weight) and a diamond at mean ± std (spread). */
function ComponentHandles({ index, component: c, px, py, onStart, onMove, onEnd, onKey }: ComponentProps) {
  const peak = peakHeight(c);
  const sy = py(peak * SPREAD_HEIGHT);
  const handlers = { onPointerMove: onMove, onPointerUp: onEnd, onPointerCancel: onEnd };
  return (
    <g data-testid="target-component" data-index={index} data-mean={c.mean} data-std={c.std} data-weight={c.weight}>
      <line x1={px(c.mean - c.std)} x2={px(c.mean + c.std)} y1={sy} y2={sy} stroke="#111827" strokeDasharray="2 2" strokeWidth={1} />
      {[-1, 1].map((side) => {
        const x = px(c.mean + side * c.std);
        // one Tab stop for the spread: the right-hand diamond
        const keys = side === 1 ? {
          tabIndex: 0, role: 'slider', 'aria-label': `component ${index + 1} spread: Right and Up widen, Left and Down narrow (Shift: more)`,
          'aria-valuenow': c.std, 'aria-valuemin': TARGET_LIMITS.stdMin, 'aria-valuemax': TARGET_LIMITS.stdMax, onKeyDown: (e: KeyboardEvent<SVGElement>) => onKey(e, 'spread'),
        } : {};
        return (
          <rect key={side} x={x - 5} y={sy - 5} width={10} height={10} transform={`rotate(45 ${x} ${sy})`}
            fill="#fff" stroke="#111827" strokeWidth={1.5} className="target-handle spread-handle" data-testid="spread-handle"
            onPointerDown={(e) => onStart(e, 'spread')} {...handlers} {...keys}>
            <title>{`component ${index + 1}: drag sideways to change its spread (std ${c.std})`}</title>
          </rect>
        );
      })}
      <circle cx={px(c.mean)} cy={py(peak)} r={7} fill="#111827" stroke="#fff" strokeWidth={2} className="target-handle peak-handle" data-testid="peak-handle"
        onPointerDown={(e) => onStart(e, 'peak')} {...handlers} tabIndex={0} role="slider"
        aria-label={`component ${index + 1}: Left and Right move its mean, Up and Down change its weight (Shift: more)`}
        aria-valuenow={c.mean} aria-valuemin={-TARGET_LIMITS.mean} aria-valuemax={TARGET_LIMITS.mean} aria-valuetext={`mean ${c.mean}, weight ${+c.weight.toFixed(3)}`}
        onKeyDown={(e) => onKey(e, 'peak')}>
        <title>{`component ${index + 1}: drag sideways to move its mean (${c.mean}), up or down to change its weight (${+c.weight.toFixed(3)})`}</title>
      </circle>
    </g>
  );
}

function PreviewCurve({ target, from, to, px, py }: { target: MixtureComponent[]; from: number; to: number; px: (v: number) => number; py: (v: number) => number }) {
  let d = '';
  for (let i = 0; i <= 160; i++) {
    const v = from + ((to - from) * i) / 160;
    d += `${i === 0 ? 'M' : 'L'}${px(v).toFixed(1)},${py(mixturePdf(target, v)).toFixed(1)}`;
  }
  return <path d={d} fill="none" stroke="#111827" strokeWidth={2} strokeDasharray="5 3" data-testid="target-preview" />;
}
