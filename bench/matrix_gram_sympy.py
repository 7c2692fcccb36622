#!/usr/bin/env python3
"""The matrix route by hand in SymPy, the reference for `gaugebias bench --matrix` (issue 8).

For W = W_L ... W_1 (square r x r factors; L = 2 is U V^T with U = W_2, V = W_1^T) at the
diagonal frame W_l = diag(d_1 .. d_r) (docs/matrix-families.md), with d_i symbols:
  * tangent vectors of the GL(r)^{L-1} generators (l, i, j): dW_l = W_l E_ij, dW_{l+1} = -E_ij W_{l+1},
  * generator Gram G = Xi^T Xi, predictor Gram P = J J^T (J = dvec(W)/dtheta),
  * det G and det P with SymPy's determinant, then factor.
No block structure is used: this is what the engine's sparse blocks are compared with.

Run: python3 bench/matrix_gram_sympy.py [--max-rank 6] [--max-depth 4] [--timeout 60]
Prints one tab-separated line per size: L, r, parameters, seconds, status (ok | timeout),
log det P at d_i = 0.5 + 0.3 i (for the cross-check with the engine; 'nan' on timeout).
A size that times out skips the larger ranks of its depth.
"""
import argparse
import math
import signal
import time

import sympy as sp


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def derive(L, r):
    d = sp.symbols(f"d1:{r + 1}", positive=True)
    D = sp.diag(*d)
    # parameters: L factors of r*r entries, flattened factor by factor (row-major)
    n = L * r * r
    Ws = [sp.Matrix(r, r, sp.symbols(f"w{l}_0:{r * r}")) for l in range(L)]
    theta = [x for W in Ws for x in W]
    at = {}
    for W in Ws:
        for a in range(r):
            for b in range(r):
                at[W[a, b]] = D[a, b]
    # tangent vectors at the frame
    cols = []
    for l in range(L - 1):
        for i in range(r):
            for j in range(r):
                E = sp.zeros(r, r)
                E[i, j] = 1
                v = [sp.zeros(r, r) for _ in range(L)]
                v[l] = D * E
                v[l + 1] = -E * D
                cols.append([x for M in v for x in M])
    Xi = sp.Matrix(cols).T if cols else sp.zeros(n, 0)
    G = Xi.T * Xi
    # predictor Jacobian at the frame
    prod = Ws[0]
    for W in Ws[1:]:
        prod = W * prod
    J = sp.Matrix([[sp.diff(w, t).subs(at) for t in theta] for w in prod])
    P = J * J.T
    det_g = sp.factor(G.det()) if G.shape[0] else sp.Integer(1)
    det_p = sp.factor(P.det())
    point = {d[i]: sp.Rational(5 + 3 * i, 10) for i in range(r)}
    return n, det_g, det_p, math.log(abs(float(det_p.subs(point))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-rank", type=int, default=6)
    ap.add_argument("--max-depth", type=int, default=4)
    ap.add_argument("--timeout", type=int, default=60)
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    print("L\tr\tparameters\tseconds\tstatus\tlogdetP")
    for L in range(2, args.max_depth + 1):
        for r in range(1, args.max_rank + 1):
            start = time.perf_counter()
            signal.alarm(args.timeout)
            try:
                n, _, _, logdet = derive(L, r)
                status = "ok"
            except Timeout:
                n, logdet, status = L * r * r, float("nan"), "timeout"
            finally:
                signal.alarm(0)
            print(f"{L}\t{r}\t{n}\t{time.perf_counter() - start:.3f}\t{status}\t{logdet:.15g}",
                  flush=True)
            if status != "ok":
                break


if __name__ == "__main__":
    main()
