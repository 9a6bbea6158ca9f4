#!/usr/bin/env python3
"""PyTorch baseline of the circle of five's learned-critic runs (Shannon et al. 2020, Appendix D):
`npm run experiment -- --preset appendix-d-circle --critic learned --seeds 3`, 9 runs trained one
after another on one thread, in plain idiomatic PyTorch (nn.Sequential, torch.optim).

Settings from src/config/planarPresets.ts, planar.ts and src/engine/planar/*.ts:
  target: five unit Gaussians (covariance I, equal weights) on a circle of radius 5, the first
  at angle 0; generator: isotropic Gaussian x = m + e^s z, m = (3, 1), e^s = 1.5, s trained
  (a log scale); critic 2-32-32-1, leaky ReLU (slope 0.2), Glorot-uniform weights, zero biases;
  batch 512; 5 critic updates per generator update, each on 512 fresh real and 512 fresh fake
  samples; 1500 generator updates; critic on JS with Adam(2e-3, betas 0.5, 0.9, eps 1e-8);
  generator SGD 0.1 for steps 1-1000, then 0.01 (the preset's glr schedule);
  schemes hybrid (RKL, JS), hybrid (KL, JS) and non-saturating JS, seeds 1-3 each.
A run whose loss or parameters go non-finite stops where it was. The project's random streams
are not reproduced, only the same work and the same statistics.

    python3 bench/torch_planar.py [--steps N] [--out r.json] [--seed S] [--default-malloc]
"""
import math
import sys
import time

sys.dont_write_bytecode = True  # no bench/__pycache__ in the repository
import torch_common  # noqa: E402  (before torch: one thread, BLAS included)
import torch  # noqa: E402

LN2 = math.log(2.0)
N_MODES, RADIUS = 5, 5.0
START_MEAN, START_STD = (3.0, 1.0), 1.5
HIDDEN, SLOPE = [32, 32], 0.2
BATCH, CRITIC_STEPS, STEPS = 512, 5, 1500
CRITIC_LR, BETAS = 2e-3, (0.5, 0.9)
GLR, GLR_AFTER, GLR_CHANGE_AT = 0.1, 0.01, 1000
SEEDS = [1, 2, 3]
sp = torch.nn.functional.softplus


def generator_c(form, d):
    """c(d) of the generator loss -E_q[c(d)]: b_RKL = d, b_KL = e^d - 1, a_JS = 2 log 2 - 2 sp(-d)."""
    if form == "hyb_rkl":
        return d
    if form == "hyb_kl":
        return torch.exp(d) - 1
    if form == "ns_js":
        return 2 * LN2 - 2 * sp(-d)
    raise ValueError(form)


SCHEMES = [("hybrid (RKL, JS)", "hyb_rkl"), ("hybrid (KL, JS)", "hyb_kl"), ("non-saturating JS", "ns_js")]


def target_means():
    angles = torch.arange(N_MODES, dtype=torch.float32) * (2 * math.pi / N_MODES)
    return RADIUS * torch.stack([torch.cos(angles), torch.sin(angles)], 1)


def sample_target(means, n):
    """n samples of the equal-weight mixture of N(mean_c, I)."""
    idx = torch.randint(len(means), (n,))
    return means[idx] + torch.randn(n, 2)


def make_critic():
    sizes = [2, *HIDDEN, 1]
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        linear = torch.nn.Linear(fan_in, fan_out)
        torch.nn.init.xavier_uniform_(linear.weight)
        torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
        if i + 2 < len(sizes):
            layers.append(torch.nn.LeakyReLU(SLOPE))
    return torch.nn.Sequential(*layers)


def train_run(form, steps, means):
    """One run: returns (mean, std, stopped step or None)."""
    critic = make_critic()
    mean = torch.tensor(START_MEAN, requires_grad=True)
    log_std = torch.tensor(math.log(START_STD), requires_grad=True)
    critic_opt = torch.optim.Adam(critic.parameters(), lr=CRITIC_LR, betas=BETAS, eps=1e-8)
    gen_opt = torch.optim.SGD([mean, log_std], lr=GLR)
    for step in range(1, steps + 1):
        if step == GLR_CHANGE_AT + 1:
            gen_opt.param_groups[0]["lr"] = GLR_AFTER
        for _ in range(CRITIC_STEPS):
            real = sample_target(means, BATCH)
            with torch.no_grad():
                fake = mean + log_std.exp() * torch.randn(BATCH, 2)
            # minimise E_q[b_JS(d)] - E_p[a_JS(d)] = 2 E_q[sp(d)] + 2 E_p[sp(-d)] - 4 log 2
            loss = 2 * sp(critic(fake)).mean() + 2 * sp(-critic(real)).mean() - 4 * LN2
            critic_opt.zero_grad()
            loss.backward()
            critic_opt.step()
        x = mean + log_std.exp() * torch.randn(BATCH, 2)
        gen_loss = -generator_c(form, critic(x)).mean()
        gen_opt.zero_grad()
        gen_loss.backward(inputs=[mean, log_std])
        before = (mean.detach().clone(), log_std.detach().clone())
        gen_opt.step()
        if not (torch.isfinite(gen_loss) and torch.isfinite(mean).all() and torch.isfinite(log_std)):
            return before[0].tolist(), math.exp(before[1].item()), step
    return mean.detach().tolist(), math.exp(log_std.item()), None


def main():
    args = torch_common.parse_args(__doc__, STEPS)
    torch.set_num_threads(1)
    means = target_means()
    out = []
    start = time.perf_counter()
    for label, form in SCHEMES:
        for seed in SEEDS:
            torch.manual_seed(args.seed * 1000 + len(out))  # a stream per run
            m, s, stopped = train_run(form, args.steps, means)
            out.append({"scheme": label, "critic": "learned", "seed": seed, "mean": m, "std": s, "stopped": stopped})
            note = f"  (stopped at step {stopped})" if stopped else ""
            print(f"{label:<18} seed {seed}  mean ({m[0]:.3f}, {m[1]:.3f})  std {s:.3f}  variance {s * s:.2f}{note}", flush=True)
    seconds = time.perf_counter() - start
    torch_common.finish(args, torch.__version__, seconds, out, f"{len(out)} runs one after another, {args.steps} steps")


if __name__ == "__main__":
    main()
