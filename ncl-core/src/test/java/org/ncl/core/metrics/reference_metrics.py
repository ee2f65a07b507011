#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Independent reference values for ClusterMetricsTest (plain Python 3, no numpy / scikit-learn).

Every quantity is computed from its textbook definition, not from the formulas used in the Java code:
  H(U)    = -sum_i (a_i/n) ln(a_i/n)
  MI(U,V) = sum_ij (n_ij/n) ln(n n_ij / (a_i b_j))
  NMI     = MI / avg(H(U), H(V)), avg in {arithmetic, geometric, min, max}; 1.0 if both labelings are
            constant, 0.0 if MI == 0 (scikit-learn's special cases)
  ARI     = (index - expected) / (max - expected) with index = sum_ij C(n_ij, 2),
            expected = sum_i C(a_i,2) sum_j C(b_j,2) / C(n,2), max = (sum_i C(a_i,2) + sum_j C(b_j,2)) / 2
            (Hubert & Arabie 1985), evaluated in exact rational arithmetic (fractions.Fraction)
  ACC     = max over injective maps clusters -> classes (or classes -> clusters) by brute force
Sums of floats use math.fsum. Run: python3 reference_metrics.py
"""
import itertools
import math
import random
from fractions import Fraction


def counts(labels):
    c = {}
    for v in labels:
        c[v] = c.get(v, 0) + 1
    return c


def entropy(labels):
    n = len(labels)
    a = counts(labels)
    if len(a) == 1:
        return 0.0
    return -math.fsum((x / n) * math.log(x / n) for x in a.values())


def mutual_info(u, v):
    n = len(u)
    a, b = counts(u), counts(v)
    nij = counts(list(zip(u, v)))
    return math.fsum((c / n) * math.log(n * c / (a[i] * b[j])) for (i, j), c in nij.items())


def nmi(u, v, method):
    if len(set(u)) == 1 and len(set(v)) == 1:
        return 1.0
    mi = mutual_info(u, v)
    if abs(mi) < 1e-15:
        return 0.0
    hu, hv = entropy(u), entropy(v)
    avg = {"arithmetic": (hu + hv) / 2, "geometric": math.sqrt(hu * hv),
           "min": min(hu, hv), "max": max(hu, hv)}[method]
    return mi / avg


def ari(u, v):
    n = len(u)
    a, b = counts(u), counts(v)
    nij = counts(list(zip(u, v)))
    index = sum(math.comb(c, 2) for c in nij.values())
    sa = sum(math.comb(x, 2) for x in a.values())
    sb = sum(math.comb(x, 2) for x in b.values())
    expected = Fraction(sa * sb, math.comb(n, 2))
    maximum = Fraction(sa + sb, 2)
    if maximum == expected:
        return 1.0
    return float((index - expected) / (maximum - expected))


def acc(u, v):
    classes, clusters = sorted(set(u)), sorted(set(v))
    best = 0
    if len(clusters) <= len(classes):
        for image in itertools.permutations(classes, len(clusters)):
            m = dict(zip(clusters, image))
            best = max(best, sum(1 for t, p in zip(u, v) if m[p] == t))
    else:
        for image in itertools.permutations(clusters, len(classes)):
            m = dict(zip(image, classes))
            best = max(best, sum(1 for t, p in zip(u, v) if m.get(p) == t))
    return best / len(u)


def java(name, u, v):
    print(f"    // {name}")
    print(f"    {{new int[] {{{', '.join(map(str, u))}}},")
    print(f"     new int[] {{{', '.join(map(str, v))}}},")
    vals = [mutual_info(u, v), entropy(u), entropy(v)] + \
           [nmi(u, v, m) for m in ("arithmetic", "geometric", "min", "max")] + [ari(u, v), acc(u, v)]
    print("     new double[] {" + ", ".join(repr(x) for x in vals) + "}},")


def main():
    rng = random.Random(20210601)
    cases = []
    cases.append(("sklearn docstring: ari 0.57...", [0, 0, 1, 2], [0, 0, 1, 1]))
    cases.append(("sklearn docstring: mutual_info_score 0.056...", [0, 1, 1, 0, 1, 0], [0, 1, 0, 0, 1, 1]))
    cases.append(("sklearn docstring: v_measure 0.66...", [0, 1, 2, 3], [0, 0, 1, 1]))
    cases.append(("sklearn docstring: ari -0.5", [0, 0, 1, 1], [0, 1, 0, 1]))
    cases.append(("sklearn docstring: ari 0.0, nmi 0.0", [0, 0, 0, 0], [0, 1, 2, 3]))
    u = [rng.randrange(4) for _ in range(20)]
    cases.append(("random n=20, 4 classes vs 5 clusters, independent", u, [rng.randrange(5) for _ in range(20)]))
    u = [rng.choice([-3, 7, 100]) for _ in range(50)]
    v = [(x * 2 + 1) % 6 if rng.random() < 0.7 else rng.randrange(6) for x in u]
    cases.append(("random n=50, classes {-3,7,100} vs clusters 0..5, correlated", u, v))
    u = [rng.randrange(5) for _ in range(30)]
    v = [0 if x < 2 or rng.random() < 0.2 else 1 for x in u]
    cases.append(("random n=30, 5 classes vs 2 clusters", u, v))
    u = [rng.randrange(3) for _ in range(40)]
    v = [[-1, 5, 9][x] if rng.random() < 0.85 else rng.choice([-1, 5, 9, 11]) for x in u]
    u.append(1)
    v.append(11)  # make sure the fourth cluster occurs
    cases.append(("random n=41, 3 classes vs 4 clusters {-1,5,9,11}, mostly agreeing", u, v))
    for name, u, v in cases:
        java(name, u, v)


if __name__ == "__main__":
    main()
