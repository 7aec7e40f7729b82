#!/usr/bin/env python3
"""PyTorch reference for FLO with the paper's shared critic on the correlated Gaussian.

Same task, objective and held-out protocol as `infobed estimate --objective flo` (docs/estimators.md):
x ~ N(0, I_d), y = rho x + sqrt(1 - rho^2) eps, true MI = -d/2 log(1 - rho^2) nats, fresh samples
every step. Critic: one joint MLP [x, y] -> (g, u) over all B^2 pairs, S_ij = g(x_i, y_j),
u_i = u(x_i, y_i). FLO batch loss (specs/estimators.md 3.9):
  l_i = u_i + exp(a_i) - 1,  a_i = -u_i + LSE_{j != i} S_ij - S_ii - log(B - 1),  mi = -mean_i l_i.
Estimate = mean per-step training-batch mi over the last `average` steps of each level; held-out =
mi of the frozen critic averaged over `held_out` fresh pairs in batches of B after each level.

Usage: /usr/bin/python3 flo_shared_reference.py [--mi 10] [--dim 10] [--batch 128] [--lr 1e-4]
       [--steps 5000] [--average 1000] [--hidden 256,256] [--init torch|xavier] [--held-out 10000]
       [--seed 0] [--threads 1]
`--mi 2,4,6,8,10` runs the stepwise schedule (critic carried over, `--steps` per level).
Prints one JSON line per level. Needs Debian's python3-torch (1.13) and libopenblas0-pthread.
"""
import argparse, json, math, time

import torch


def make_net(d, hidden, init):
    dims = [2 * d, *hidden, 2]
    layers = []
    for i in range(len(dims) - 1):
        lin = torch.nn.Linear(dims[i], dims[i + 1])
        if init == "xavier":  # what @infobed/nn's Dense does: Xavier-uniform weights, zero biases
            torch.nn.init.xavier_uniform_(lin.weight)
            torch.nn.init.zeros_(lin.bias)
        layers.append(lin)
        if i < len(dims) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def sample(b, d, rho, gen):
    x = torch.randn(b, d, generator=gen)
    y = rho * x + math.sqrt(1 - rho * rho) * torch.randn(b, d, generator=gen)
    return x, y


def flo_mi(net, x, y):
    b, d = x.shape
    pairs = torch.cat([x[:, None, :].expand(b, b, d), y[None, :, :].expand(b, b, d)], 2)
    out = net(pairs.reshape(b * b, 2 * d)).reshape(b, b, 2)
    s, u = out[..., 0], torch.diagonal(out[..., 1])
    mask = torch.diag(torch.full((b,), float("-inf")))
    a = -u + torch.logsumexp(s + mask, 1) - torch.diagonal(s) - math.log(b - 1)
    return -(u + torch.exp(a) - 1).mean()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mi", default="10")
    p.add_argument("--dim", type=int, default=10)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--steps", type=int, default=5000)
    p.add_argument("--average", type=int, default=1000)
    p.add_argument("--hidden", default="256,256")
    p.add_argument("--init", choices=["torch", "xavier"], default="torch")
    p.add_argument("--held-out", type=int, default=10000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed + 1)
    held_gen = torch.Generator().manual_seed(a.seed + 2)
    d, b = a.dim, a.batch
    net = make_net(d, [int(h) for h in a.hidden.split(",")], a.init)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    for level in [float(m) for m in a.mi.split(",")]:
        rho = math.sqrt(1 - math.exp(-2 * level / d))
        values, t0 = [], time.time()
        for k in range(a.steps):
            x, y = sample(b, d, rho, gen)
            mi = flo_mi(net, x, y)
            opt.zero_grad()
            (-mi).backward()
            opt.step()
            if k >= a.steps - a.average:
                values.append(mi.item())
        seconds = time.time() - t0
        held = []
        with torch.no_grad():
            for _ in range(max(1, a.held_out // b)):
                held.append(flo_mi(net, *sample(b, d, rho, held_gen)).item())
        m = sum(values) / len(values)
        sd = math.sqrt(sum((v - m) ** 2 for v in values) / max(1, len(values) - 1))
        print(json.dumps({"trueMi": level, "estimate": round(m, 4), "std": round(sd, 4),
                          "heldOut": round(sum(held) / len(held), 4), "batch": b, "lr": a.lr,
                          "steps": a.steps, "hidden": a.hidden, "init": a.init, "seed": a.seed,
                          "stepsPerSecond": round(a.steps / seconds, 2)}), flush=True)


if __name__ == "__main__":
    main()
