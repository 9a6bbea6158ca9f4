// Chooses the run the data-space and pushforward views show.
import { useId } from 'react';
import { usePlayground } from './store';

export function RunPicker() {
  const id = useId();
  const runs = usePlayground((s) => s.runs);
  const selected = usePlayground((s) => s.selectedRun);
  const selectRun = usePlayground((s) => s.selectRun);
  return (
    <span className="run-picker">
      <label htmlFor={id} className="sr-only">run shown</label>
      <select id={id} value={selected} onChange={(e) => selectRun(Number(e.target.value))}>
        {runs.map((r) => <option key={r.index} value={r.index}>{r.label}</option>)}
      </select>
    </span>
  );
}
