#!/usr/bin/env python3
"""PyTorch baseline of `npm run experiment -- --preset figure5` (Shannon et al. 2020, Appendix A).

The same training as the project's 1-D engine, vectorised: all 16 runs (4 schemes x {learned,
optimal} critic x 2 seeds) are one batch, the 8 learned critics are batched matmuls (torch.bmm),
one thread. Settings from src/config (presets.ts, schema.ts) and src/engine (trainer.ts, ...):
  target 0.5 N(0, 0.3^2) + 0.5 N(2, 1); q = N(mu, sigma^2), mu = sigma = 1.8, sigma trained
  directly (a run whose sigma reaches 0 or whose numbers go non-finite stops where it was);
  critic 1-20-20-1, ELU, Glorot-uniform weights, zero biases; batch 256; 5 critic updates per
  generator update, each on B fresh real and B fresh fake samples; 4000 generator updates;
  vanilla SGD: critic (JS) 2e-2, generator 4e-3 (saturating) or 2e-3 (the others);
  optimal critic d* = log p - log q with q's parameters held constant.
It does not reproduce the project's random streams, only the same work and the same statistics.

    python3 bench/torch_fig5.py [--steps N] [--out r.json] [--seed S] [--default-malloc]
"""
import math
import sys
import time

sys.dont_write_bytecode = True  # no bench/__pycache__ in the repository
import torch_common  # noqa: E402  (before torch: one thread, BLAS included)
import torch  # noqa: E402

LN2 = math.log(2.0)
TARGET = [(0.5, 0.0, 0.3), (0.5, 2.0, 1.0)]  # (weight, mean, std)
MU0, SIGMA0 = 1.8, 1.8
HIDDEN = [20, 20]
BATCH, CRITIC_STEPS, STEPS = 256, 5, 4000
CRITIC_LR = 2e-2
SEEDS = [1, 2]
# (label, generator loss form, generator learning rate); every critic is trained on JS
SCHEMES = [
    ("saturating JS", "sat_js", 4e-3),
    ("non-saturating JS", "ns_js", 2e-3),
    ("hybrid (RKL, JS)", "hyb_rkl", 2e-3),
    ("hybrid (IGOG, JS)", "hyb_igog", 2e-3),
]
sp = torch.nn.functional.softplus


def a_js(d):
    return 2 * LN2 - 2 * sp(-d)


def b_js(d):
    return 2 * sp(d) - 2 * LN2


def generator_c(form, d):
    """c(d) of the generator loss -E_q[c(d)] (math.md: b_f saturating/hybrid, a_h non-saturating)."""
    if form == "sat_js":
        return b_js(d)
    if form == "ns_js":
        return a_js(d)
    if form == "hyb_rkl":
        return d  # b_RKL(d) = d
    if form == "hyb_igog":
        return 2 / 3 + (4 / 3) * LN2 - (4 / 3) * (torch.sigmoid(-d) + sp(-d))
    raise ValueError(form)


def expand_runs():
    """Runs in the project's order (src/config/runs.ts): scheme, then critic kind, then seed."""
    return [
        {"scheme": label, "form": form, "glr": glr, "critic": critic, "seed": seed}
        for label, form, glr in SCHEMES
        for critic in ("learned", "optimal")
        for seed in SEEDS
    ]


def glorot_critics(n):
    """n critics 1-H-H-1: weights [n, in, out] Glorot-uniform, biases [n, 1, out] zero."""
    sizes = [1, *HIDDEN, 1]
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        params.append((torch.rand(n, fan_in, fan_out) * 2 - 1) * limit)
        params.append(torch.zeros(n, 1, fan_out))
    return [p.requires_grad_() for p in params]


def critic_forward(params, x):
    """d(x) of every critic on x [n, N, 1]: baddbmm (bias + batched product), ELU between layers."""
    h = x
    last = len(params) // 2 - 1
    for i in range(0, len(params), 2):
        h = torch.baddbmm(params[i + 1], h, params[i])
        if i // 2 < last:
            h = torch.nn.functional.elu(h)
    return h


def sample_target(shape):
    """Samples of the mixture p of the given shape."""
    w = torch.tensor([c[0] for c in TARGET])
    means = torch.tensor([c[1] for c in TARGET])
    stds = torch.tensor([c[2] for c in TARGET])
    idx = torch.multinomial(w, math.prod(shape), replacement=True).view(shape)
    return means[idx] + stds[idx] * torch.randn(shape)


def optimal_critic(x, mu, sigma):
    """d*(x) = log p(x) - log q(x) (log sqrt(2 pi) cancels), q's parameters held constant."""
    terms = [math.log(w) - math.log(s) - 0.5 * ((x - m) / s) ** 2 for w, m, s in TARGET]
    log_p = torch.logsumexp(torch.stack(terms, 0), 0)
    mu, sigma = mu.detach(), sigma.detach()
    return log_p + 0.5 * ((x - mu) / sigma) ** 2 + torch.log(sigma)


class Fig5:
    """The batch of runs: generator parameters [R, 1, 1], the learned critics [L, ...]."""

    def __init__(self, runs):
        self.runs = runs
        R = len(runs)
        self.learned = torch.tensor([r["critic"] == "learned" for r in runs])
        self.learned_idx = self.learned.nonzero().flatten()
        self.optimal_idx = (~self.learned).nonzero().flatten()
        self.run_order = torch.argsort(torch.cat([self.learned_idx, self.optimal_idx]))
        self.mu = torch.full((R, 1, 1), MU0)
        self.sigma = torch.full((R, 1, 1), SIGMA0)
        self.alive = torch.ones(R, 1, 1, dtype=torch.bool)
        self.glr = torch.tensor([r["glr"] for r in runs]).view(R, 1, 1)
        self.critic = glorot_critics(len(self.learned_idx))
        # the runs of each generator loss form, for the per-form loss terms
        self.forms = {f: torch.tensor([i for i, r in enumerate(runs) if r["form"] == f]) for _, f, _ in SCHEMES}

    def critic_step(self, real, z):
        """One SGD update of every learned critic on real [L, B, 1] and fake mu + sigma z."""
        mu, sigma = self.mu[self.learned_idx], self.sigma[self.learned_idx]
        x = torch.cat([real, mu + sigma * z], 1)
        d = critic_forward(self.critic, x)
        # minimise E_q[b_JS(d)] - E_p[a_JS(d)], summed over the independent critics
        loss = (b_js(d[:, BATCH:]).mean(1) - a_js(d[:, :BATCH]).mean(1)).sum()
        grads = torch.autograd.grad(loss, self.critic)
        with torch.no_grad():
            for p, g in zip(self.critic, grads):
                p.sub_(CRITIC_LR * g)

    def generator_step(self, z):
        """One SGD update of every run's (mu, sigma) on z [R, B, 1]; stopped runs stay."""
        mu = self.mu.clone().requires_grad_()
        sigma = self.sigma.clone().requires_grad_()
        x = mu + sigma * z
        li, oi = self.learned_idx, self.optimal_idx
        # d per run: its learned critic (held fixed here) or d*, back in run order
        d_learned = critic_forward([p.detach() for p in self.critic], x[li])
        d = torch.cat([d_learned, optimal_critic(x[oi], mu[oi], sigma[oi])])[self.run_order]
        loss = torch.zeros(())
        for form, idx in self.forms.items():
            loss = loss - generator_c(form, d[idx]).mean(1).sum()
        g_mu, g_sigma = torch.autograd.grad(loss, [mu, sigma])
        with torch.no_grad():
            new_mu = self.mu - self.glr * g_mu
            new_sigma = self.sigma - self.glr * g_sigma
            ok = torch.isfinite(new_mu) & torch.isfinite(new_sigma) & (new_sigma > 0)
            self.alive &= ok
            self.mu = torch.where(self.alive, new_mu, self.mu)
            self.sigma = torch.where(self.alive, new_sigma, self.sigma)

    def step(self):
        """K critic updates (fresh samples each), then one generator update."""
        L = len(self.learned_idx)
        real = sample_target((CRITIC_STEPS, L, BATCH, 1))
        zc = torch.randn(CRITIC_STEPS, L, BATCH, 1)
        for k in range(CRITIC_STEPS):
            self.critic_step(real[k], zc[k])
        self.generator_step(torch.randn(len(self.runs), BATCH, 1))


def main():
    args = torch_common.parse_args(__doc__, STEPS)
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    runs = expand_runs()
    start = time.perf_counter()
    batch = Fig5(runs)
    for _ in range(args.steps):
        batch.step()
    seconds = time.perf_counter() - start
    out = []
    for r, run in enumerate(runs):
        mu, sigma = batch.mu[r].item(), batch.sigma[r].item()
        stopped = not bool(batch.alive[r])
        out.append({"scheme": run["scheme"], "critic": run["critic"], "seed": run["seed"], "mu": mu, "sigma": sigma, "stopped": stopped})
        print(f"{run['scheme']:<18} {run['critic']:<8} {run['seed']}  mu {mu:.3f}  sigma {sigma:.3f}{'  (stopped)' if stopped else ''}")
    torch_common.finish(args, torch.__version__, seconds, out, f"{len(runs)} runs as one batch, {args.steps} steps")


if __name__ == "__main__":
    main()
