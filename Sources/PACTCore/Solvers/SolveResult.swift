/// How a solve ended.
public enum SolveStatus: Equatable, Sendable {
  /// A feasible plan was found (for the exact solver: the proven optimum).
  case solved
  /// No feasible plan exists (for PACT: none in its graph); see ``SolveResult/infeasibility``.
  case infeasible
  /// The caller cancelled.
  case cancelled
  /// A time or memory budget ran out. A plan may still be attached (the best found so
  /// far), but it is not proven optimal.
  case budgetExceeded(SolveBudget)
  /// The solver declined the instance (too large for it).
  case refused(SolveRefusal)
}

/// The budget a solve ran out of, with its size.
public enum SolveBudget: Equatable, Sendable, CustomStringConvertible {
  /// Wall-clock seconds (the exact solver's `--time-budget`).
  case time(seconds: Double)
  /// Bytes of solver state (states, labels, bucket slots): `--memory-budget`.
  case memory(bytes: Int)

  public var description: String {
    switch self {
    case .time(let seconds):
      return "the time budget of \(Format.seconds(seconds)) ran out"
    case .memory(let bytes):
      return "the memory budget of \(Format.bytes(bytes)) would be passed; "
        + "give a larger --memory-budget or coarser knobs (lossBins, timeBins, bucketStates)"
    }
  }
}

/// Why a solver declined an instance.
public enum SolveRefusal: Equatable, Sendable, CustomStringConvertible {
  /// The exact solver enumerates 2^N node sets per epoch.
  case tooManyNodes(nodes: Int, limit: Int)

  public var description: String {
    switch self {
    case .tooManyNodes(let nodes, let limit):
      return
        "the exact solver handles at most \(limit) nodes (2^\(limit) node sets per epoch); this scenario has \(nodes)"
    }
  }
}

extension SolveStatus: CustomStringConvertible {
  /// The status in a few words (`solved`, `over budget: the time budget of 1 s ran out`).
  public var description: String {
    switch self {
    case .solved: return "solved"
    case .infeasible: return "infeasible"
    case .cancelled: return "cancelled"
    case .budgetExceeded(let budget): return "over budget: \(budget)"
    case .refused(let refusal): return "refused: \(refusal)"
    }
  }
}

/// What a solve did, in numbers: the passes of the PACT dynamic program (the graph
/// each built), which pass produced the answer, and the candidate sets; for the exact
/// solver the labels it kept.
public struct SolveStatistics: Equatable, Sendable {
  /// One pass of the PACT dynamic program at one bucket grid.
  public struct Pass: Equatable, Sendable {
    public var lossBins: Int
    public var timeBins: Int
    public var bucketStates: Int
    /// Vertices its graph kept, over all layers.
    public var vertices: Int
    /// Edges it relaxed (successors computed).
    public var edgesRelaxed: Int
    /// Layers it built (epochs reached).
    public var layers: Int
    public var seconds: Double
  }

  /// PACT's passes, coarse to fine (empty for the exact solver).
  public var passes: [Pass] = []
  /// The pass (0-based) whose graph holds the answer (nil without one, or when the
  /// answer is the incumbent the solve was given).
  public var answerPass: Int?
  /// Candidate node sets over all epochs and levels (Pareto fronts).
  public var candidateSets = 0
  /// Seconds spent choosing candidate sets.
  public var candidateSeconds = 0.0
  /// Distinct sets of available nodes over the epochs.
  public var availabilityPatterns = 0
  /// Patterns whose candidates came from an earlier solve (``CandidateStore``).
  public var reusedPatterns = 0
  /// Seconds spent on the remaining-cost bounds (`CostToGo`'s backward table).
  public var boundSeconds = 0.0
  /// Loss buckets of the backward table (0 when it was skipped as too large).
  public var boundBuckets = 0
  /// Whether the passes' backward table is the proof's (over every set, enumerated;
  /// ``PACTSolver/sharesProofTable``) rather than one of their own over the candidates.
  public var boundFromProof = false
  /// Labels the exact solver kept (0 for PACT).
  public var labels = 0
  /// The most bytes of solver state held at once (states, labels, bucket slots).
  public var peakBytes = 0
  /// The proven lower bound on the optimum (``OptimumBound``; the optimum itself for the
  /// exact solver), nil when none was computed; infinity when no plan can be feasible.
  public var lowerBoundJoules: Double?
  /// Seconds spent proving the bound (relaxed decisions, backward and forward passes).
  public var lowerBoundSeconds = 0.0
  /// Optimistic states the relaxed forward passes kept.
  public var lowerBoundStates = 0
  /// Why the passes stopped before the last one, if they did.
  public var stoppedBy: StopReason?

  /// Why a PACT solve ended before its last pass.
  public enum StopReason: String, Equatable, Sendable {
    /// The plan was proven within gapTolerance of the optimum.
    case provenGap = "proven gap"
    /// The time budget ran out (the best plan so far is returned).
    case timeBudget = "time budget"
  }

  /// Empty statistics.
  public init() {}

  /// The pass at `knobs`' own grid (the last of the schedule), when it ran.
  public func ownPass(_ knobs: SolverKnobs) -> Pass? {
    passes.last {
      $0.lossBins == knobs.lossBins && $0.timeBins == knobs.timeBins && $0.bucketStates == knobs.bucketStates
    }
  }

  /// Vertices over all passes.
  public var totalVertices: Int { passes.reduce(0) { $0 + $1.vertices } }
  /// Edges relaxed over all passes.
  public var totalEdgesRelaxed: Int { passes.reduce(0) { $0 + $1.edgesRelaxed } }

  /// The figures in one paragraph: each pass's graph, the pass that gave the answer,
  /// the totals, candidates and memory (what `pact solve --stats` prints).
  public var summary: String {
    var parts: [String] = []
    if !passes.isEmpty {
      let list = passes.enumerated().map { i, p in
        "\(i + 1). L\(p.lossBins)×T\(p.timeBins)×P\(p.bucketStates): \(p.vertices) vertices, \(p.edgesRelaxed) edges, \(p.layers) layers, \(Format.seconds(p.seconds))"
          + (answerPass == i ? " (the answer)" : "")
      }
      parts.append("passes: " + list.joined(separator: "; "))
      parts.append("all passes: \(totalVertices) vertices, \(totalEdgesRelaxed) edges relaxed")
      if answerPass == nil { parts.append("no pass improved on the incumbent") }
    }
    if labels > 0 { parts.append("labels kept: \(labels)") }
    parts.append(
      "candidate sets: \(candidateSets) over \(availabilityPatterns) availability pattern\(availabilityPatterns == 1 ? "" : "s") (\(Format.seconds(candidateSeconds))\(reusedPatterns > 0 ? ", \(reusedPatterns) reused from the last solve" : ""))"
    )
    parts.append(
      "remaining-cost bound: \(boundBuckets) loss buckets\(boundFromProof ? ", the proof's (over every set)" : "") (\(Format.seconds(boundSeconds)))"
    )
    if let lower = lowerBoundJoules {
      parts.append(
        "proven lower bound: \(lower.isFinite ? Format.joules(lower) : "no feasible plan exists") (\(Format.seconds(lowerBoundSeconds)), \(lowerBoundStates) optimistic states)"
      )
    }
    if let stoppedBy { parts.append("stopped early: \(stoppedBy.rawValue)") }
    parts.append("peak solver memory: \(Format.bytes(peakBytes))")
    return parts.joined(separator: "\n")
  }
}

/// What a solver returns: the plan with its exact evaluation, or why there is none.
public struct SolveResult: Sendable {
  public var status: SolveStatus
  /// The plan and its exact evaluation under docs/MODEL.md (never bucket values).
  public var evaluation: PlanEvaluation?
  /// Why no plan exists, in user terms, with the numbers (when infeasible).
  public var infeasibility: [InfeasibilityReason]
  /// Wall-clock seconds the solve took.
  public var solveSeconds: Double
  /// The time-expanded graph of the pass that produced the answer (the last pass when
  /// none did; nil for other solvers).
  public var graph: TimeExpandedGraph?
  /// Passes, graph sizes, candidates, labels, memory.
  public var statistics: SolveStatistics

  /// A result with its status, plan figures, reasons and statistics.
  public init(
    status: SolveStatus, evaluation: PlanEvaluation? = nil, infeasibility: [InfeasibilityReason] = [],
    solveSeconds: Double = 0, graph: TimeExpandedGraph? = nil, statistics: SolveStatistics = SolveStatistics()
  ) {
    self.status = status
    self.evaluation = evaluation
    self.infeasibility = infeasibility
    self.solveSeconds = solveSeconds
    self.graph = graph
    self.statistics = statistics
  }

  public var plan: Plan? { evaluation?.plan }

  /// The proven lower bound on the optimum (see ``SolveStatistics/lowerBoundJoules``).
  public var lowerBoundJoules: Double? { statistics.lowerBoundJoules }

  /// The plan JSON of docs/MODEL.md with the proven bound in its totals:
  /// `totals.lowerBoundJoules` and `totals.provenGap` (null when not known).
  public func planJSON(scenario: Scenario) -> JSONValue? {
    guard let evaluation, case .object(var members) = evaluation.json(scenario: scenario) else { return nil }
    if let i = members.firstIndex(where: { $0.key == "totals" }), case .object(var totals) = members[i].value {
      let lower = lowerBoundJoules.flatMap { $0.isFinite ? $0 : nil }
      totals.append(("lowerBoundJoules", lower.map { .number($0) } ?? .null))
      totals.append(("provenGap", provenGap.map { .number($0) } ?? .null))
      members[i].value = .object(totals)
    }
    return .object(members)
  }

  /// Whether this result's last pass ran at `knobs` themselves: a report of the last pass
  /// (``PACTSolver/onPass``), whose plan is final while its bound is still being proven.
  public func lastPassRan(at knobs: SolverKnobs) -> Bool {
    guard let p = statistics.passes.last else { return false }
    return p.lossBins == knobs.lossBins && p.timeBins == knobs.timeBins && p.bucketStates == knobs.bucketStates
  }

  /// The proven gap in words: "within 0.4 % of the optimum, proven", "proven optimal".
  public var provenGapSentence: String? {
    guard let g = provenGap else { return nil }
    return g < 5e-5
      ? "proven optimal (to 0.005 %)" : "within \(Format.percent(g, decimals: 2, signed: false)) of the optimum, proven"
  }

  /// joules ÷ lowerBoundJoules − 1: how far the plan may be from the optimum, proven
  /// (0 for the exact optimum; nil without a plan or a positive bound).
  public var provenGap: Double? { SolveResult.provenGap(joules: evaluation?.totalJoules, lowerBound: lowerBoundJoules) }

  /// joules ÷ lowerBound − 1 (at least 0), nil without a plan or a positive, finite bound:
  /// the one definition every table, JSON and view reads.
  public static func provenGap(joules: Double?, lowerBound: Double?) -> Double? {
    guard let joules, let lower = lowerBound, lower > 0, lower.isFinite else { return nil }
    return max(0, joules / lower - 1)
  }
  public var joules: Double? { evaluation?.totalJoules }
}
