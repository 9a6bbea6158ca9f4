// The choice of problem at the top of the page: the 1-D toy of the paper's Figure 5, or the 2-D
// problems (Appendix D, Fedus et al.). Switching keeps both experiments; the one left is paused
// (problem.ts asks its store to).
import { useProblem, type Dimension } from './problem';

const CHOICES: { dim: Dimension; label: string }[] = [
  { dim: 1, label: '1-D: Figure 5' },
  { dim: 2, label: '2-D: Appendix D, Fedus et al.' },
];

export function ProblemSwitch() {
  const dim = useProblem((s) => s.dim);
  const choose = (next: Dimension) => {
    if (next !== dim) useProblem.getState().switchTo(next);
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
