import PACTCore

/// `--against FILE`: another scenario (the "before" of a what-if) planned by PACT, to show
/// beside this one — its plan, its label in legends and the difference in words.
struct Against {
  /// The option every command that takes it declares.
  static let option = OptionSpec.value(
    "against", "FILE",
    """
    another scenario (the "before" of a what-if): PACT's plan there drawn
    beside this one (faded, dashed) and the difference in words
    """)

  let label: String
  let scenario: Scenario
  let evaluation: PlanEvaluation?
  /// ``PlanDifference/words``: this scenario's plan against the other's.
  let words: String

  /// Loads `path` and plans it with `overrides` of its knobs; `now` is this scenario's PACT plan.
  init(path: String, overrides: [String: Int], now: PlanEvaluation?, in scenario: Scenario, cancel: CancellationToken)
    throws(InputError)
  {
    self.init(
      other: try loadScenario(path), label: Against.label(path), overrides: overrides, now: now, in: scenario,
      cancel: cancel)
  }

  /// `other` (loaded already, named `label`) planned with `overrides` of its knobs.
  init(
    other: Scenario, label: String, overrides: [String: Int], now: PlanEvaluation?, in scenario: Scenario,
    cancel: CancellationToken
  ) {
    self.label = label
    self.scenario = other
    evaluation = PACTSolver(scenario: other, knobs: other.solver.applying(overrides)).solve(cancel: cancel).evaluation
    words = PlanDifference(now: now, in: scenario, pinned: evaluation, in: other).words
  }

  /// The name legends give the file at `path`: its last component.
  static func label(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
