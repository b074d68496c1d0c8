import Foundation
import Testing

@testable import PACTCore

/// A second, deliberately plain implementation of docs/MODEL.md's formulas,
/// written from the spec without CostModel, NodeSetStatistics or the predictors.
enum ReferenceModel {
  struct Epoch {
    var seconds: Double
    var joules: Double
    var loss: Double
  }

  static func nodeSeconds(_ s: Scenario, _ n: Node, _ j: Int) -> Double {
    let r = s.model.pruningLevels[j]
    let E = Double(s.training.localEpochs)
    let d = Double(n.samples)
    let compute = n.secondsPerSample.map { E * d * $0[j] } ?? E * d * s.model.flopsPerSample * r / n.flops
    let transfer =
      s.model.bitsPerParameter * s.model.parameters * r
      * (1 / n.downlinkBitsPerSecond + 1 / n.uplinkBitsPerSecond)
    return compute + transfer
  }

  static func nodeJoules(_ s: Scenario, _ n: Node, _ j: Int) -> Double {
    let r = s.model.pruningLevels[j]
    let E = Double(s.training.localEpochs)
    let d = Double(n.samples)
    let compute =
      n.energyPerSample.map { E * d * $0[j] } ?? E * d * s.model.flopsPerSample * r * n.watts / n.flops
    let transfer =
      s.model.bitsPerParameter * s.model.parameters * r
      * (1 / n.downlinkBitsPerSecond + 1 / n.uplinkBitsPerSecond)
    return compute + n.radioWatts * transfer
  }

  static func skew(_ s: Scenario, _ set: [Int]) -> Double {
    guard let classes = s.nodes.first?.labelHistogram?.count else { return 0 }
    var all = [Double](repeating: 0, count: classes)
    var mine = [Double](repeating: 0, count: classes)
    for (i, node) in s.nodes.enumerated() {
      for c in 0..<classes {
        all[c] += node.labelHistogram?[c] ?? 0
        if set.contains(i) { mine[c] += node.labelHistogram?[c] ?? 0 }
      }
    }
    let sumAll = all.reduce(0, +)
    let sumMine = mine.reduce(0, +)
    var tv = 0.0
    for c in 0..<classes { tv += abs(mine[c] / sumMine - all[c] / sumAll) }
    return tv / 2
  }

  static func evaluate(_ s: Scenario, _ plan: [(nodes: [Int], level: Int)]) -> [Epoch] {
    var loss = s.training.initialLoss
    var previous = 0
    var out: [Epoch] = []
    for (set, j) in plan {
      let epoch = step(s, loss: loss, previousLevel: previous, set: set, level: j)
      loss = epoch.loss
      previous = j
      out.append(epoch)
    }
    return out
  }

  /// One epoch of set `set` at level j, coming from `loss` at `previousLevel`.
  static func step(_ s: Scenario, loss old: Double, previousLevel previous: Int, set: [Int], level j: Int) -> Epoch {
    let p = s.loss
    let levels = s.model.pruningLevels
    var loss = old
    do {
      let r = levels[j]
      var slowest = 0.0
      var joules = 0.0
      var sumD = 0.0
      var sumDSteps = 0.0
      for i in set {
        let n = s.nodes[i]
        slowest = max(slowest, nodeSeconds(s, n, j))
        joules += nodeJoules(s, n, j)
        let d = Double(n.samples)
        let steps = Double(s.training.localEpochs) * (d / Double(s.training.batchSize)).rounded(.up)
        sumD += d
        sumDSteps += d * steps
      }
      let u = sumDSteps / sumD
      if j > previous {
        loss += min(1, p.pruneShock * log(levels[previous] / r)) * max(0, s.training.initialLoss - loss)
      }
      let lInf = p.floor + p.floorGrowth * pow(1 / r - 1, p.floorExponent)
      let rho =
        p.rate * pow(u, p.stepsExponent) * pow(r, p.remainingExponent)
        * max(0, 1 - p.skewPenalty * skew(s, set))
      loss = lInf + (loss - lInf) * exp(-rho)
      return Epoch(seconds: slowest + s.training.aggregationSeconds, joules: joules, loss: loss)
    }
  }
}

/// PlanEvaluator against hand-computed figures and against ``ReferenceModel``, to 1e-9 relative.
@Suite struct PlanEvaluatorTests {
  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    a == b || abs(a - b) <= tolerance * max(abs(a), abs(b))
  }

  static func scenario(_ text: String) throws -> Scenario { try Scenario.parse(Array(text.utf8)).scenario }

  static func plan(_ epochs: [([Int], Int)]) -> Plan {
    Plan(epochs: epochs.map { EpochDecision(nodes: $0.0, level: $0.1) })
  }

  /// Case 1: FLOP formula, radio energy, two local epochs, ceil in steps,
  /// aggregation seconds, a pruning shock at epoch 2; no histograms.
  static let case1 = """
    { "name": "case1",
      "model": { "parameters": 1e6, "bitsPerParameter": 32, "flopsPerSample": 1e8, "pruningLevels": [1.0, 0.5] },
      "training": { "epochs": 3, "targetLoss": 1.3, "deadlineSeconds": 12, "initialLoss": 2.0, "batchSize": 32,
                    "localEpochs": 2, "aggregationSeconds": 0.5 },
      "nodes": [
        { "id": "n0", "flops": 1e10, "watts": 4, "uplinkBitsPerSecond": 1e7, "downlinkBitsPerSecond": 4e7,
          "radioWatts": 2, "samples": 100 },
        { "id": "n1", "flops": 5e10, "watts": 10, "uplinkBitsPerSecond": 2e7, "downlinkBitsPerSecond": 1e8,
          "radioWatts": 1, "samples": 250 } ],
      "loss": { "rate": 0.1, "stepsExponent": 0.5, "remainingExponent": 1.0, "floor": 0.3, "floorGrowth": 0.01,
                "floorExponent": 2.0, "pruneShock": 0.5, "skewPenalty": 1.0 } }
    """

  @Test func handComputedCase1() throws {
    let s = try PlanEvaluatorTests.scenario(PlanEvaluatorTests.case1)
    let e = PlanEvaluator(scenario: s).evaluate(PlanEvaluatorTests.plan([([0, 1], 0), ([1], 1), ([0, 1], 1)]))
    // Per node and level (compute s, transfer s, compute J, radio J):
    //   n0 L0: 2·100·1e8·1/1e10 = 2, 32e6·(1/4e7 + 1/1e7) = 4, 2·4 = 8,  2·4 = 8
    //   n1 L0: 2·250·1e8/5e10 = 1,    32e6·(1/1e8 + 1/2e7) = 1.92, 1·10 = 10, 1·1.92 = 1.92
    //   level 1 (r = 0.5) halves each of them.
    // Steps: n0 2·ceil(100/32) = 8, n1 2·ceil(250/32) = 16; u{n0,n1} = (100·8 + 250·16)/350 = 13.714285714285714
    // Epoch 1: max(6, 2.92) + 0.5 = 6.5 s; 8 + 8 + 10 + 1.92 = 27.92 J;
    //   ρ = 0.1·√13.7142857 = 0.37032803990902; ℓ = 0.3 + 1.7·e^−ρ = 1.4738632249312693
    // Epoch 2: {n1} at 0.5: 1.46 + 0.5 = 1.96 s; 5 + 0.96 = 5.96 J; shock min(1, 0.5·ln 2) = 0.34657359027997264
    //   times (2 − 1.4738632249312693) → ℓ = 1.6562081; ℓ∞ = 0.3 + 0.01·1² = 0.31; u = 16, ρ = 0.1·4·0.5 = 0.2
    //   ℓ = 0.31 + (1.6562081 − 0.31)·e^−0.2 = 1.4121821647701154
    // Epoch 3: {n0,n1} at 0.5: max(3, 1.46) + 0.5 = 3.5 s; 4 + 4 + 5 + 0.96 = 13.96 J;
    //   ρ = 0.37032803990902 / 2 → ℓ = 1.2258780841237578
    let expected: [(Double, Double, Double)] = [
      (6.5, 27.92, 1.4738632249312693), (1.96, 5.96, 1.4121821647701154), (3.5, 13.96, 1.2258780841237578),
    ]
    #expect(e.epochs.count == 3)
    for (k, (sec, joules, loss)) in expected.enumerated() where k < e.epochs.count {
      #expect(PlanEvaluatorTests.close(e.epochs[k].seconds, sec), "epoch \(k + 1) seconds \(e.epochs[k].seconds)")
      #expect(PlanEvaluatorTests.close(e.epochs[k].joules, joules), "epoch \(k + 1) joules \(e.epochs[k].joules)")
      #expect(PlanEvaluatorTests.close(e.epochs[k].loss, loss), "epoch \(k + 1) loss \(e.epochs[k].loss)")
    }
    #expect(PlanEvaluatorTests.close(e.epochs[0].meanSteps, 13.714285714285714))
    #expect(PlanEvaluatorTests.close(e.totalSeconds, 11.96))
    #expect(PlanEvaluatorTests.close(e.totalJoules, 47.84))
    #expect(PlanEvaluatorTests.close(e.finalLoss, 1.2258780841237578))
    #expect(e.isFeasible, "\(e.violations)")
  }

  /// Case 2: measured profiles replace the FLOP formula on node n2, label
  /// histograms give δ, pruning from level 0 at epoch 1 (no shock: ℓ = initialLoss),
  /// a later shock from level 1 to 2, skewPenalty 1.5, no aggregation.
  static let case2 = """
    { "name": "case2",
      "model": { "parameters": 2e6, "bitsPerParameter": 16, "flopsPerSample": 5e8, "pruningLevels": [1.0, 0.6, 0.3],
                 "deployRemaining": 0.3 },
      "training": { "epochs": 3, "targetLoss": 1.6, "deadlineSeconds": 2.9, "initialLoss": 2.5, "batchSize": 50 },
      "nodes": [
        { "id": "n0", "flops": 2e11, "watts": 5, "uplinkBitsPerSecond": 2.5e7, "downlinkBitsPerSecond": 5e7,
          "radioWatts": 1.2, "samples": 120, "labelHistogram": [100, 20, 0] },
        { "id": "n1", "flops": 1e12, "watts": 20, "uplinkBitsPerSecond": 1e8, "downlinkBitsPerSecond": 1e8,
          "samples": 75, "labelHistogram": [0, 25, 50] },
        { "id": "n2", "flops": 1e14, "watts": 400, "uplinkBitsPerSecond": 1e9, "downlinkBitsPerSecond": 1e9,
          "samples": 1000, "labelHistogram": [500, 0, 500],
          "energyPerSample": [0.02, 0.015, 0.012], "secondsPerSample": [1e-4, 8e-5, 7e-5] } ],
      "loss": { "rate": 0.2, "stepsExponent": 0.4, "remainingExponent": 0.9, "floor": 0.25, "floorGrowth": 0.002,
                "floorExponent": 3.0, "pruneShock": 0.3, "skewPenalty": 1.5 } }
    """

  @Test func handComputedCase2() throws {
    let s = try PlanEvaluatorTests.scenario(PlanEvaluatorTests.case2)
    let e = PlanEvaluator(scenario: s).evaluate(PlanEvaluatorTests.plan([([0], 1), ([0, 2], 1), ([1, 2], 2)]))
    // Transfer of a full model: 16·2e6 = 3.2e7 bits. q = (600, 45, 550)/1195.
    // Epoch 1, {n0} at r = 0.6: compute 120·5e8·0.6/2e11 = 0.18 s, transfer 0.6·3.2e7·(1/5e7 + 1/2.5e7) = 1.152 s
    //   → 1.332 s; 0.18·5 = 0.9 J + 1.2·1.152 = 1.3824 J → 2.2824 J. Shock from level 0: ℓ = initialLoss, so + 0.
    //   u = ceil(120/50) = 3; p = (100, 20, 0)/120; δ = ½Σ|p − q| = 0.4602510460251046;
    //   ρ = 0.2·3^0.4·0.6^0.9·(1 − 1.5·δ) = 0.06068040093946198; ℓ∞ = 0.25 + 0.002·(1/0.6 − 1)³ = 0.2505925925925926
    //   ℓ = ℓ∞ + (2.5 − ℓ∞)·e^−ρ = 2.3675638311188316
    // Epoch 2, {n0, n2} at 0.6: n2 uses its profile: 1000·8e-5 = 0.08 s + 0.0384 s, 1000·0.015 = 15 J
    //   → max(1.332, 0.1184) = 1.332 s; 2.2824 + 15 = 17.2824 J; u = (120·3 + 1000·20)/1120 = 18.178571428571427,
    //   δ = 0.03362223550508067, ρ = 0.3825740188674259 → ℓ = 1.694585873335527
    // Epoch 3, {n1, n2} at 0.3: n1 0.01125 + 0.192 = 0.20325 s, 0.225 J; n2 0.07 + 0.0192 s, 12 J
    //   → 0.20325 s, 12.225 J; shock min(1, 0.3·ln 2) = 0.2079441541679836 · (2.5 − 1.694585873335527);
    //   ℓ∞ = 0.25 + 0.002·(1/0.3 − 1)³ = 0.27540740740740743; u = 18.74418604651163, δ = 0.0513768609516396,
    //   ρ = 0.20172361302221825 → ℓ = 1.5722173114149882
    let expected: [(Double, Double, Double, Double)] = [
      (1.332, 2.2824, 2.3675638311188316, 0.4602510460251046),
      (1.332, 17.2824, 1.694585873335527, 0.03362223550508067),
      (0.20325, 12.225, 1.5722173114149882, 0.0513768609516396),
    ]
    #expect(e.epochs.count == 3)
    for (k, (sec, joules, loss, skew)) in expected.enumerated() where k < e.epochs.count {
      #expect(PlanEvaluatorTests.close(e.epochs[k].seconds, sec), "epoch \(k + 1) seconds \(e.epochs[k].seconds)")
      #expect(PlanEvaluatorTests.close(e.epochs[k].joules, joules), "epoch \(k + 1) joules \(e.epochs[k].joules)")
      #expect(PlanEvaluatorTests.close(e.epochs[k].loss, loss), "epoch \(k + 1) loss \(e.epochs[k].loss)")
      #expect(PlanEvaluatorTests.close(e.epochs[k].skew, skew), "epoch \(k + 1) skew \(e.epochs[k].skew)")
    }
    #expect(PlanEvaluatorTests.close(e.totalSeconds, 2.86725))
    #expect(PlanEvaluatorTests.close(e.totalJoules, 31.7898))
    #expect(e.isFeasible, "\(e.violations)")
  }

  @Test func shockOnlyWhenTheLevelRises() throws {
    let s = try PlanEvaluatorTests.scenario(PlanEvaluatorTests.case1)
    let evaluator = PlanEvaluator(scenario: s)
    // Same level twice: no shock, so the second epoch is a plain contraction toward ℓ∞.
    let flat = evaluator.evaluate(PlanEvaluatorTests.plan([([1], 1), ([1], 1)]))
    let rho = 0.1 * 4 * 0.5
    let first = 0.31 + (2.0 - 0.31) * exp(-rho)
    #expect(PlanEvaluatorTests.close(flat.epochs[0].loss, first))
    #expect(PlanEvaluatorTests.close(flat.epochs[1].loss, 0.31 + (first - 0.31) * exp(-rho)))
    // Rising from level 0 at epoch 2 adds min(1, 0.5 ln 2)·(2 − ℓ).
    let rising = evaluator.evaluate(PlanEvaluatorTests.plan([([1], 0), ([1], 1)]))
    let l1 = 0.3 + 1.7 * exp(-0.4)
    let shocked = l1 + min(1, 0.5 * log(2.0)) * (2.0 - l1)
    #expect(PlanEvaluatorTests.close(rising.epochs[1].loss, 0.31 + (shocked - 0.31) * exp(-0.2)))
  }

  @Test func shockIsCappedAtOne() throws {
    var s = try PlanEvaluatorTests.scenario(PlanEvaluatorTests.case1)
    s.loss.pruneShock = 10  // 10·ln 2 > 1: the shock takes the loss all the way back to initialLoss
    let e = PlanEvaluator(scenario: s).evaluate(PlanEvaluatorTests.plan([([1], 0), ([1], 1)]))
    #expect(PlanEvaluatorTests.close(e.epochs[1].loss, 0.31 + (2.0 - 0.31) * exp(-0.2)))
  }

  @Test func infeasibilityReasons() throws {
    let s = try PlanEvaluatorTests.scenario(PlanEvaluatorTests.case2)
    let evaluator = PlanEvaluator(scenario: s)
    // Loss: one epoch does not reach 1.6.
    let loss = evaluator.evaluate(PlanEvaluatorTests.plan([([0], 2)]))
    #expect(loss.violations.count == 1)
    #expect(loss.violations.first?.hasPrefix("final loss") == true)
    // Deploy: ends at level 1 (0.6 > 0.3).
    let deploy = evaluator.evaluate(PlanEvaluatorTests.plan([([0, 1, 2], 1), ([0, 1, 2], 1), ([0, 1, 2], 1)]))
    #expect(deploy.violations.contains { $0.contains("more than deployRemaining") })
    // Deadline: three epochs of n0 at level 0 take 3 · 2.22 s > 2.9 s.
    let deadline = evaluator.evaluate(PlanEvaluatorTests.plan([([0], 0), ([0], 0), ([0], 2)]))
    #expect(deadline.violations.contains { $0.hasPrefix("total time") && $0.contains("past the deadline") })
    // Decreasing level.
    let down = evaluator.evaluate(PlanEvaluatorTests.plan([([2], 2), ([2], 1), ([2], 2)]))
    #expect(down.violations.contains("epoch 2: level 1 is below the previous level 2 (levels never decrease)"))
    // Too many epochs, and an empty set.
    let long = evaluator.evaluate(PlanEvaluatorTests.plan([([2], 2), ([], 2), ([2], 2), ([2], 2)]))
    #expect(long.violations.contains("epoch 2: no node trains"))
    #expect(long.violations.contains { $0.contains("more than training.epochs (3)") })
    #expect(evaluator.evaluate(Plan(epochs: [])).violations.contains("the plan has no epoch"))
  }

  @Test func unavailableNodeIsAReason() {
    let s = TinyScenario.scenario()  // node "a" is available in epochs 1–3 and 5–6
    let plan = PlanEvaluatorTests.plan([([0, 1], 2), ([1], 2), ([1], 2), ([0, 2], 2)])
    let e = PlanEvaluator(scenario: s).evaluate(plan)
    #expect(e.violations.contains("epoch 4: a is not available"))
    let both = PlanEvaluator(scenario: s).evaluate(PlanEvaluatorTests.plan([([1], 2), ([1], 2), ([1], 2), ([0], 2)]))
    #expect(both.violations.contains("epoch 4: a is not available"))
  }

  /// Random scenarios (with and without histograms and profiles) and random plans:
  /// PlanEvaluator equals ``ReferenceModel`` to 1e-9 relative on every figure.
  @Test func matchesTheReferenceOnRandomPlans() {
    var rng = SeededGenerator(seed: 20261124)
    var compared = 0
    for trial in 0..<150 {
      let s = RandomScenarios.make(&rng, nodes: 1 + trial % 6, epochs: 1 + trial % 5, levels: 1 + trial % 4)
      let evaluator = PlanEvaluator(scenario: s)
      for _ in 0..<5 {
        let plan = RandomScenarios.randomPlan(&rng, s)
        let mine = evaluator.evaluate(Plan(epochs: plan.map { EpochDecision(nodes: $0.nodes, level: $0.level) }))
        let reference = ReferenceModel.evaluate(s, plan)
        var seconds = 0.0
        var joules = 0.0
        for (k, r) in reference.enumerated() {
          let e = mine.epochs[k]
          #expect(
            PlanEvaluatorTests.close(e.seconds, r.seconds),
            "trial \(trial) epoch \(k + 1): \(e.seconds) vs \(r.seconds)")
          #expect(
            PlanEvaluatorTests.close(e.joules, r.joules), "trial \(trial) epoch \(k + 1): \(e.joules) vs \(r.joules)")
          #expect(PlanEvaluatorTests.close(e.loss, r.loss), "trial \(trial) epoch \(k + 1): \(e.loss) vs \(r.loss)")
          seconds += r.seconds
          joules += r.joules
          compared += 1
        }
        #expect(PlanEvaluatorTests.close(mine.totalSeconds, seconds))
        #expect(PlanEvaluatorTests.close(mine.totalJoules, joules))
      }
    }
    #expect(compared > 1000)
  }
}

/// Random small scenarios and plans for the reference and solver tests.
enum RandomScenarios {
  static func uniform(_ rng: inout SeededGenerator, _ a: Double, _ b: Double) -> Double {
    a + (b - a) * Double.random(in: 0..<1, using: &rng)
  }

  /// A valid random scenario: mixed FLOP-based and profiled nodes, histograms half the time,
  /// availability windows on some nodes, a target and deadline from loose to impossible.
  static func make(_ rng: inout SeededGenerator, nodes count: Int, epochs: Int, levels: Int) -> Scenario {
    var levelList = [1.0]
    for _ in 1..<max(1, levels) { levelList.append(levelList.last! * uniform(&rng, 0.4, 0.9)) }
    let withHistograms = Bool.random(using: &rng)
    let classes = Int.random(in: 2...4, using: &rng)
    var nodes: [Node] = []
    for i in 0..<count {
      var n = Node(
        id: "n\(i)", flops: exp(uniform(&rng, log(1e9), log(1e12))), watts: uniform(&rng, 1, 300),
        uplinkBitsPerSecond: exp(uniform(&rng, log(1e6), log(1e9))),
        downlinkBitsPerSecond: exp(uniform(&rng, log(1e6), log(1e9))),
        radioWatts: Bool.random(using: &rng) ? 0 : uniform(&rng, 0.1, 3), samples: Int.random(in: 1...400, using: &rng))
      if withHistograms {
        var h = (0..<classes).map { _ in Double(Int.random(in: 0...50, using: &rng)) }
        if h.reduce(0, +) == 0 { h[0] = 1 }
        n.labelHistogram = h
      }
      if Int.random(in: 0..<4, using: &rng) == 0 {
        n.energyPerSample = levelList.map { _ in uniform(&rng, 0.001, 0.05) }
        n.secondsPerSample = levelList.map { _ in uniform(&rng, 1e-5, 1e-2) }
      }
      if epochs > 1, Int.random(in: 0..<3, using: &rng) == 0 {
        let a = Int.random(in: 1...epochs, using: &rng)
        n.availableEpochs = [EpochWindow(a, Int.random(in: a...epochs, using: &rng))]
      }
      nodes.append(n)
    }
    let deploy = levelList[Int.random(in: 0..<levelList.count, using: &rng)]
    return Scenario(
      name: "random",
      model: ModelSpec(
        name: "m", parameters: exp(uniform(&rng, log(1e4), log(1e7))), bitsPerParameter: 32,
        flopsPerSample: exp(uniform(&rng, log(1e6), log(1e9))), pruningLevels: levelList, deployRemaining: deploy),
      training: TrainingSpec(
        epochs: epochs, targetLoss: uniform(&rng, 0.5, 2.2), deadlineSeconds: exp(uniform(&rng, log(1), log(1e4))),
        initialLoss: 2.3, batchSize: Int.random(in: 1...64, using: &rng),
        localEpochs: Int.random(in: 1...3, using: &rng),
        aggregationSeconds: uniform(&rng, 0, 2)),
      nodes: nodes,
      loss: LossParameters(
        rate: uniform(&rng, 0.02, 0.3), stepsExponent: uniform(&rng, 0.1, 0.6),
        remainingExponent: uniform(&rng, 0.3, 1.5),
        floor: uniform(&rng, 0.1, 0.5), floorGrowth: uniform(&rng, 0, 0.05), floorExponent: uniform(&rng, 0.5, 4),
        pruneShock: uniform(&rng, 0, 0.8), skewPenalty: uniform(&rng, 0, 1.5)),
      solver: SolverKnobs(lossBins: 32, timeBins: 16, maxSetSize: 4, timeCaps: 4, exhaustiveNodes: 4))
  }

  /// A random plan (not necessarily feasible, but with non-decreasing levels and non-empty sets).
  static func randomPlan(_ rng: inout SeededGenerator, _ s: Scenario) -> [(nodes: [Int], level: Int)] {
    let m = Int.random(in: 1...s.training.epochs, using: &rng)
    var level = 0
    var out: [(nodes: [Int], level: Int)] = []
    for _ in 0..<m {
      if Bool.random(using: &rng) { level = Int.random(in: level..<s.levelCount, using: &rng) }
      var set = s.nodes.indices.filter { _ in Bool.random(using: &rng) }
      if set.isEmpty { set = [Int.random(in: 0..<s.nodes.count, using: &rng)] }
      out.append((set, level))
    }
    return out
  }
}
