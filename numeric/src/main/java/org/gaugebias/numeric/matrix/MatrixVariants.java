package org.gaugebias.numeric.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.gaugebias.numeric.sde.ProgressListener;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Which variant of THEORY.md §3 do the singular values of {@code W = F Gᵀ} follow under projected
 * noise? Simulates the factors ({@link FactorEnsemble}), computes each candidate law's
 * expectations of functions of σ by importance sampling ({@link ImportanceSampler}) and compares
 * expectations, not histograms (§5), conditional on the comparison region of
 * {@link SingularValues}.
 *
 * <p>Decision rule: for each variant (quotient, orbit, gauge diagnostic) the Mahalanobis distance
 * {@code dᵀ(Σ_sim + Σ_law)⁻¹d} of the expectation differences over the linearly independent
 * functions; the closest variant is the verdict if its χ² p-value is at least {@value #LEVEL}
 * (a false rejection of the right law once in a thousand runs, ignoring the Euler–Maruyama step
 * bias, which the long test bounds by halving dt), otherwise "none". The margin is the runner-up's
 * distance minus the closest's. No correction (R = 0) is reported as a reference, not a variant.
 */
public final class MatrixVariants {
  /** p-value threshold for "fits". */
  public static final double LEVEL = 1e-3;
  /** Quotient and orbit coincide when log det P − log det G varies by less than this. */
  static final double SAME_LAW = 1e-7;
  static final String CONVENTION = "Ito SDE dtheta = -grad L dt + sqrt(2T) P_perp dW,"
      + " Euler-Maruyama, P_perp = I - Xi (Xi^T Xi)^-1 Xi^T from the engine's generator fields";

  private MatrixVariants() {
  }

  public static MatrixVariantReport run(MatrixDynamics dynamics, MatrixVariantSettings s) {
    return run(dynamics, s, ProgressListener.NONE, () -> false);
  }

  public static MatrixVariantReport run(MatrixDynamics dynamics, MatrixVariantSettings s,
      ProgressListener progress, BooleanSupplier cancelled) {
    FactorModel model = new FactorModel(dynamics);
    GaussianBase base = new GaussianBase(dynamics.lossHessian(), dynamics.lossLinear(),
        s.temperature(), model.rows(), model.columns());
    FactorEnsemble ensemble = new FactorEnsemble(model, base, s);
    FactorEnsemble.Result sim = ensemble.run(progress, cancelled);
    ImportanceSampler.Result is = ImportanceSampler.run(model, base, s);
    return compare(dynamics, s, ensemble.kernel().form().toString(), sim, is);
  }

  static MatrixVariantReport compare(MatrixDynamics dyn, MatrixVariantSettings s, String form,
      FactorEnsemble.Result sim, ImportanceSampler.Result is) {
    Expectations e = sim.expectations();
    List<MatrixVariantReport.CandidateResult> results = new ArrayList<>();
    for (Candidate c : Candidate.values()) {
      Expectations law = is.expectations().get(c);
      int k = e.names().size();
      double[] diff = new double[k];
      double[] z = new double[k];
      double distance = 0;
      for (int a = 0; a < k; a++) {
        diff[a] = e.mean(a) - law.mean(a);
        z[a] = diff[a] / Math.sqrt(e.covariance(a, a) + law.covariance(a, a));
        distance += z[a] * z[a];
      }
      double maha = mahalanobis(diff, e, law, SingularValues.INDEPENDENT);
      double p = Double.isFinite(maha)
          ? 1 - new ChiSquaredDistribution(SingularValues.INDEPENDENT.length)
              .cumulativeProbability(maha)
          : Double.NaN;
      double[] zones = is.zoneMasses().get(c);
      results.add(new MatrixVariantReport.CandidateResult(c.label(), c.formula(), law, diff, z,
          distance, maha, p, zones[0], zones[1]));
    }
    MatrixVariantReport.Counts counts = new MatrixVariantReport.Counts(s.chains(),
        sim.divergedChains(), sim.recorded(), e.samples(), sim.excludedMass(),
        sim.otherSectorMass(), sim.nonFinite(), sim.balanceRms(), dyn.balanceNames(),
        sim.balanceMean(), sim.chainSteps(),
        sim.seconds(), sim.throughput(), sim.complete());
    MatrixVariantReport.Verdict verdict = verdict(results, is.maxQuotientOrbitSpread(), sim, s);
    return new MatrixVariantReport(dyn.designId() + ": " + dyn.title(), CONVENTION, form, s,
        SingularValues.NAMES, e, counts, is.draws(), is.seconds(), is.maxQuotientOrbitSpread(),
        results, verdict);
  }

  static double mahalanobis(double[] diff, Expectations a, Expectations b, int[] subset) {
    int n = subset.length;
    double[][] cov = new double[n][n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = diff[subset[i]];
      for (int j = 0; j < n; j++) {
        cov[i][j] = a.covariance(subset[i], subset[j]) + b.covariance(subset[i], subset[j]);
      }
    }
    for (double v : d) {
      if (!Double.isFinite(v)) {
        return Double.NaN;
      }
    }
    RealMatrix m = MatrixUtils.createRealMatrix(cov);
    double[] x = new LUDecomposition(m).getSolver()
        .solve(MatrixUtils.createRealVector(d)).toArray();
    double q = 0;
    for (int i = 0; i < n; i++) {
      q += d[i] * x[i];
    }
    return q;
  }

  private static MatrixVariantReport.Verdict verdict(
      List<MatrixVariantReport.CandidateResult> results, double spread, FactorEnsemble.Result sim,
      MatrixVariantSettings s) {
    boolean same = spread < SAME_LAW;
    List<String> notes = new ArrayList<>();
    MatrixVariantReport.CandidateResult quot = results.get(Candidate.QUOTIENT.ordinal());
    MatrixVariantReport.CandidateResult orbit = results.get(Candidate.ORBIT.ordinal());
    MatrixVariantReport.CandidateResult gauge = results.get(Candidate.GAUGE.ordinal());
    List<MatrixVariantReport.CandidateResult> variants = new ArrayList<>();
    variants.add(quot);
    if (!same) {
      variants.add(orbit);
    } else {
      notes.add(f("quotient and orbit laws coincide up to a constant (log det P - log det G"
          + " varies by %.2g over the draws): one candidate", spread));
    }
    variants.add(gauge);
    variants.sort((x, y) -> Double.compare(x.mahalanobis(), y.mahalanobis()));
    MatrixVariantReport.CandidateResult best = variants.get(0);
    MatrixVariantReport.CandidateResult second = variants.get(1);
    String bestName = same && best == quot ? "quotient = orbit" : best.name();
    String secondName = same && second == quot ? "quotient = orbit" : second.name();
    boolean fits = best.pValue() >= LEVEL;
    String outcome = fits ? bestName : "none (closest: " + bestName + ")";
    if (sim.divergedChains() > 0.1 * s.chains()) {
      outcome = "UNSTABLE";
      notes.add(sim.divergedChains() + " of " + s.chains() + " chains diverged: lower dt");
    } else if (!sim.complete()) {
      outcome = "INCOMPLETE";
    }
    MatrixVariantReport.CandidateResult none = results.get(Candidate.NO_CORRECTION.ordinal());
    notes.add(f("reference: no correction (R = 0) has Mahalanobis %.4g", none.mahalanobis()));
    notes.add("expectations are conditional on the region; Euler-Maruyama's O(dt) bias is not"
        + " in the standard errors (the long test compares with dt/2)");
    return new MatrixVariantReport.Verdict(outcome, bestName, fits,
        second.mahalanobis() - best.mahalanobis(), secondName, LEVEL,
        f("the variant with the smallest Mahalanobis distance (chi^2, %d d.o.f., over"
            + " E[sigma_max], E[sigma_min], E[log sigma_sum]) fits if p >= %s",
            SingularValues.INDEPENDENT.length, MatrixVariantReport.g(LEVEL)), notes);
  }

  private static String f(String fmt, Object... args) {
    return MatrixVariantReport.f(fmt, args);
  }
}
