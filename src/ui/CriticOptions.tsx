// A scheme's critic options beyond its family (the Wasserstein loss form, KL-WGAN's gradient
// through r, spectral normalisation), the one-line account of what its critic estimates, and the
// spectral norms the engine reports for the selected run.
import { KL_RATIO_GRADIENTS, WASSERSTEIN_FORMS, type SchemeConfig } from '../config/schema';
import { formatValue } from './contour';
import { SelectField } from './fields';
import { usePlayground } from './store';

const FORM_OPTIONS = WASSERSTEIN_FORMS.map((f) => ({
  value: f, label: f === 'wgan' ? 'linear (WGAN)' : 'hinge',
  title: f === 'wgan' ? 'the critic minimises E_q[r D] - E_p[D]' : 'the critic minimises E_p[relu(1 - D)] + E_q[relu(1 + r D)]',
}));
const RATIO_OPTIONS = KL_RATIO_GRADIENTS.map((g) => ({
  value: g, label: g === 'constant' ? 'held constant' : 'differentiated',
  title: g === 'constant' ? 'r = e^D / mean(e^D) is a constant in the gradient (the Donsker-Varadhan bound)' : "the gradient flows through r, as in Song & Ermon's code",
}));

export function CriticOptions({ index, scheme, set }: { index: number; scheme: SchemeConfig; set: (patch: Partial<SchemeConfig>) => void }) {
  const wasserstein = scheme.objective !== 'f-gan';
  return (
    <div className="row">
      {wasserstein && <SelectField label="critic loss" value={scheme.wassersteinForm} options={FORM_OPTIONS} testId={`scheme-${index}-loss-form`} onChange={(f) => set({ wassersteinForm: f })} />}
      {scheme.objective === 'kl-wgan' && <SelectField label="r in the gradient" value={scheme.klRatioGradient} options={RATIO_OPTIONS} testId={`scheme-${index}-r-gradient`} onChange={(g) => set({ klRatioGradient: g })} />}
      <label className="check" title="each weight matrix used as W / σ_max(W), σ_max by one power-iteration step per critic update">
        <input type="checkbox" checked={scheme.spectralNorm} data-testid={`scheme-${index}-spectral-norm`} onChange={(e) => set({ spectralNorm: e.target.checked })} /> spectral normalisation
      </label>
    </div>
  );
}

/** Whether a scheme's learned critic estimates log p/q (up to a constant): f-GAN, and KL-WGAN in
 * the linear form with r held constant (the Donsker–Varadhan bound). */
export function criticEstimatesLogRatio(s: SchemeConfig): boolean {
  return s.objective === 'f-gan' || (s.objective === 'kl-wgan' && s.wassersteinForm !== 'hinge' && s.klRatioGradient !== 'differentiated');
}

/** Which Wasserstein-family variant a scheme is and what its critic estimates, in one line (null for f-GAN). */
export function objectiveSentence(s: SchemeConfig): string | null {
  if (s.objective === 'f-gan') return null;
  const hinge = s.wassersteinForm === 'hinge';
  if (s.objective === 'wgan') {
    return hinge
      ? 'Hinge GAN: the critic minimises E_p[relu(1 − D)] + E_q[relu(1 + D)]; D is a margin critic, not a Wasserstein potential nor log p/q.'
      : 'WGAN: the critic maximises E_p[D] − E_q[D] under a Lipschitz constraint; D is a Wasserstein potential.';
  }
  const through = s.klRatioGradient === 'differentiated';
  if (!hinge && !through) return 'KL-WGAN, r held constant: the critic ascends the Donsker–Varadhan bound E_p[D] − log E_q[e^D] of KL(p‖q), so D estimates log p/q up to a constant (within its constraint).';
  if (!hinge) return 'KL-WGAN, gradient through r: the critic maximises E_p[D] − E_q[r·D] as a whole; D is a reweighted Wasserstein potential, not an estimate of log p/q.';
  return through
    ? "KL-WGAN as the authors' code trains it: hinge loss E_p[relu(1 − D)] + E_q[relu(1 + r·D)], gradient through r; D is a reweighted margin critic, not an estimate of log p/q."
    : 'KL-WGAN hinge, r held constant: E_p[relu(1 − D)] + E_q[relu(1 + r·D)] with r fixed in each step; D is a reweighted margin critic, not an estimate of log p/q.';
}

/** " Spectral norms σ_max(W₁…W₃): 1.2, 3.4, 0.9." for the selected run, from the last snapshot. */
export function SpectralNormReadout() {
  const sigmas = usePlayground((s) => s.training.snapshot?.runs[s.selectedRun]?.spectralNorms);
  const step = usePlayground((s) => s.training.snapshot?.step);
  if (!sigmas) return null;
  const subscript = (n: number) => String(n).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]);
  return (
    <span data-testid="spectral-norms">
      {` Spectrally normalised critic: σ_max(W${subscript(1)}…W${subscript(sigmas.length)}) ≈ ${sigmas.map((x) => formatValue(x)).join(', ')} at step ${step}.`}
    </span>
  );
}
