// What a scheme's generator minimises, in words whose terms open their glossary entries:
// "non-saturating JS minimises Softened reverse KL — tail weights (L 2, R 0), unbounded."
import { schemeFamily, type LandscapeId, type SchemeConfig } from '../config/schema';
import { minimisedDivergence, schemeLabel } from '../config/runs';
import { LANDSCAPE_NAMES, getDivergence } from '../math/catalog';
import { Term } from './Term';

/** "tail weights (L 2, R 0), unbounded" for an f-divergence; W1 has no tail weights. */
function TailSummary({ id }: { id: LandscapeId }) {
  if (id === 'w1') return <>not an <Term id="f-divergence" /></>;
  const d = getDivergence(id);
  return <><Term id="tail-weights" /> (L {d.tailWeights.left}, R {d.tailWeights.right}), {d.bounded ? 'bounded' : 'unbounded'}</>;
}

export function MinimisedLine({ scheme, testId }: { scheme: SchemeConfig; testId: string }) {
  const m = minimisedDivergence(scheme);
  const name = <Term id={schemeFamily(scheme)}>{schemeLabel(scheme)}</Term>;
  return (
    <p className="minimises" data-testid={testId}>
      {m === null
        ? <>{name} minimises no divergence with a closed form here ({scheme.objective === 'kl-wgan' ? 'a reweighted Wasserstein objective' : 'a hinge objective'}).</>
        : <>{name} minimises <Term id={m}>{LANDSCAPE_NAMES[m]}</Term> — <TailSummary id={m} />.</>}
    </p>
  );
}
