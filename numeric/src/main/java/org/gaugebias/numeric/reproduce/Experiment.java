package org.gaugebias.numeric.reproduce;

import java.util.List;
import java.util.Map;

/**
 * One of the paper's experiments (THEORY.md §7) as a Java model: its data is generated in code
 * from the stated settings, its arms run with hand-written gradients, and it states every choice
 * where the paper is unspecific.
 */
public interface Experiment {
  /** Command-line name ("relu-balance"). */
  String name();

  /** One line: the model and the data. */
  String title();

  /** Steps of the published run (scaled by {@code --steps-scale}). */
  long publishedSteps();

  /** The settings, each choice made where the paper is unspecific marked "choice:". */
  List<String> choices();

  /**
   * The catalogue design (a file name in {@code designs/}) whose parameterisation this experiment
   * trains, possibly at another size, and how it relates; the command derives it with the engine
   * and the report prints the derived law beside the simulation. Empty: no such design.
   */
  default java.util.Optional<CatalogueLink> catalogueDesign() {
    return java.util.Optional.empty();
  }

  /** A catalogue design and what it shares with the experiment ({@code "one unit of 16"}). */
  record CatalogueLink(String file, String relation) { }

  /** The arms, the published one first. */
  List<Arm> arms();

  /** The published numbers and where our values come from. */
  List<Published> published();

  /** The outcome the attribution is about, and the test of "an arm reproduces it", in words. */
  String criterion();

  /** Whether one arm's seed means (metric → mean) show the outcome. */
  boolean reproduces(Map<String, Double> means);

  /**
   * Runs one arm for one replica.
   *
   * @param armIndex index of {@code arm} in {@link #arms()} (selects its stream family)
   * @param steps steps to run
   */
  ArmResult run(Arm arm, int armIndex, int replica, long rootSeed, long steps,
      StepControl control);

  /** Experiment-specific findings from the finished runs (e.g. which scaling matches). */
  default List<String> findings(ExperimentReport report) {
    return List.of();
  }

  /** The experiments of issue 10 in report order. */
  static List<Experiment> all() {
    return List.of(new ReluBalance(), new AttentionBalance(), new MatrixCompletion(),
        new SpectralSparsity(), new TotalVariation());
  }

  /** The experiment called {@code name}. */
  static Experiment named(String name) {
    for (Experiment e : all()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown experiment '" + name + "' (expected one of "
        + String.join(", ", all().stream().map(Experiment::name).toList()) + " or all)");
  }
}
