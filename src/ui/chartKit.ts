// Props shared by the recharts charts, as module constants: recharts 3 keeps its series, axes
// and legend in a store and re-registers a component whose props change identity, so every
// object or function handed to it here is created once.
import { useRef } from 'react';
import { formatReading } from './monitorScale';

export const CHART_MARGIN = { top: 6, right: 8, bottom: 0, left: 0 } as const;
export const GRID_STROKE = '#e5e7eb';
export const AXIS_TICK = { fontSize: 11, fill: '#4b5563' } as const;
export const LEGEND_STYLE = { fontSize: 12, lineHeight: '16px', paddingTop: 2 } as const;
export const TOOLTIP_STYLE = { fontSize: 12, padding: '4px 8px', lineHeight: 1.35 } as const;
export const TOOLTIP_ITEM_STYLE = { padding: 0 } as const;

/** Axis ticks and tooltip values in the page's number format (noise below 1e-12 as 0). */
export const formatTick = (v: number): string => formatReading(v);
export const formatTooltipValue = (v: unknown): string => (typeof v === 'number' ? formatReading(v) : String(v ?? ''));

/** A rotated y-axis title. */
export function yLabel(value: string, side: 'left' | 'right' = 'left') {
  return side === 'left'
    ? { value, angle: -90, position: 'insideLeft', offset: 10, fontSize: 11, fill: '#4b5563' } as const
    : { value, angle: 90, position: 'insideRight', offset: 10, fontSize: 11, fill: '#4b5563' } as const;
}

/** An x-axis title at the bottom right, below the ticks. */
export function xLabel(value: string) {
  return { value, position: 'insideBottomRight', offset: 0, fontSize: 11, fill: '#4b5563' } as const;
}

/** A tooltip item order: the given data keys first, in that order (recharts sorts by name by default). */
export function seriesOrder(keys: readonly string[]) {
  return (item: { dataKey?: unknown }): number => {
    const k = keys.indexOf(String(item.dataKey));
    return k < 0 ? keys.length : k;
  };
}

/**
 * The value last returned while it is equal in content to `value` (compared as JSON: for small
 * arrays and plain objects such as axis domains and ticks), else `value`. Keeps recharts props
 * referentially stable across data updates that leave them unchanged.
 */
export function useStable<T>(value: T): T {
  const last = useRef<{ value: T; key: string } | null>(null);
  const key = JSON.stringify(value);
  if (last.current === null || last.current.key !== key) last.current = { value, key };
  return last.current.value;
}
