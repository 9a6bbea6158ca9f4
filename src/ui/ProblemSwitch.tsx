// The choice of problem at the top of the page: the 1-D toy of the paper's Figure 5, or the 2-D
// problems (Appendix D, Fedus et al.). Switching keeps both experiments; the one left is paused.
import { useProblem, type Dimension } from './problem';
import { usePlayground } from './store';
import { usePlanar } from './planar/planarStore';

const CHOICES: { dim: Dimension; label: string }[] = [
  { dim: 1, label: '1-D: Figure 5' },
  { dim: 2, label: '2-D: Appendix D, Fedus et al.' },
];

export function ProblemSwitch() {
  const dim = useProblem((s) => s.dim);
  const choose = (next: Dimension) => {
    if (next === dim) return;
    if (dim === 1 && usePlayground.getState().training.playing) usePlayground.getState().pause();
    if (dim === 2 && usePlanar.getState().playing) usePlanar.getState().pause();
    useProblem.getState().switchTo(next);
  };
  return (
    <nav className="problem-switch" aria-label="Problem">
      <span className="muted">Problem</span>
      <div role="radiogroup" aria-label="Problem" className="problem-choices">
        {CHOICES.map((c) => (
          <button type="button" key={c.dim} role="radio" aria-checked={dim === c.dim} data-testid={`problem-${c.dim}d`}
            className={dim === c.dim ? 'selected' : ''} onClick={() => choose(c.dim)}>{c.label}</button>
        ))}
      </div>
    </nav>
  );
}
