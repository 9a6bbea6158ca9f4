// Which divergences the monitor and the s_f(d) plot show.
import { DIVERGENCES } from '../math/catalog';
import { usePlayground } from './store';

export function DivergenceChooser() {
  const ids = usePlayground((s) => s.monitorIds);
  const setMonitorIds = usePlayground((s) => s.setMonitorIds);
  return (
    <fieldset className="chooser">
      <legend className="sr-only">Divergences shown in the monitor and the s_f plot</legend>
      {DIVERGENCES.map((d) => (
        <label key={d.id} className="check">
          <input
            type="checkbox"
            checked={ids.includes(d.id)}
            onChange={() => setMonitorIds(ids.includes(d.id) ? ids.filter((x) => x !== d.id) : DIVERGENCES.map((x) => x.id).filter((x) => x === d.id || ids.includes(x)))}
          />
          {d.shortName}
        </label>
      ))}
    </fieldset>
  );
}
