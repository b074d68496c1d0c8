import Foundation

/// The measurements behind `pact bench`: solver quality against the optimum,
/// solve times, and how time and memory grow with size.
public enum Benchmarks {
  /// Median of a non-empty array (``Statistics/median(_:)``).
  public static func median(_ xs: [Double]) -> Double { Statistics.median(xs) }

  /// Seconds of wall-clock time of `body`.
  public static func time(_ body: () -> Void) -> Double {
    let start = ContinuousClock.now
    body()
    return (ContinuousClock.now - start).seconds
  }

  /// Median seconds over `runs` runs of `body`.
  public static func medianTime(runs: Int, _ body: () -> Void) -> Double {
    median((0..<runs).map { _ in time(body) })
  }

  /// CPU model and core count, from /proc/cpuinfo.
  public static func machine() -> String {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var model = "unknown CPU"
    if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
      let colon = line.firstIndex(of: ":")
    {
      model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let memory = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
    return "\(model), \(cores) cores, \(Int(memory.rounded())) GiB"
  }

  /// Peak resident memory of this process so far, in MiB (VmHWM).
  public static func peakResidentMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return .nan }
    let kb = Double(line.split(separator: " ").dropFirst().first ?? "") ?? .nan
    return kb / 1024
  }

  /// The shapes (nodes, epochs, levels) of the gap suite.
  public static let gapShapes: [(nodes: Int, epochs: Int, levels: Int)] = [(5, 8, 3), (7, 10, 4), (10, 12, 5)]

  /// One shape's comparison of PACT with the exact optimum.
  public struct GapSummary: Sendable {
    public var shape: String
    public var scenarios: Int
    /// Gaps (pact − optimum) ÷ optimum where both found a plan.
    public var gaps: [Double]
    public var bothInfeasible = 0
    /// Instances where the optimum exists but PACT found no plan.
    public var pactMissed = 0
    /// PACT plans that fail exact evaluation (must be 0).
    public var pactInfeasiblePlans = 0
    /// Instances the exact solver did not finish (over its budget).
    public var exactUnfinished = 0
    public var pactSeconds: [Double] = []
    public var exactSeconds: [Double] = []
    /// Seeds of the worst gaps, worst first.
    public var worstSeeds: [(seed: UInt64, gap: Double)] = []
    /// PACT's proven gaps (joules ÷ lower bound − 1) where it found a plan.
    public var provenGaps: [Double] = []
    /// Instances whose proven lower bound is above the exact optimum (must be 0), and
    /// infeasible-for-the-optimum instances PACT's bound did not contradict.
    public var boundViolations = 0
    /// Seeds of the worst proven gaps, worst first.
    public var worstProvenSeeds: [(seed: UInt64, gap: Double)] = []
    public var medianProvenGap: Double { Benchmarks.median(provenGaps) }

    public var medianGap: Double { Benchmarks.median(gaps) }
    public var worstGap: Double { gaps.max() ?? .nan }
    public var exactMatches: Int { gaps.filter { $0 < 1e-9 }.count }
  }

  /// PACT at its default knobs (with `overrides`) against the exact optimum on `count`
  /// generated scenarios of each shape, seeds `firstSeed`, `firstSeed + 1`, ….
  public static func gapSummary(
    shape: (nodes: Int, epochs: Int, levels: Int), count: Int, firstSeed: UInt64 = 1, runs: Int = 1,
    knobs overrides: [String: Int] = [:], exactBudgetSeconds: Double = 120, hard: Bool = false
  ) -> GapSummary {
    var summary = GapSummary(
      shape: "\(shape.nodes) × \(shape.epochs) × \(shape.levels)\(hard ? " hard" : "")", scenarios: count, gaps: [])
    let generator =
      hard
      ? ScenarioGenerator.hard(nodes: shape.nodes, epochs: shape.epochs, levels: shape.levels)
      : ScenarioGenerator(nodes: shape.nodes, epochs: shape.epochs, levels: shape.levels)
    var worstProven: [(seed: UInt64, gap: Double)] = []
    var worst: [(seed: UInt64, gap: Double)] = []
    // PACT_BENCH_EXACT_CACHE=DIR keeps each instance's optimum between runs (for solver work:
    // the optimum depends on the scenario only); the exact times are then not measured.
    let cache = ProcessInfo.processInfo.environment["PACT_BENCH_EXACT_CACHE"]
    for seed in firstSeed..<(firstSeed + UInt64(count)) {
      var scenario = generator.make(seed: seed)
      scenario.solver = scenario.solver.applying(overrides)
      var pact = PACTSolver(scenario: scenario).solve()
      summary.pactSeconds.append(medianTime(runs: runs) { pact = PACTSolver(scenario: scenario).solve() })
      var exact = SolveResult(status: .cancelled)
      let cacheFile = cache.map {
        "\($0)/exact-\(hard ? "hard-" : "")\(shape.nodes)x\(shape.epochs)x\(shape.levels)-\(seed).json"
      }
      if let cacheFile, let bytes = try? InputFile.read(cacheFile), let json = try? JSONParser.parse(bytes),
        let plan = try? Plan.decode(json, scenario: scenario)
      {
        let evaluation = PlanEvaluator(scenario: scenario).evaluate(plan)
        exact = SolveResult(status: plan.isEmpty ? .infeasible : .solved, evaluation: plan.isEmpty ? nil : evaluation)
      } else {
        summary.exactSeconds.append(
          time { exact = ExactSolver(scenario: scenario, timeBudgetSeconds: exactBudgetSeconds).solve() })
        if let cacheFile, exact.status == .solved || exact.status == .infeasible {
          let json = exact.evaluation?.json(scenario: scenario) ?? .object([("epochs", .array([]))])
          try? JSONWriter.write(json).write(toFile: cacheFile, atomically: true, encoding: .utf8)
        }
      }
      if let e = pact.evaluation, !e.isFeasible { summary.pactInfeasiblePlans += 1 }
      if let g = pact.provenGap {
        summary.provenGaps.append(g)
        worstProven.append((seed, g))
      }
      if let lower = pact.lowerBoundJoules {
        if exact.status == .solved, let x = exact.evaluation, lower > x.totalJoules * (1 + 1e-9) {
          summary.boundViolations += 1
          if let dir = ProcessInfo.processInfo.environment["PACT_BENCH_DUMP"] {
            try? JSONWriter.write(scenario.json()).write(
              toFile: "\(dir)/bound-\(shape.nodes)x\(shape.epochs)x\(shape.levels)-\(seed).json", atomically: true,
              encoding: .utf8)
          }
        }
      }
      guard exact.status == .solved || exact.status == .infeasible else {
        summary.exactUnfinished += 1
        continue
      }
      switch (pact.evaluation, exact.status == .solved ? exact.evaluation : nil) {
      case (let p?, let x?):
        let gap = max(0, p.totalJoules / x.totalJoules - 1)
        summary.gaps.append(gap)
        worst.append((seed, gap))
        if let dir = ProcessInfo.processInfo.environment["PACT_BENCH_DUMP"], gap > 1e-9 {
          try? JSONWriter.write(scenario.json()).write(
            toFile: "\(dir)/gap-\(shape.nodes)x\(shape.epochs)x\(shape.levels)-\(seed).json", atomically: true,
            encoding: .utf8)
        }
      case (nil, nil): summary.bothInfeasible += 1
      case (nil, _?): summary.pactMissed += 1
      case (_?, nil): break
      }
    }
    summary.worstSeeds = Array(worst.sorted { $0.gap > $1.gap }.prefix(5))
    summary.worstProvenSeeds = Array(worstProven.sorted { $0.gap > $1.gap }.prefix(5))
    return summary
  }

  /// PACT vs the exact optimum on `count` generated scenarios of each shape of
  /// ``gapShapes``, plus the speed ratio to the exact solver at 10 nodes × 20 epochs.
  public static func gap(
    count: Int, runs: Int, log: Bool, knobs overrides: [String: Int] = [:],
    shapes selected: [(nodes: Int, epochs: Int, levels: Int)] = gapShapes, speedRatio: Bool = true,
    firstSeed: UInt64 = 1, hard: Bool = false
  ) -> JSONValue {
    var shapes: [(key: String, value: JSONValue)] = []
    for shape in selected {
      let s = gapSummary(shape: shape, count: count, firstSeed: firstSeed, runs: runs, knobs: overrides, hard: hard)
      let sorted = s.gaps.sorted()
      shapes.append(
        (
          s.shape,
          .object([
            ("scenarios", .number(Double(count))),
            ("bothFeasible", .number(Double(s.gaps.count))),
            ("bothInfeasible", .number(Double(s.bothInfeasible))),
            ("pactMissedFeasible", .number(Double(s.pactMissed))),
            ("pactInfeasiblePlans", .number(Double(s.pactInfeasiblePlans))),
            ("exactUnfinished", .number(Double(s.exactUnfinished))),
            ("medianGap", .number(s.medianGap)),
            ("worstGap", .number(sorted.last ?? .nan)),
            ("exactMatches", .number(Double(s.exactMatches))),
            ("worstSeeds", .array(s.worstSeeds.map { .array([.number(Double($0.seed)), .number($0.gap)]) })),
            ("medianPactSeconds", .number(median(s.pactSeconds))),
            ("medianExactSeconds", .number(median(s.exactSeconds))),
            ("maxPactSeconds", .number(s.pactSeconds.max() ?? .nan)),
            ("medianProvenGap", .number(s.medianProvenGap)),
            ("worstProvenGap", .number(s.provenGaps.max() ?? .nan)),
            ("boundViolations", .number(Double(s.boundViolations))),
            (
              "worstProvenSeeds",
              .array(s.worstProvenSeeds.map { .array([.number(Double($0.seed)), .number($0.gap)]) })
            ),
          ])
        ))
      if log {
        print(
          """
          gap \(s.shape): \(count) scenarios: \(s.gaps.count) feasible, \(s.bothInfeasible) infeasible for both, \(s.pactMissed) where PACT found no plan but one exists, \(s.exactUnfinished) unfinished by the exact solver
            PACT vs optimum: median gap \(Format.percent(s.medianGap, decimals: 3)), worst \(Format.percent(sorted.last ?? .nan, decimals: 3)), \(s.exactMatches) exact matches; infeasible PACT plans: \(s.pactInfeasiblePlans)
            worst seeds: \(s.worstSeeds.map { "\($0.seed) (\(Format.percent($0.gap, decimals: 2)))" }.joined(separator: ", "))
            median solve: PACT \(Format.number(median(s.pactSeconds) * 1000)) ms (slowest \(Format.number((s.pactSeconds.max() ?? .nan) * 1000)) ms), exact \(Format.number(median(s.exactSeconds) * 1000)) ms
            proven gap: median \(Format.percent(s.medianProvenGap, decimals: 3)), worst \(Format.percent(s.provenGaps.max() ?? .nan, decimals: 3)) (seeds \(s.worstProvenSeeds.map { "\($0.seed)" }.joined(separator: ", "))); bounds above the optimum: \(s.boundViolations)
          """)
      }
    }
    // Speed ratio at 10 nodes: three instances long enough for the exact solver to work.
    var ratios: [Double] = []
    var pactTens: [Double] = []
    var exactTens: [Double] = []
    for seed in (speedRatio ? [7, 8, 9] : []) as [UInt64] {
      let ten = ScenarioGenerator(nodes: 10, epochs: 20, levels: 5).make(seed: seed)
      let p = medianTime(runs: runs) { _ = PACTSolver(scenario: ten).solve() }
      var exactResult: SolveResult? = nil
      let x = time { exactResult = ExactSolver(scenario: ten, timeBudgetSeconds: 600).solve() }
      guard exactResult?.status == .solved || exactResult?.status == .infeasible else { continue }
      pactTens.append(p)
      exactTens.append(x)
      ratios.append(x / p)
    }
    let pactTen = median(pactTens)
    let exactTen = median(exactTens)
    if log && speedRatio {
      print(
        "10 nodes × 20 epochs × 5 levels (3 instances): median PACT \(Format.number(pactTen * 1000)) ms, exact \(Format.number(exactTen * 1000)) ms — PACT \(ratios.map { Format.number($0, digits: 3) + "×" }.joined(separator: ", ")) faster (median \(Format.number(median(ratios), digits: 3))×)"
      )
    }
    return .object([
      ("shapes", .object(shapes)),
      ("pactSeconds10Nodes", .number(pactTen)),
      ("exactSeconds10Nodes", .number(exactTen)),
      ("speedRatios10Nodes", .array(ratios.map { .number($0) })),
      ("medianSpeedRatio10Nodes", .number(median(ratios))),
    ])
  }

  /// Median PACT solve times on the two reference sizes of the solver-core issue.
  public static func speed(runs: Int, log: Bool, knobs overrides: [String: Int] = [:]) -> JSONValue {
    var out: [(key: String, value: JSONValue)] = []
    for (nodes, epochs, levels) in [(20, 50, 5), (1000, 100, 10)] {
      var scenario = ScenarioGenerator(nodes: nodes, epochs: epochs, levels: levels).make(seed: 42)
      scenario.solver = scenario.solver.applying(overrides)
      var result: SolveResult? = nil
      let t = medianTime(runs: runs) { result = PACTSolver(scenario: scenario).solve() }
      let label = "\(nodes)x\(epochs)x\(levels)"
      out.append(
        (
          label,
          .object([
            ("medianSeconds", .number(t)), ("vertices", .number(Double(result?.graph?.vertexCount ?? 0))),
            ("feasible", .bool(result?.evaluation?.isFeasible ?? false)),
          ])
        ))
      if log, let statistics = result?.statistics { print("  " + statistics.summary) }
      if log {
        print(
          "speed: \(nodes) nodes × \(epochs) epochs × \(levels) levels: median \(Format.number(t * 1000)) ms over \(runs) runs (\(result?.graph?.vertexCount ?? 0) vertices, \(result?.evaluation.map { Format.joules($0.totalJoules) } ?? "infeasible"))"
        )
      }
    }
    return .object(out)
  }

  /// PACT time and memory across sizes, with least-squares exponents on log–log scales.
  public static func scale(runs: Int, log: Bool) -> JSONValue {
    func fitExponent(_ xs: [Double], _ ys: [Double]) -> Double {
      let lx = xs.map { Foundation.log($0) }
      let ly = ys.map { Foundation.log(max($0, 1e-9)) }
      let mx = lx.reduce(0, +) / Double(lx.count)
      let my = ly.reduce(0, +) / Double(ly.count)
      var num = 0.0
      var den = 0.0
      for i in lx.indices {
        num += (lx[i] - mx) * (ly[i] - my)
        den += (lx[i] - mx) * (lx[i] - mx)
      }
      return num / den
    }
    var rows: [JSONValue] = []
    var series: [(name: String, sizes: [Double], times: [Double], vertices: [Double])] = []
    for (name, shapes) in [
      ("nodes", [10, 100, 1000, 10000].map { ($0, 50, 5) }),
      ("epochs", [10, 50, 100, 500].map { (50, $0, 5) }),
    ] {
      var sizes: [Double] = []
      var times: [Double] = []
      var vertices: [Double] = []
      for (n, k, j) in shapes {
        let scenario = ScenarioGenerator(nodes: n, epochs: k, levels: j).make(seed: 3)
        var result: SolveResult? = nil
        let t = medianTime(runs: max(1, n >= 10000 ? 1 : runs)) { result = PACTSolver(scenario: scenario).solve() }
        let v = Double(result?.graph?.vertexCount ?? 0)
        let graphMiB = v * Double(MemoryLayout<TimeExpandedGraph.Vertex>.stride) / 1_048_576
        sizes.append(Double(name == "nodes" ? n : k))
        times.append(t)
        vertices.append(max(v, 1))
        rows.append(
          .object([
            ("nodes", .number(Double(n))), ("epochs", .number(Double(k))), ("levels", .number(Double(j))),
            ("medianSeconds", .number(t)), ("vertices", .number(v)), ("graphMiB", .number(graphMiB)),
            ("peakResidentMiB", .number(peakResidentMiB())),
          ]))
        if log {
          print(
            "scale: \(n) nodes × \(k) epochs × \(j) levels: \(Format.number(t * 1000)) ms, \(Int(v)) vertices (\(Format.number(graphMiB)) MiB of graph), peak RSS \(Format.number(peakResidentMiB())) MiB"
          )
        }
      }
      series.append((name, sizes, times, vertices))
    }
    var exponents: [(key: String, value: JSONValue)] = []
    for s in series {
      let te = fitExponent(s.sizes, s.times)
      let ve = fitExponent(s.sizes, s.vertices)
      exponents.append((s.name, .object([("time", .number(te)), ("vertices", .number(ve))])))
      if log {
        print(
          "scale: time grows as \(s.name)^\(Format.number(te, digits: 3)), graph vertices as \(s.name)^\(Format.number(ve, digits: 3))"
        )
      }
    }
    return .object([("rows", .array(rows)), ("exponents", .object(exponents))])
  }

  /// The cost of frontiers against one solve of the same scenario (ratios from one run):
  /// a 20-point deadline frontier (one search) and a 20-point target frontier (a solve
  /// per value, sharing candidates), on generated 20 × 50 × 5 and 200 × 50 × 5 scenarios.
  public static func frontier(runs: Int, log: Bool) -> JSONValue {
    var out: [(key: String, value: JSONValue)] = []
    for (nodes, epochs, levels) in [(20, 50, 5), (200, 50, 5)] {
      let scenario = ScenarioGenerator(nodes: nodes, epochs: epochs, levels: levels).make(seed: 42)
      // The range is fixed here, so the times measure the frontier itself.
      let t = scenario.training
      let deadline = Frontier.Options(points: 20, from: t.deadlineSeconds * 0.6, to: t.deadlineSeconds * 1.6)
      let target = Frontier.Options(
        points: 20, from: t.targetLoss * 0.9, to: t.targetLoss + (t.initialLoss - t.targetLoss) * 0.5)
      let solve = medianTime(runs: runs) { _ = PACTSolver(scenario: scenario).solve() }
      var feasible = (0, 0)
      let d = medianTime(runs: runs) {
        feasible.0 = Frontier.compute(scenario, vary: .deadline, options: deadline).points.filter(\.isFeasible).count
      }
      let g = medianTime(runs: runs) {
        feasible.1 = Frontier.compute(scenario, vary: .target, options: target).points.filter(\.isFeasible).count
      }
      let label = "\(nodes)x\(epochs)x\(levels)"
      out.append(
        (
          label,
          .object([
            ("solveSeconds", .number(solve)), ("deadlineFrontierSeconds", .number(d)),
            ("targetFrontierSeconds", .number(g)), ("deadlineRatio", .number(d / solve)),
            ("targetRatio", .number(g / solve)), ("deadlineFeasiblePoints", .number(Double(feasible.0))),
            ("targetFeasiblePoints", .number(Double(feasible.1))),
          ])
        ))
      if log {
        print(
          "frontier \(nodes) × \(epochs) × \(levels): one solve \(Format.number(solve * 1000)) ms; 20-point deadline frontier \(Format.number(d * 1000)) ms (\(Format.number(d / solve, digits: 3))×, \(feasible.0) feasible); 20-point target frontier \(Format.number(g * 1000)) ms (\(Format.number(g / solve, digits: 3))×, \(feasible.1) feasible)"
        )
      }
    }
    return .object(out)
  }
}
