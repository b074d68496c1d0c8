import Foundation

/// PACT across values of one approximation knob: energy, closeness to the
/// optimum, graph size and solve time at each value.
///
/// Values are swept from coarse to fine (every knob of ``SolverKnobs`` refines as it
/// grows, but gapTolerance, which refines as it shrinks), and a finer value refines from the coarser one: its answer is the better of
/// its own solve and the plan of the value before. So a finer value is never worse —
/// by construction — and a point says when its plan is the coarser value's
/// (``Point/planFrom``). Solve time and graph size are those of the value's own solve,
/// the median of `repeats` runs.
///
/// **Each value is solved at its own grid.** A solve's coarse passes hand the last pass
/// an incumbent, and their early stop (gapTolerance) may end the solve before the knob's
/// own grid: a finer value could then show a *smaller* graph than a coarser one (its
/// better incumbent pruned more, or its own pass never ran). A sweep therefore solves
/// each value in one pass at its own grid (no coarse passes, no early stop), and reports
/// that pass's graph (``Point/vertices``, the same as all passes' here,
/// ``Point/allPassVertices``) and time. Sweeping gapTolerance is about the pass
/// schedule itself, so it keeps the passes.
///
/// The gap of a point is (joules − reference) ÷ reference, where the reference is the
/// exact optimum when ``ExactSolver`` can run, otherwise PACT's energy at the finest
/// swept value. Gaps below 1e-9 are 0.
public struct KnobSweep: Sendable {
  /// PACT at one knob value.
  public struct Point: Sendable {
    public var value: Int
    /// Energy of PACT's plan (nil when it found none).
    public var joules: Double?
    public var isFeasible: Bool
    /// (joules − reference) ÷ reference.
    public var gap: Double?
    /// Vertices of the graph of the pass at this value's own grid (0 when it did not run).
    public var vertices: Int
    /// Vertices of every pass's graph together (coarse passes included).
    public var allPassVertices: Int = 0
    /// Median solve time over the runs, seconds.
    public var solveSeconds: Double
    /// Every run's solve time, seconds.
    public var runSeconds: [Double]
    /// ``Comparison/describe(_:)`` of the solve status.
    public var status: String
    /// The knob value whose solve produced the plan: this one, or a coarser one whose
    /// plan this value's own solve did not beat.
    public var planFrom: Int
    /// The plan (nil when there is none).
    public var evaluation: PlanEvaluation?
    /// The proven lower bound on the optimum from this value's solve.
    public var lowerBoundJoules: Double? = nil
    /// joules ÷ lowerBoundJoules − 1: the gap this value proves by itself, exact solver or not.
    public var provenGap: Double? {
      isFeasible ? SolveResult.provenGap(joules: joules, lowerBound: lowerBoundJoules) : nil
    }
  }

  /// What the gap is measured against.
  public enum Reference: Sendable, Equatable {
    /// The exact optimum.
    case optimum(joules: Double)
    /// PACT at the finest swept value (the exact solver could not run or finish).
    case finest(value: Int, joules: Double)
    /// Nothing: no feasible plan to compare to.
    case none

    public var joules: Double? {
      switch self {
      case .optimum(let j): return j
      case .finest(_, let j): return j
      case .none: return nil
      }
    }

    /// `the optimum` or `PACT at lossBins = 256`.
    public func describe(knob: String) -> String {
      switch self {
      case .optimum: return "the optimum"
      case .finest(let v, _): return "PACT at \(knob) = \(v)"
      case .none: return "nothing (no feasible plan)"
      }
    }
  }

  /// A wrong knob name or value.
  public struct SweepError: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  public var scenario: String
  public var knob: String
  public var points: [Point]
  public var reference: Reference
  /// Why the exact solver gave no reference, when it did not.
  public var referenceNote: String?

  /// Sweeps `knob` over `values` (the other knobs stay at `base`, default the scenario's).
  ///
  /// - Parameters:
  ///   - exact: whether to try the exact solver for the reference (it refuses > 14 nodes).
  ///   - exactBudgetSeconds: its time budget.
  ///   - repeats: solves per value; the median time is reported.
  /// - Throws: ``SweepError`` for an unknown knob or a value outside its range.
  public static func run(
    _ scenario: Scenario, knob: String, values: [Int], base: SolverKnobs? = nil, exact: Bool = true,
    exactBudgetSeconds: Double = 30, repeats: Int = 3, cancel: CancellationToken? = nil,
    progress: WorkProgress? = nil, onPoint: ((Point, Int) -> Void)? = nil
  ) throws(SweepError) -> KnobSweep {
    guard let spec = SolverKnobs.knob(named: knob) else {
      let names = SolverKnobs.table.map(\.name).joined(separator: ", ")
      throw SweepError(description: "unknown knob \"\(knob)\" (knobs: \(names))")
    }
    guard !values.isEmpty else { throw SweepError(description: "no values to sweep") }
    for v in values where !spec.range.contains(v) {
      throw SweepError(
        description: "\(knob) must be between \(spec.range.lowerBound) and \(spec.range.upperBound), not \(v)")
    }
    var points: [Point] = []
    var bestFeasible: PlanEvaluation? = nil
    // Coarse to fine: each value refines from the best plan of the coarser ones.
    var carried: (value: Int, evaluation: PlanEvaluation)? = nil
    let ordered = spec.refinesDownward ? Array(Set(values)).sorted(by: >) : Array(Set(values)).sorted()
    for (i, value) in ordered.enumerated() {
      if cancel?.isCancelled == true { break }
      progress?.update(task: "sweeping \(knob)", done: i, total: ordered.count)
      var knobs = base ?? scenario.solver
      knobs[knob] = value
      let ownGridOnly = spec.id != .gapTolerance
      if ownGridOnly { knobs.gapTolerance = 0 }
      var times: [Double] = []
      var last: SolveResult? = nil
      for _ in 0..<max(1, repeats) {
        var solver = PACTSolver(scenario: scenario, knobs: knobs)
        // One pass at the value's own grid, no coarse passes handing it an incumbent: the
        // graph and the time are that grid's, so a finer value shows the larger graph.
        if ownGridOnly { solver.warmStart = false }
        let result = solver.solve(cancel: cancel)
        times.append(result.solveSeconds)
        last = result
      }
      let result = last ?? SolveResult(status: .cancelled)
      var evaluation = result.evaluation.flatMap { $0.isFeasible ? $0 : nil }
      var planFrom = value
      if let c = carried, c.evaluation.totalJoules < (evaluation?.totalJoules ?? .infinity) {
        evaluation = c.evaluation
        planFrom = c.value
      }
      if let e = evaluation, e.totalJoules < (carried?.evaluation.totalJoules ?? .infinity) { carried = (value, e) }
      if let e = evaluation, e.totalJoules < (bestFeasible?.totalJoules ?? .infinity) { bestFeasible = e }
      points.append(
        Point(
          value: value, joules: evaluation?.totalJoules ?? result.evaluation?.totalJoules,
          isFeasible: evaluation != nil, gap: nil, vertices: result.statistics.ownPass(knobs)?.vertices ?? 0,
          allPassVertices: result.statistics.totalVertices,
          solveSeconds: median(times), runSeconds: times,
          status: evaluation != nil ? "solved" : Comparison.describe(result.status), planFrom: planFrom,
          evaluation: evaluation ?? result.evaluation, lowerBoundJoules: result.lowerBoundJoules))
      if let onPoint, let last = points.last { onPoint(last, ordered.count) }
    }

    var reference = Reference.none
    var note: String? = nil
    if exact {
      progress?.update(task: "exact optimum", done: 0, total: 0)
      // PACT's best plan is the incumbent: the exact solver returns it when nothing is cheaper.
      let exactResult = ExactSolver(scenario: scenario, timeBudgetSeconds: exactBudgetSeconds).solve(
        cancel: cancel, incumbent: bestFeasible)
      if exactResult.status == .solved, let e = exactResult.evaluation, e.isFeasible {
        reference = .optimum(joules: e.totalJoules)
      } else {
        note = "exact solver: \(Comparison.describe(exactResult.status))"
      }
    } else {
      note = "exact solver not run"
    }
    if reference == .none, let finest = points.filter(\.isFeasible).last,
      let j = finest.joules
    {
      reference = .finest(value: finest.value, joules: j)
    }
    if let r = reference.joules, r > 0 {
      for i in points.indices where points[i].isFeasible {
        let gap = ((points[i].joules ?? r) - r) / r
        points[i].gap = abs(gap) < 1e-9 ? 0 : gap
      }
    }
    return KnobSweep(scenario: scenario.name, knob: knob, points: points, reference: reference, referenceNote: note)
  }

  /// The median of `xs` (0 when empty).
  static func median(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : Statistics.median(xs) }
}
