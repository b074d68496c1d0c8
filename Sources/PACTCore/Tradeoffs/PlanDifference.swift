/// A plan against a pinned one ("before and after"), in words a speaker reads out:
/// `deadline 143 s vs 200 s: +62 J (+5.3 %), 16 vs 22 epochs`. The first part says what
/// differs between the two scenarios (the goals first, then any other value, then how
/// many more), the rest what it costs.
public struct PlanDifference: Equatable, Sendable {
  /// What differs between the scenarios (`deadline 143 s vs 200 s`, `nodes[h-oslo].watts
  /// 350 → 200`, `same scenario`).
  public var edit: String
  /// Energy now minus pinned (nil when either has no feasible plan).
  public var joulesDelta: Double?
  /// Energy now ÷ pinned − 1.
  public var relativeEnergy: Double?
  /// Epochs now and pinned (nil without a plan).
  public var epochs: (now: Int, pinned: Int)?
  /// Whether each side has a feasible plan.
  public var feasible: (now: Bool, pinned: Bool)

  public static func == (a: PlanDifference, b: PlanDifference) -> Bool {
    a.edit == b.edit && a.joulesDelta == b.joulesDelta && a.relativeEnergy == b.relativeEnergy
      && a.epochs?.now == b.epochs?.now && a.epochs?.pinned == b.epochs?.pinned && a.feasible == b.feasible
  }

  /// `now` (a plan's evaluation in `scenario`, or nil) against `pinned` (likewise).
  public init(
    now: PlanEvaluation?, in scenario: Scenario, pinned: PlanEvaluation?, in pinnedScenario: Scenario
  ) {
    edit = PlanDifference.edit(from: pinnedScenario, to: scenario)
    feasible = (now?.isFeasible ?? false, pinned?.isFeasible ?? false)
    if let a = now, let b = pinned, a.isFeasible, b.isFeasible {
      joulesDelta = a.totalJoules - b.totalJoules
      relativeEnergy = b.totalJoules > 0 ? a.totalJoules / b.totalJoules - 1 : nil
      epochs = (a.epochs.count, b.epochs.count)
    }
  }

  /// The whole line: `deadline 143 s vs 200 s: +62 J (+5.3 %), 16 vs 22 epochs`.
  public var words: String {
    var cost: String
    if let d = joulesDelta {
      cost = (d >= 0 ? "+" : "-") + Format.joules(abs(d))
      if let r = relativeEnergy { cost += " (\(Format.percent(r, decimals: 1)))" }
      if let e = epochs { cost += ", \(e.now) vs \(e.pinned) epochs" }
    } else {
      switch feasible {
      case (false, true): cost = "no plan now (the pinned one has one)"
      case (true, false): cost = "a plan now (the pinned one has none)"
      default: cost = "no plan either way"
      }
    }
    return "\(edit): \(cost)"
  }

  /// What differs from `pinned` to `now`: the goals that differ first (`deadline 143 s vs
  /// 200 s`), else the first other value, with how many more.
  static func edit(from pinned: Scenario, to now: Scenario) -> String {
    var parts: [String] = []
    for goal in GoalParameter.allCases {
      let (a, b) = (goal.value(in: now), goal.value(in: pinned))
      if a != b { parts.append("\(goal.label) \(goal.format(a)) vs \(goal.format(b))") }
    }
    let goalPaths = Set(GoalParameter.allCases.map(\.path))
    let others = now.differences(from: pinned).filter { line in
      !goalPaths.contains { line.hasPrefix($0 + " ") } && !line.hasPrefix("name ")
    }
    var rest = others.count
    if parts.isEmpty, let first = others.first {
      parts.append(first)
      rest -= 1
    }
    if parts.isEmpty { return "same scenario" }
    return parts.joined(separator: ", ") + (rest > 0 ? " (+\(rest) other change\(rest == 1 ? "" : "s"))" : "")
  }
}
