"""Checks gaugebias's Python exports against the engine's own numbers (ExportsAgainstEvalTest).

Input: cases.json written by the Java test: per design, the two export files and points with
the parameter values theta, the predictor beta = f(theta), the temperature and the values the
engine's evaluator (`eval`) gives there. For each design it loads both exports and checks:
- array-API export (NumPy, and PyTorch float64 with autograd when installed), all points as
  one batch: predictor(theta), logdet/bias of every variant, representation_cost, loss and
  log_density, representative(beta) against the engine, f(theta~(beta)) = beta and
  chi(theta~(beta)) = 0;
- SymPy export, point by point at 30 digits: the same quantities from its expressions.
A matrix design's results and theta~ are functions of the predictor's singular values
(eigenvalues) sigma: each point then has `argument` (sigma of f(theta), as eval computes them)
and `image` = f(theta~(sigma)) = diag(sigma) zero-padded (theta~ is the diagonal frame); the
round trip is checked against `image`, and the export's predictor_at_representative too.
A design with a symbolic size (case["size"]): the array export takes n from the arrays, the
SymPy export is checked through at_size(n), the same quantities written out at that n.
A design exported by operator ((Dct beta)_k): the point's symbols carry those components too,
and the SymPy export's apply_operator(beta) must give them; of a wide predictor (more than 16
components) the SymPy check evaluates 8 components (each is a sum over the whole operator).
Tolerance: |export - engine| <= 1e-10 * max(1, |engine|); f(theta~(beta)) = beta to the case's
round_trip_tolerance (1e-10, or the consistency of phi and its inverse for a tabulated design). Writes results.json (largest
relative error per design and export) and exits 1 on any failure.
"""
import importlib.util
import json
import math
import sys
import time

TOL = 1e-10


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Errors:
    def __init__(self, design, export):
        self.design, self.export = design, export
        self.worst = 0.0
        self.failures = []

    def check(self, what, got, want, tol=TOL):
        err = abs(float(got) - want) / max(1.0, abs(want))
        if not math.isfinite(float(got)) or err > tol:
            self.failures.append("%s %s %s: got %r, engine %r" % (
                self.design, self.export, what, float(got), want))
            err = math.inf if not math.isfinite(float(got)) else err
        self.worst = max(self.worst, err)


def call(fn, temp, *args):
    """fn(*args, T): every exported function takes the temperature last."""
    return fn(*args, temp)


def coordinates(x, shape):
    """A parameter's coordinates: a symmetric matrix has its entries i <= j, row by row."""
    if shape.startswith("symmetric"):
        n = x.shape[-1]
        return [float(x[i, j]) for i in range(n) for j in range(i, n)]
    return flat(x)


def flat(x):
    return [float(v) for v in x.reshape(-1).tolist()]


def check_arrays(case, mod, xp, to_array, label):
    e = Errors(case["id"], label)
    pts = case["points"]
    params = [to_array([p["theta"][name] for p in pts]) for name, _ in case["parameters"]]
    beta = to_array([p.get("argument", p["beta"]) for p in pts])
    temp = case["temperature_value"]
    got = call(mod.predictor, temp, *params)
    for k, p in enumerate(pts):
        for a, b in zip(flat(got[k]), flatten(p["beta"])):
            e.check("predictor", a, b)
    for variant in mod.VARIANTS:
        ld = mod.logdet(beta, temp, variant)
        bi = mod.bias(beta, temp, variant)
        for k, p in enumerate(pts):
            e.check("logdet_" + variant, ld[k], p["expected"]["logdet"][variant])
            e.check("bias_" + variant, bi[k], p["expected"]["bias"][variant])
    rc = mod.representation_cost(beta, temp)
    for k, p in enumerate(pts):
        e.check("representation_cost", rc[k], p["expected"]["representation_cost"])
    if "log_density" in case["points"][0]["expected"]:
        ld = mod.log_density(beta, temp)
        ls = mod.loss(beta, temp)
        for k, p in enumerate(pts):
            e.check("log_density", ld[k], p["expected"]["log_density"])
            e.check("loss", ls[k], p["expected"]["loss"])
    rep = call(mod.representative, temp, beta)
    again = call(mod.predictor, temp, *rep)
    chi = call(mod.gauge, temp, *rep)
    for k, p in enumerate(pts):
        values = []
        for r, (_, shape) in zip(rep, case["parameters"]):
            values += coordinates(r[k], shape)
        for a, b in zip(values, p["expected"]["representative"]):
            e.check("representative", a, b)
        for a, b, c in zip(flat(again[k]), flatten(p.get("image", p["beta"])),
                           p["expected"]["predictor_at_representative"]):
            e.check("f(theta~(beta)) = beta", a, b, case["round_trip_tolerance"])
            e.check("f(theta~(beta)) as the engine", a, c)
        for a in flat(chi[k]):
            e.check("chi(theta~(beta)) = 0", a, 0.0)
    if hasattr(mod, "predictor_at_representative"):
        image = call(mod.predictor_at_representative, temp, beta)
        for k, p in enumerate(pts):
            for a, b in zip(flat(image[k]), flatten(p["image"])):
                e.check("predictor_at_representative = diag", a, b)
    balanced = call(mod.balanced_init, temp, beta)
    for a, b in zip(balanced, rep):
        e.check("balanced_init = representative", float(xp.max(xp.abs(a - b))), 0.0)
    return e


def flatten(x):
    if isinstance(x, list):
        out = []
        for v in x:
            out += flatten(v)
        return out
    return [float(x)]


# Values are put in with xreplace, not subs: a plain replacement of symbols by 30-digit Floats,
# evaluated as the tree is rebuilt; subs (which matches sub-expressions) is about 100 times
# slower and made the paper-size designs (hundreds of parameters) take minutes.


def check_sympy(case, module):
    import sympy as sp
    e = Errors(case["id"], "sympy")
    mod = module.at_size(case["size"]) if "size" in case else module
    wide = len(mod.predictor) > 16
    for p in case["points"][:3]:
        subs = {getattr(mod, name): sp.Float(repr(v), 30) for name, v in p["symbols"].items()}
        subs[mod.temperature] = sp.Float(repr(case["temperature_value"]), 30)

        def value(expr):
            return complex(sp.N(sp.sympify(expr).xreplace(subs), 30)).real

        for a, b in list(zip(mod.predictor, flatten(p["beta"])))[:8 if wide else None]:
            e.check("predictor", value(a), b)
        if hasattr(mod, "apply_operator"):
            omega = mod.apply_operator([sp.Float(repr(v), 30) for v in flatten(p["beta"])])
            for k in range(min(len(omega), 8)):
                name = "%s_%d" % (mod.operator_name, k + 1)
                e.check("apply_operator", complex(sp.N(omega[k], 30)).real, p["symbols"][name])
        for variant in mod.logdet:
            e.check("logdet_" + variant, value(mod.logdet[variant]),
                    p["expected"]["logdet"][variant])
            e.check("bias_" + variant, value(mod.bias[variant]), p["expected"]["bias"][variant])
            e.check("(T/2) logdet = bias + dropped_constant",
                    value(mod.temperature / 2 * mod.logdet[variant]),
                    value(mod.bias[variant] + mod.dropped_constant[variant]))
        e.check("representation_cost", value(mod.representation_cost),
                p["expected"]["representation_cost"])
        if "log_density" in p["expected"]:
            e.check("log_density", value(mod.log_density), p["expected"]["log_density"])
        rep = [value(mod.representative[t]) for t in mod.theta]
        for a, b in zip(rep, p["expected"]["representative"]):
            e.check("representative", a, b)
        at_rep = {t: sp.Float(repr(v), 30) for t, v in zip(mod.theta, rep)}
        at_rep[mod.temperature] = subs[mod.temperature]
        for f, b, c in list(zip(mod.predictor, flatten(p.get("image", p["beta"])),
                                p["expected"]["predictor_at_representative"]))[:8 if wide else None]:
            got = complex(sp.N(f.xreplace(at_rep), 30)).real
            e.check("f(theta~(beta)) = beta", got, b, case["round_trip_tolerance"])
            e.check("f(theta~(beta)) as the engine", got, c)
        for chi in mod.gauge:
            e.check("chi(theta~(beta)) = 0", complex(sp.N(chi.xreplace(at_rep), 30)).real, 0.0)
        for a, b in zip(getattr(mod, "predictor_at_representative", []),
                        flatten(p.get("image", p["beta"]))):
            e.check("predictor_at_representative = diag", value(a), b)
    return e


def check_json(case):
    """The JSON's sympy strings: sympify reads them, and they agree with the engine."""
    import sympy as sp
    e = Errors(case["id"], "json")
    if not case["json"]:
        return e
    doc = json.load(open(case["json"]))
    for p in (case["points"][:2] if case["json_values"] else []):
        subs = {sp.Symbol(name): sp.Float(repr(v), 30) for name, v in p["symbols"].items()}
        subs[sp.Symbol(doc["design"]["temperature"])] = sp.Float(repr(case["temperature_value"]), 30)

        def value(text):
            return complex(sp.N(sp.sympify(text).xreplace(subs), 30)).real

        for variant, r in doc["results"].items():
            if r is None:
                continue
            e.check("json logdet_" + variant, value(r["logdet"]["sympy"]),
                    p["expected"]["logdet"][variant])
            e.check("json bias_" + variant, value(r["bias"]["sympy"]),
                    p["expected"]["bias"][variant])
        e.check("json representation_cost", value(doc["representation_cost"]["sympy"]),
                p["expected"]["representation_cost"])
    for step in doc["steps"]:
        for f in step["inputs"] + step["outputs"]:
            sp.sympify(f["sympy"])
    return e


def main():
    cases = json.load(open(sys.argv[1]))
    import numpy as np
    backends = [("numpy", np, lambda x: np.asarray(x, dtype=np.float64))]
    try:
        import torch
        backends.append(("torch", torch,
                         lambda x: torch.tensor(x, dtype=torch.float64, requires_grad=True)))
    except ImportError:
        print("PyTorch not installed: array export checked on NumPy only")
    results = []
    failures = []
    for case in cases:
        print("%-22s export: SymPy %d bytes, array-API %d bytes, written in %.3f s" % (
            case["id"], case.get("sympy_bytes", 0), case.get("array_bytes", 0),
            case.get("export_seconds", 0.0)))
        started = time.perf_counter()
        mod = load(case["python"], case["id"].replace("-", "_") + "_array")
        for label, xp, to_array in backends:
            e = check_arrays(case, mod, xp, to_array, label)
            results.append(e)
        if len(backends) > 1:
            import torch
            beta = torch.tensor([p.get("argument", p["beta"]) for p in case["points"]],
                                dtype=torch.float64, requires_grad=True)
            mod.bias(beta, case["temperature_value"]).sum().backward()
            if beta.grad is None or not bool(torch.isfinite(beta.grad).all()):
                failures.append(case["id"] + " torch: no finite gradient of the bias")
        arrays = time.perf_counter()
        results.append(check_sympy(case, load(case["sympy"], case["id"].replace("-", "_")
                                              + "_sympy")))
        sympy_done = time.perf_counter()
        results.append(check_json(case))
        print("%-22s checked: array-API %.2f s, SymPy (import and 30 digits) %.2f s, JSON %.2f s"
              % (case["id"], arrays - started, sympy_done - arrays,
                 time.perf_counter() - sympy_done), flush=True)
    for e in results:
        failures += e.failures
        print("%-20s %-6s largest relative difference %.3g" % (e.design, e.export, e.worst))
    json.dump([{"design": e.design, "export": e.export, "largest": e.worst,
                "failures": e.failures} for e in results],
              open(sys.argv[2], "w"), indent=1)
    for f in failures[:40]:
        print("FAIL", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
