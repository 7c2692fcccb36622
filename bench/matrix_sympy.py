#!/usr/bin/env python3
"""The matrix families' generator Gram log-determinant derived by hand in SymPy, for comparison
with gaugebias's matrix route (derive/matrix): W = U V^T (GL(r)) and deep linear W_L...W_1
(GL(r)^{L-1}), at the diagonal representative (U = V = Sigma^{1/2}; W_l = diag(sigma^{1/L})),
tangent vectors written out, G = Xi^T Xi as a dense SymPy matrix, det G factored.

Run:  python3 bench/matrix_sympy.py            (r = 1..4 for UV^T, r = 1..3 with L = 2..4 deep)
      python3 bench/matrix_sympy.py --max-seconds 60

Prints one line per size: family, size, seconds, the factored det G. Dense symbolic
determinants are what the engine avoids (it splits G into blocks first); the timings show why.
"""
import argparse
import time

import sympy as sp


def unit(r, i, j):
    m = sp.zeros(r, r)
    m[i, j] = 1
    return m


def uv_gram(r):
    s = sp.symbols(f"sigma1:{r + 1}", positive=True)
    half = sp.diag(*[sp.sqrt(x) for x in s])
    u, v = half, half
    xi = []
    for i in range(r):
        for j in range(r):
            xi.append(list(u * unit(r, i, j)) + list(-v * unit(r, j, i)))
    m = sp.Matrix(xi)
    return m * m.T


def deep_gram(layers, r):
    s = sp.symbols(f"sigma1:{r + 1}", positive=True)
    d = sp.diag(*[x ** sp.Rational(1, layers) for x in s])
    xi = []
    for l in range(layers - 1):
        for i in range(r):
            for j in range(r):
                parts = [sp.zeros(r, r) for _ in range(layers)]
                parts[l] = unit(r, i, j) * d
                parts[l + 1] = -d * unit(r, i, j)
                xi.append(sum((list(p) for p in parts), []))
    m = sp.Matrix(xi)
    return m * m.T


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-seconds", type=float, default=120,
                    help="skip larger sizes of a family once one took longer than this")
    args = ap.parse_args()
    cases = [("uv", (r,), uv_gram) for r in range(1, 5)]
    cases += [("deep", (layers, r), deep_gram) for layers in (2, 3, 4) for r in (1, 2, 3)]
    slow = set()
    print("family\tsize\tseconds\tdet G")
    for family, size, build in cases:
        key = (family, size[0]) if family == "deep" else family
        if key in slow:
            print(f"{family}\t{size}\tskipped\t(a smaller size took over {args.max_seconds} s)")
            continue
        t0 = time.perf_counter()
        g = build(*size)
        det = sp.factor(sp.simplify(g.det(method="berkowitz")))
        dt = time.perf_counter() - t0
        print(f"{family}\t{size}\t{dt:.2f}\t{det}", flush=True)
        if dt > args.max_seconds:
            slow.add(key)


if __name__ == "__main__":
    main()
