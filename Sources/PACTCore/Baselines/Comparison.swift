import Foundation

/// PACT, the optimum and every baseline on one scenario, side by side.
///
/// ``run(_:options:cancel:progress:)`` solves the scenario with ``PACTSolver``, with
/// ``ExactSolver`` when asked or when the scenario is small (see
/// ``Options/exact``), and runs every policy of ``Baselines``. Every row's
/// figures come from ``PlanEvaluator``, so they are comparable to the last digit.
/// The gap of a feasible row is (joules − optimum) ÷ optimum, when the optimum is
/// known.
public struct Comparison: Sendable {
  /// Which kind of method a row is.
  public enum MethodKind: String, Sendable {
    case pact, exact, baseline
  }

  /// One method's outcome.
  public struct Row: Sendable {
    /// `pact`, `exact`, or the baseline's name.
    public var method: String
    public var kind: MethodKind
    /// The decision rule in one line.
    public var rule: String
    /// The plan's exact figures; nil when the method produced no plan.
    public var evaluation: PlanEvaluation?
    /// `solved`, `infeasible`, or why the method did not finish (`over budget: …`).
    public var status: String
    public var solveSeconds: Double
    /// (joules − optimum) ÷ optimum for a feasible row when the optimum is known.
    public var gap: Double?
    /// Why a run stopped early, then the violations of an infeasible plan.
    public var notes: [String]
    /// PACT's proven lower bound on the optimum (the optimum itself for the exact row).
    public var lowerBoundJoules: Double? = nil

    /// joules ÷ lowerBoundJoules − 1 for a feasible row with a bound.
    public var provenGap: Double? {
      isFeasible ? SolveResult.provenGap(joules: joules, lowerBound: lowerBoundJoules) : nil
    }

    public var joules: Double? { evaluation?.totalJoules }
    public var seconds: Double? { evaluation?.totalSeconds }
    public var finalLoss: Double? { evaluation?.finalLoss }
    public var isFeasible: Bool { evaluation?.isFeasible ?? false }
  }

  /// When to run the exact solver.
  public enum ExactMode: Sendable, Equatable {
    /// Never.
    case never
    /// Only when the scenario has at most `autoExactMaxNodes` nodes.
    case automatic
    /// Always (it still refuses more than 14 nodes).
    case always
  }

  /// How to compare.
  public struct Options: Sendable {
    public var exact: ExactMode
    /// Time budget of the exact solver, seconds.
    public var exactBudgetSeconds: Double
    /// Largest node count for which ``ExactMode/automatic`` runs the exact solver.
    public var autoExactMaxNodes: Int
    /// PACT's knobs (nil: the scenario's).
    public var knobs: SolverKnobs?
    /// Seed of the random baseline.
    public var seed: UInt64

    /// Options of a comparison: the exact solver, its budget, the baselines' seed.
    public init(
      exact: ExactMode = .automatic, exactBudgetSeconds: Double = 30, autoExactMaxNodes: Int = 10,
      knobs: SolverKnobs? = nil, seed: UInt64 = 1
    ) {
      self.exact = exact
      self.exactBudgetSeconds = exactBudgetSeconds
      self.autoExactMaxNodes = autoExactMaxNodes
      self.knobs = knobs
      self.seed = seed
    }
  }

  /// The scenario's name.
  public var scenario: String
  /// PACT first, then the exact solver when it ran, then the baselines.
  public var rows: [Row]
  /// The proven optimum's energy, when the exact solver finished with a plan.
  public var optimumJoules: Double?

  /// The row of `method`, if any.
  public func row(_ method: String) -> Row? { rows.first { $0.method == method } }

  /// Feasible baselines that spend less energy than PACT (or all feasible ones
  /// when PACT has no feasible plan): each is a finding to report, never to hide.
  public var baselinesBeatingPACT: [Row] {
    let pact = row("pact").flatMap { $0.isFeasible ? $0.joules : nil } ?? .infinity
    return rows.filter { $0.kind == .baseline && $0.isFeasible && ($0.joules ?? .infinity) < pact }
  }

  /// Solves and runs everything (see the type's documentation).
  public static func run(
    _ scenario: Scenario, options: Options = Options(), cancel: CancellationToken? = nil,
    progress: WorkProgress? = nil
  ) -> Comparison {
    var rows: [Row] = []
    let total = 2 + Baselines.all().count
    progress?.update(task: "comparing: pact", done: 0, total: total)
    let pact = PACTSolver(scenario: scenario, knobs: options.knobs).solve(cancel: cancel)
    rows.append(
      Row(
        method: "pact", kind: .pact, rule: "approximate DP over the time-expanded graph", evaluation: pact.evaluation,
        status: describe(pact.status), solveSeconds: pact.solveSeconds, gap: nil,
        notes: pact.evaluation.map { $0.violations } ?? pact.infeasibility.map(\.description),
        lowerBoundJoules: pact.lowerBoundJoules))

    var optimum: Double? = nil
    let runExact: Bool
    switch options.exact {
    case .never: runExact = false
    case .automatic: runExact = scenario.nodes.count <= options.autoExactMaxNodes
    case .always: runExact = true
    }
    if runExact {
      progress?.update(task: "comparing: exact", done: 1)
      let incumbent = pact.evaluation.flatMap { $0.isFeasible ? $0 : nil }
      let exact = ExactSolver(scenario: scenario, timeBudgetSeconds: options.exactBudgetSeconds)
        .solve(cancel: cancel, incumbent: incumbent)
      let proven = exact.status == .solved
      let exactEvaluation = proven ? exact.evaluation : nil
      if let e = exactEvaluation, e.isFeasible {
        optimum = e.totalJoules
        // The optimum is the bound: every row's proven gap is then its gap.
        rows[0].lowerBoundJoules = e.totalJoules
      }
      var notes = exact.infeasibility.map(\.description)
      if !proven, let best = exact.evaluation {
        notes.append("best plan found before stopping: \(Format.joules(best.totalJoules)) (not proven optimal)")
      }
      rows.append(
        Row(
          method: "exact", kind: .exact, rule: "label setting over every node subset (proven optimum)",
          evaluation: exactEvaluation, status: describe(exact.status), solveSeconds: exact.solveSeconds, gap: nil,
          notes: notes))
    }

    for (i, policy) in Baselines.all(seed: options.seed).enumerated() {
      if cancel?.isCancelled == true { break }
      progress?.update(task: "comparing: \(policy.name)", done: 2 + i)
      let result = policy.run(on: scenario, cancel: cancel)
      rows.append(
        Row(
          method: result.method, kind: .baseline, rule: result.rule, evaluation: result.evaluation,
          status: result.isFeasible ? "solved" : "infeasible", solveSeconds: result.solveSeconds, gap: nil,
          notes: result.notes + result.evaluation.violations))
    }
    if let optimum, optimum > 0 {
      for i in rows.indices where rows[i].isFeasible {
        rows[i].gap = Statistics.relativeGap(rows[i].joules ?? optimum, to: optimum)
      }
    }
    return Comparison(scenario: scenario.name, rows: rows, optimumJoules: optimum)
  }

  /// A solve status in a few words (``SolveStatus/description``).
  public static func describe(_ status: SolveStatus) -> String { status.description }
}
