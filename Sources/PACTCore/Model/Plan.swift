/// One epoch's decision: which nodes train and at which pruning level.
public struct EpochDecision: Equatable, Hashable, Sendable {
  /// Indices into `Scenario.nodes`, ascending.
  public var nodes: [Int]
  /// Index into `ModelSpec.pruningLevels`.
  public var level: Int

  /// Train `nodes` (indices into the scenario's nodes) at pruning level `level`.
  public init(nodes: [Int], level: Int) {
    self.nodes = nodes.sorted()
    self.level = level
  }
}

/// A training plan: the decisions of epochs 1…m (m ≤ K).
public struct Plan: Equatable, Hashable, Sendable {
  public var epochs: [EpochDecision]

  /// A plan of these epochs, in order.
  public init(epochs: [EpochDecision]) { self.epochs = epochs }

  public var isEmpty: Bool { epochs.isEmpty }
}

/// The exact figures of one epoch of a plan (docs/MODEL.md formulas).
public struct EpochOutcome: Equatable, Sendable {
  public var epoch: Int
  public var nodes: [Int]
  public var level: Int
  public var remaining: Double
  public var seconds: Double
  public var joules: Double
  /// Predicted loss after this epoch.
  public var loss: Double
  /// u and δ of the epoch's set.
  public var meanSteps: Double
  public var skew: Double
}

/// A plan evaluated exactly: per-epoch figures, totals and feasibility.
public struct PlanEvaluation: Equatable, Sendable {
  public var plan: Plan
  public var epochs: [EpochOutcome]
  public var totalJoules: Double
  public var totalSeconds: Double
  /// Loss after the last epoch (initialLoss for an empty plan).
  public var finalLoss: Double
  /// Why the plan is not feasible; empty when it is.
  public var violations: [String]

  public var isFeasible: Bool { violations.isEmpty }
}

extension PlanEvaluation {
  /// What an infeasible plan misses, in two words or so (`missed target, missed
  /// deadline`), for tables and chart labels; nil for a feasible plan.
  public var missedGoals: String? {
    guard !isFeasible else { return nil }
    var out: [String] = []
    for v in violations {
      if v.contains("target") && !out.contains("missed target") { out.append("missed target") }
      if v.contains("deadline") && !out.contains("missed deadline") { out.append("missed deadline") }
      if v.contains("deployRemaining") && !out.contains("not deployable") { out.append("not deployable") }
    }
    return out.isEmpty ? (violations.first ?? "infeasible") : out.joined(separator: ", ")
  }
}
