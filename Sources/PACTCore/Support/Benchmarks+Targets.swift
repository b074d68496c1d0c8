import Foundation

extension Benchmarks {
  /// One row of the solver's targets: what was measured, the figure, and the target.
  public struct TargetRow: Sendable {
    public var measure: String
    public var value: String
    public var target: String
    public var met: Bool?
  }

  /// The rows of issue 18's table, measured in one run (release build): solve times of
  /// the speed shapes and of every sample scenario's full plan, the hard 14 × 20 × 6
  /// instances (seeds 1–8, and 92 more once each), PACT against the exact solver (speed
  /// ratio and worst gap), bounds above the optimum, and median proven gaps. `samples` is
  /// the folder of the sample scenarios (every `*.json` in it is solved).
  public static func targets(runs: Int, samples: URL?, instances: Int, log: Bool) -> (
    rows: [TargetRow], json: JSONValue
  ) {
    var rows: [TargetRow] = []
    func add(_ measure: String, _ value: String, _ target: String, _ met: Bool?) {
      rows.append(TargetRow(measure: measure, value: value, target: target, met: met))
      if log { print("  \(measure): \(value)   (target \(target)\(met.map { $0 ? ", met" : ", missed" } ?? ""))") }
    }
    func ms(_ s: Double) -> String { Format.elapsed(s) }
    // Speed shapes (seed 42, as the speed suite).
    for (n, k, j, limit) in [(20, 50, 5, 0.005), (1000, 100, 10, 0.2), (10000, 100, 10, 1.0)] {
      let scenario = ScenarioGenerator(nodes: n, epochs: k, levels: j).make(seed: 42)
      var result: SolveResult? = nil
      let t = medianTime(runs: n >= 10000 ? 1 : runs) { result = PACTSolver(scenario: scenario).solve() }
      let gap = result?.provenGap.map { Format.percent($0, decimals: 2, signed: false) } ?? "–"
      add("\(n) × \(k) × \(j)", "\(ms(t)) (proven gap \(gap))", "≤ \(ms(limit))", t <= limit)
    }
    // Every sample scenario's full plan.
    if let samples,
      let files = try? FileManager.default.contentsOfDirectory(at: samples, includingPropertiesForKeys: nil)
        .filter({ $0.pathExtension == "json" }).sorted(by: { $0.lastPathComponent < $1.lastPathComponent })
    {
      var slowest = (name: "", seconds: 0.0)
      for file in files {
        guard let data = try? Data(contentsOf: file), let s = try? Scenario.parse(Array(data)).scenario else {
          continue
        }
        var result: SolveResult? = nil
        let t = medianTime(runs: runs) { result = PACTSolver(scenario: s).solve() }
        let name = file.deletingPathExtension().lastPathComponent
        if t > slowest.seconds { slowest = (name, t) }
        let gap = result?.provenGap.map { Format.percent($0, decimals: 2, signed: false) } ?? "–"
        if log { print("    full plan \(name): \(ms(t)), proven gap \(gap)") }
      }
      add(
        "full plan, every sample scenario", "slowest \(ms(slowest.seconds)) (\(slowest.name))", "≤ 50 ms",
        slowest.seconds <= 0.05)
    }
    // Hard 14 × 20 × 6 instances.
    var hard: [Double] = []
    for seed in UInt64(1)...8 {
      let s = ScenarioGenerator.hard(nodes: 14, epochs: 20, levels: 6).make(seed: seed)
      hard.append(medianTime(runs: max(1, runs / 2)) { _ = PACTSolver(scenario: s).solve() })
    }
    add(
      "hard 14 × 20 × 6 (seeds 1–8)", "median \(ms(median(hard))), slowest \(ms(hard.max() ?? 0))", "none over 1 s",
      (hard.max() ?? 0) <= 1)
    // The target is for any seed: 92 more, one run each (seeds never tuned on; 41–100 added
    // in the tenth session, where the remaining misses are).
    for (first, last) in [(UInt64(9), UInt64(40)), (41, 100)] {
      var unseen: [(seed: UInt64, seconds: Double)] = []
      for seed in first...last {
        let s = ScenarioGenerator.hard(nodes: 14, epochs: 20, levels: 6).make(seed: seed)
        unseen.append((seed, time { _ = PACTSolver(scenario: s).solve() }))
      }
      let slowest = unseen.max { $0.seconds < $1.seconds }
      add(
        "hard 14 × 20 × 6 (seeds \(first)–\(last), one run each)",
        "median \(ms(median(unseen.map(\.seconds)))), \(unseen.filter { $0.seconds > 1 }.count) over 1 s, slowest \(ms(slowest?.seconds ?? 0)) (seed \(slowest?.seed ?? 0))",
        "none over 1 s", (slowest?.seconds ?? 0) <= 1)
    }
    // PACT against the exact solver.
    for (n, k, j) in [(10, 20, 5), (12, 16, 5)] {
      var ratios: [Double] = []
      var worst = 0.0
      for seed in UInt64(7)...9 {
        let s = ScenarioGenerator(nodes: n, epochs: k, levels: j).make(seed: seed)
        var pact: SolveResult? = nil
        let p = medianTime(runs: runs) { pact = PACTSolver(scenario: s).solve() }
        var exact: SolveResult? = nil
        let x = time { exact = ExactSolver(scenario: s, timeBudgetSeconds: 600).solve() }
        guard exact?.status == .solved, let o = exact?.joules, let pj = pact?.joules else { continue }
        ratios.append(x / p)
        worst = max(worst, pj / o - 1)
      }
      add(
        "PACT vs exact, \(n) × \(k) × \(j) (seeds 7–9)",
        "\(ratios.map { Format.number($0, digits: 3) + "×" }.joined(separator: ", ")) faster, worst gap \(Format.percent(worst, decimals: 2, signed: false))",
        "≥ 10× faster, worst gap ≤ 1 %", (ratios.min() ?? 0) >= 10 && worst <= 0.01)
    }
    // Bounds against the optimum and proven gaps on the gap-suite shapes.
    var above = 0
    var compared = 0
    var proven: [Double] = []
    for (i, shape) in gapShapes.enumerated() {
      for seed in UInt64(1)...UInt64(instances) {
        let s = ScenarioGenerator(nodes: shape.nodes, epochs: shape.epochs, levels: shape.levels).make(
          seed: 5000 + UInt64(i) * 10_000 + seed)
        let pact = PACTSolver(scenario: s).solve()
        let exact = ExactSolver(scenario: s, timeBudgetSeconds: 60).solve(
          incumbent: pact.evaluation.flatMap { $0.isFeasible ? $0 : nil })
        if let g = pact.provenGap { proven.append(g) }
        guard exact.status == .solved, let o = exact.joules, let lower = pact.lowerBoundJoules else { continue }
        compared += 1
        if lower > o * (1 + 1e-9) { above += 1 }
      }
    }
    add("bound above the optimum", "\(above) of \(compared)", "never", above == 0)
    let big = PACTSolver(scenario: ScenarioGenerator(nodes: 20, epochs: 50, levels: 5).make(seed: 42)).solve().provenGap
    add(
      "median proven gap, gap-suite shapes; 20 × 50 × 5",
      "\(Format.percent(proven.isEmpty ? .nan : median(proven), decimals: 3, signed: false)) (worst \(Format.percent(proven.max() ?? .nan, decimals: 2, signed: false))); \(big.map { Format.percent($0, decimals: 2, signed: false) } ?? "–")",
      "≤ 1 %", (proven.isEmpty ? false : median(proven) <= 0.01) && (big ?? 1) <= 0.01)
    let json = JSONValue.array(
      rows.map { r in
        .object([
          ("measure", .string(r.measure)), ("value", .string(r.value)), ("target", .string(r.target)),
          ("met", r.met.map { .bool($0) } ?? .null),
        ])
      })
    return (rows, json)
  }
}
