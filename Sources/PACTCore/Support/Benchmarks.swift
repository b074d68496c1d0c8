import Foundation

/// The measurements behind `pact bench`: solver quality against the optimum,
/// solve times, and how time and memory grow with size.
public enum Benchmarks {
  /// Median of a non-empty array.
  public static func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
  }

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

  /// PACT vs the exact optimum on `count` generated small scenarios.
  public static func gap(count: Int, runs: Int, log: Bool, knobs overrides: [String: Int] = [:]) -> JSONValue {
    var gaps: [Double] = []
    var pactTimes: [Double] = []
    var exactTimes: [Double] = []
    var infeasibleBoth = 0
    var pactMissed = 0
    var pactInfeasiblePlans = 0
    var seed: UInt64 = 1
    var generator = ScenarioGenerator(nodes: 5, epochs: 8, levels: 3)
    generator.windowedFraction = 0.3
    while gaps.count + infeasibleBoth + pactMissed < count {
      var scenario = generator.make(seed: seed)
      scenario.solver = scenario.solver.applying(overrides)
      seed += 1
      var pact = PACTSolver(scenario: scenario).solve()
      pactTimes.append(medianTime(runs: runs) { pact = PACTSolver(scenario: scenario).solve() })
      var exact = ExactSolver(scenario: scenario).solve(incumbent: nil)
      exactTimes.append(time { exact = ExactSolver(scenario: scenario).solve(incumbent: nil) })
      if let e = pact.evaluation, !e.isFeasible { pactInfeasiblePlans += 1 }
      switch (pact.evaluation, exact.evaluation) {
      case (let p?, let x?):
        gaps.append(p.totalJoules / x.totalJoules - 1)
        if let dir = ProcessInfo.processInfo.environment["PACT_BENCH_DUMP"], p.totalJoules / x.totalJoules - 1 > 0.01 {
          try? JSONWriter.write(scenario.json()).write(
            toFile: "\(dir)/gap-\(seed - 1).json", atomically: true, encoding: .utf8)
        }
      case (nil, nil): infeasibleBoth += 1
      case (nil, _?): pactMissed += 1
      case (_?, nil): pactMissed += 0
      }
    }
    // Speed ratio at 10 nodes: three instances long enough for the exact solver to work.
    var ratios: [Double] = []
    var pactTens: [Double] = []
    var exactTens: [Double] = []
    for seed in [7, 8, 9] as [UInt64] {
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
    let sortedGaps = gaps.sorted()
    let result: JSONValue = .object([
      ("scenarios", .number(Double(count))),
      ("shape", .string("5 nodes, 8 epochs, 3 levels")),
      ("bothFeasible", .number(Double(gaps.count))),
      ("bothInfeasible", .number(Double(infeasibleBoth))),
      ("pactMissedFeasible", .number(Double(pactMissed))),
      ("pactInfeasiblePlans", .number(Double(pactInfeasiblePlans))),
      ("medianGap", .number(median(gaps))),
      ("worstGap", .number(sortedGaps.last ?? .nan)),
      ("exactMatches", .number(Double(gaps.filter { $0 < 1e-9 }.count))),
      ("medianPactSeconds", .number(median(pactTimes))),
      ("medianExactSeconds", .number(median(exactTimes))),
      ("pactSeconds10Nodes", .number(pactTen)),
      ("exactSeconds10Nodes", .number(exactTen)),
      ("speedRatios10Nodes", .array(ratios.map { .number($0) })),
      ("medianSpeedRatio10Nodes", .number(median(ratios))),
    ])
    if log {
      print(
        """
        gap: \(count) scenarios (5 nodes × 8 epochs × 3 levels): \(gaps.count) feasible, \(infeasibleBoth) infeasible for both, \(pactMissed) where PACT found no plan but one exists
          PACT vs optimum: median gap \(Format.percent(median(gaps), decimals: 3)), worst \(Format.percent(sortedGaps.last ?? .nan, decimals: 3)), \(gaps.filter { $0 < 1e-9 }.count) exact matches; infeasible PACT plans: \(pactInfeasiblePlans)
          median solve: PACT \(Format.number(median(pactTimes) * 1000)) ms, exact \(Format.number(median(exactTimes) * 1000)) ms
          10 nodes × 20 epochs × 5 levels (3 instances): median PACT \(Format.number(pactTen * 1000)) ms, exact \(Format.number(exactTen * 1000)) ms — PACT \(ratios.map { Format.number($0, digits: 3) + "×" }.joined(separator: ", ")) faster (median \(Format.number(median(ratios), digits: 3))×)
        """)
    }
    return result
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
      if log, let c = result?.counters {
        print("  counters: " + c.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
      }
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
}
