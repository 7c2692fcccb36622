#!/usr/bin/env python3
"""Independent numeric Gram log-determinants for the matrix families of shared/THEORY.md §3.

Provenance: nothing here comes from gaugebias. For each family the parameters are built at the
balanced representative in a RANDOM orthogonal frame (W = P diag(sigma) Q^T with Haar-random P, Q),
the generator fields and the gauge conditions are written from their definitions (THEORY §2:
unnormalised basis E_ij for gl(r), E_ij - E_ji for o(r)), Jacobians are taken by the complex step
(exact to rounding for these polynomial maps), and the log-(pseudo-)determinants of
G = Xi^T Xi, C = J_chi J_chi^T and P = J_f J_f^T come from eigenvalues. Each is compared with the
closed form written beside it; the closed forms for deep linear networks and W = U U^T are derived
in docs/matrix-families.md (block-diagonal Grams, tridiagonal in the layer index).

Run: python3 test-data/matrix_families.py            (checks; exit 1 on a mismatch)
     python3 test-data/matrix_families.py --tsv      (golden values, one row per case)
The golden rows hold log det at the given singular values / eigenvalues, with the conventions of
THEORY §2 (constants included), so they can be compared with `gaugebias eval` directly.
"""
import sys

import numpy as np

RNG = np.random.default_rng(20261130)


def haar(n, k):
    """n x k with orthonormal columns, Haar-distributed (QR of a Gaussian with sign fix)."""
    q, r = np.linalg.qr(RNG.standard_normal((n, n)))
    q = q * np.sign(np.diag(r))
    return q[:, :k]


def jacobian(f, x):
    """Complex-step Jacobian of f: R^d -> R^m at x (rows: outputs)."""
    h = 1e-30
    cols = []
    for i in range(len(x)):
        z = x.astype(complex)
        z[i] += 1j * h
        cols.append(np.imag(f(z)) / h)
    return np.array(cols).T


def logpdet(g, rank):
    """log of the product of the `rank` largest eigenvalues of a symmetric PSD matrix."""
    ev = np.sort(np.linalg.eigvalsh(g))[::-1]
    return float(np.sum(np.log(ev[:rank])))


def sym_upper(m):
    """Raw entries i <= j of a square matrix, row by row."""
    n = m.shape[0]
    return np.array([m[i, j] for i in range(n) for j in range(i, n)])


# ------------------------------------------------------------------ W = U V^T (and attention)

def uv(m, n, sigma):
    r = len(sigma)
    s = np.sqrt(np.asarray(sigma))
    U, V = haar(m, r) * s, haar(n, r) * s
    theta = np.concatenate([U.ravel(), V.ravel()])

    def split(t):
        return t[:m * r].reshape(m, r), t[m * r:].reshape(n, r)

    def f(t):
        a, b = split(t)
        return (a @ b.T).ravel()

    def chi(t):                                   # balance U^T U - V^T V, raw entries i <= j
        a, b = split(t)
        return sym_upper(a.T @ a - b.T @ b)

    fields = []
    for i in range(r):
        for j in range(r):
            e = np.zeros((r, r))
            e[i, j] = 1
            fields.append(np.concatenate([(U @ e).ravel(), (-V @ e.T).ravel()]))
    xi = np.array(fields).T
    jf, jc = jacobian(f, theta), jacobian(chi, theta)
    return {
        "G": logpdet(xi.T @ xi, r * r),
        "P": logpdet(jf @ jf.T, r * (m + n - r)),
        "C": logpdet(jc @ jc.T, r * (r + 1) // 2),
    }


def uv_closed(m, n, sigma):
    s = np.asarray(sigma)
    r = len(s)
    pairs = sum(np.log(s[i] + s[j]) for i in range(r) for j in range(r))
    upper = sum(np.log(2 * (s[i] + s[j])) for i in range(r) for j in range(i + 1, r))
    return {
        "G": pairs,                                           # THEORY §3: prod_{i,j}(s_i+s_j)
        "P": pairs + (m + n - 2 * r) * np.sum(np.log(s)),      # THEORY §3: pseudo-determinant
        "C": np.sum(np.log(8 * s)) + upper,                   # THEORY §3: prod 8s_i prod 2(s_i+s_j)
    }


# ------------------------------------------------------------------ deep linear W = W_L ... W_1

def deep(L, sigma):
    r = len(sigma)
    d = np.asarray(sigma) ** (1.0 / L)
    frames = [haar(r, r) for _ in range(L + 1)]               # R_0 = Q, R_L = P, others free
    Ws = [frames[l + 1] @ np.diag(d) @ frames[l].T for l in range(L)]
    theta = np.concatenate([w.ravel() for w in Ws])

    def split(t):
        return [t[l * r * r:(l + 1) * r * r].reshape(r, r) for l in range(L)]

    def f(t):
        ws = split(t)
        out = np.eye(r, dtype=t.dtype)
        for w in ws:
            out = w @ out
        return out.ravel()

    def chi(t):                                   # W_{l+1}^T W_{l+1} - W_l W_l^T, raw i <= j
        ws = split(t)
        return np.concatenate([sym_upper(ws[l + 1].T @ ws[l + 1] - ws[l] @ ws[l].T)
                               for l in range(L - 1)])

    fields = []
    for l in range(L - 1):                       # A_l acts between layers l and l+1
        for i in range(r):
            for j in range(r):
                e = np.zeros((r, r))
                e[i, j] = 1
                parts = [np.zeros((r, r)) for _ in range(L)]
                parts[l] = e @ Ws[l]
                parts[l + 1] = -Ws[l + 1] @ e
                fields.append(np.concatenate([p.ravel() for p in parts]))
    xi = np.array(fields).T
    jf, jc = jacobian(f, theta), jacobian(chi, theta)
    k = (L - 1) * r * r
    return {
        "G": logpdet(xi.T @ xi, k),
        "P": logpdet(jf @ jf.T, r * r),
        "C": logpdet(jc @ jc.T, (L - 1) * r * (r + 1) // 2),
    }


def deep_closed(L, sigma):
    """Per pair (i, j) the Gram block is tridiagonal Toeplitz in the layer index with diagonal
    x + y and off-diagonal -sqrt(xy) (x = s_i^(2/L), y = s_j^(2/L)): determinant
    (x^L - y^L)/(x - y), i.e. (s_i^2 - s_j^2)/(s_i^(2/L) - s_j^(2/L)), and L x^(L-1) for i = j.
    P is diagonal with the same entries; C's blocks are 2x (i < j, L-1 layers) and 4x (i = j)."""
    s = np.asarray(sigma)
    r = len(s)

    def block(i, j):
        if i == j:
            return np.log(L) + 2 * (L - 1) / L * np.log(s[i])
        return np.log((s[i] ** 2 - s[j] ** 2) / (s[i] ** (2 / L) - s[j] ** (2 / L)))

    allp = sum(block(i, j) for i in range(r) for j in range(r))
    upper = sum((L - 1) * np.log(2) + block(i, j) for i in range(r) for j in range(i + 1, r))
    diag = sum((L - 1) * np.log(4) + block(i, i) for i in range(r))
    return {"G": allp, "P": allp, "C": diag + upper}


# ------------------------------------------------------------------ W = U U^T, O(r)

def uut(m, lam):
    r = len(lam)
    U = haar(m, r) * np.sqrt(np.asarray(lam))
    theta = U.ravel()

    def f(t):                                     # Frobenius coordinates: w_ii, sqrt(2) w_ij
        a = t.reshape(m, r)
        w = a @ a.T
        return np.array([w[i, j] * (1 if i == j else np.sqrt(2))
                         for i in range(m) for j in range(i, m)])

    fields = []
    for i in range(r):
        for j in range(i + 1, r):
            e = np.zeros((r, r))
            e[i, j], e[j, i] = 1, -1
            fields.append((U @ e).ravel())
    xi = np.array(fields).T if fields else np.zeros((m * r, 0))
    jf = jacobian(f, theta)
    out = {"P": logpdet(jf @ jf.T, m * r - r * (r - 1) // 2)}
    if fields:
        out["G"] = logpdet(xi.T @ xi, r * (r - 1) // 2)
    return out


def uut_closed(m, lam):
    l = np.asarray(lam)
    r = len(l)
    pairs = sum(np.log(l[i] + l[j]) for i in range(r) for j in range(i + 1, r))
    # P in the Frobenius metric (rotation-invariant, so the pseudo-determinant on the rank-r
    # manifold does not depend on the frame): 2(l_i+l_j) per pair, 4 l_i per i, 2 l_i per
    # (i, outside direction)
    out = {"P": pairs + r * (r - 1) / 2 * np.log(2) + np.sum(np.log(4 * l))
           + (m - r) * np.sum(np.log(2 * l))}
    if r > 1:
        out["G"] = pairs                                      # THEORY §3: prod_{i<j}(l_i+l_j)
    return out


# ------------------------------------------------------------------ conjugation X -> R X R^T

def conj(lam):
    n = len(lam)
    R = haar(n, n)
    X = R @ np.diag(lam) @ R.T
    fields = []
    for i in range(n):
        for j in range(i + 1, n):
            a = np.zeros((n, n))
            a[i, j], a[j, i] = 1, -1
            fields.append((a @ X - X @ a).ravel())              # Frobenius metric on full X
    xi = np.array(fields).T
    return {"G": logpdet(xi.T @ xi, n * (n - 1) // 2)}


def conj_closed(lam):
    l = np.asarray(lam)
    n = len(l)
    return {"G": sum(np.log(2 * (l[i] - l[j]) ** 2) for i in range(n) for j in range(i + 1, n))}


CASES = [
    ("uv", "m=2,n=2", lambda s: uv(2, 2, s), lambda s: uv_closed(2, 2, s), [1.7, 0.6]),
    ("uv", "m=3,n=3", lambda s: uv(3, 3, s), lambda s: uv_closed(3, 3, s), [2.1, 1.3, 0.4]),
    ("uv", "m=4,n=3,r=2", lambda s: uv(4, 3, s), lambda s: uv_closed(4, 3, s), [1.9, 0.7]),
    ("uv", "m=5,n=5,r=5", lambda s: uv(5, 5, s), lambda s: uv_closed(5, 5, s),
     [3.0, 2.2, 1.5, 0.9, 0.3]),
    ("attention", "d_emb=6,d_head=2", lambda s: uv(6, 6, s), lambda s: uv_closed(6, 6, s),
     [2.5, 0.8]),
    ("deep", "L=2,r=2", lambda s: deep(2, s), lambda s: deep_closed(2, s), [1.7, 0.6]),
    ("deep", "L=3,r=2", lambda s: deep(3, s), lambda s: deep_closed(3, s), [1.7, 0.6]),
    ("deep", "L=4,r=3", lambda s: deep(4, s), lambda s: deep_closed(4, s), [2.1, 1.3, 0.4]),
    ("deep", "L=5,r=2", lambda s: deep(5, s), lambda s: deep_closed(5, s), [1.4, 0.5]),
    ("deep", "L=3,r=5", lambda s: deep(3, s), lambda s: deep_closed(3, s),
     [3.0, 2.2, 1.5, 0.9, 0.3]),
    ("uut", "m=3,r=3", lambda s: uut(3, s), lambda s: uut_closed(3, s), [2.1, 1.3, 0.4]),
    ("uut", "m=4,r=2", lambda s: uut(4, s), lambda s: uut_closed(4, s), [1.9, 0.7]),
    ("conjugation", "n=4", conj, conj_closed, [2.0, 1.1, -0.4, -1.5]),
]


def main():
    tsv = "--tsv" in sys.argv
    bad = 0
    if tsv:
        print("# generated by test-data/matrix_families.py (numeric Grams at random orthogonal"
              " frames, seed 20261130); log det with THEORY §2 constants")
        print("family\tsize\tvalues\tgram\tlogdet_numeric\tlogdet_closed_form")
    for fam, size, num, closed, vals in CASES:
        a, b = num(vals), closed(vals)
        for g in sorted(a):
            err = abs(a[g] - b[g])
            bad += err > 1e-8
            if tsv:
                print("\t".join([fam, size, "{" + ", ".join(map(repr, vals)) + "}", g,
                                 repr(a[g]), repr(float(b[g]))]))
            else:
                print(f"{fam:12s} {size:18s} {g}  numeric {a[g]: .12f}  closed {b[g]: .12f}"
                      f"  diff {err:.1e}{'  MISMATCH' if err > 1e-8 else ''}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
