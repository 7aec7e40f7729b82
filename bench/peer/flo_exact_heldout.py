#!/usr/bin/env python3
"""How spread out is FLO's held-out estimate with the EXACT critic? (float64, numpy)

Correlated Gaussian, d = 10, true MI 10 nats, critic g = PMI and u = -PMI (FLO's optimum), so the
per-row value is PMI_ii + 1 - mean_{j != i} e^{PMI_ij} (= NWJ(S+1), specs/estimators.md 3.9). One
held-out estimate = mean over 157 batches of B = 64 (10,048 pairs), as `infobed estimate` does;
repeated `reps` times with fresh draws. The e^{PMI} of independent pairs is heavy-tailed (its
variance, the chi^2 divergence, is e^20 - 1 here), so even the exact critic's held-out read-out
has a long lower tail. Usage: python3 flo_exact_heldout.py [reps=200] [seed=0]
"""
import math, sys

import numpy as np

d, mi, b, batches = 10, 10.0, 64, 157
reps = int(sys.argv[1]) if len(sys.argv) > 1 else 200
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
rho = math.sqrt(1 - math.exp(-2 * mi / d))
s2 = 1 - rho * rho


def pmi(x, y):
    """[B, d], [B, d] -> [B, B]: PMI(x_i, y_j) of the correlated Gaussian."""
    diff = y[None, :, :] - rho * x[:, None, :]
    return (-(diff ** 2) / (2 * s2) - 0.5 * math.log(s2) + 0.5 * y[None, :, :] ** 2).sum(-1)


values = []
for _ in range(reps):
    total = 0.0
    for _ in range(batches):
        x = rng.standard_normal((b, d))
        y = rho * x + math.sqrt(s2) * rng.standard_normal((b, d))
        s = pmi(x, y)
        pos = np.diag(s).copy()
        np.fill_diagonal(s, -np.inf)
        total += np.mean(pos + 1 - np.exp(s).sum(1) / (b - 1))
    values.append(total / batches)
v = np.array(values)
q = np.percentile(v, [5, 25, 75, 95])
print(f"exact critic, FLO at u = -PMI, d = {d}, true MI {mi}, B = {b}, {batches} batches, {reps} repeats: "
      f"mean {v.mean():.3f}, median {np.median(v):.3f}, min {v.min():.2f}, P(>= 8) {np.mean(v >= 8):.3f}, "
      f"quantiles 5/25/75/95 %: {q.round(2).tolist()}")
