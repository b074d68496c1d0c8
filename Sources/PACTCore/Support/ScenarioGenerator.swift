import Foundation

/// A small deterministic random-number generator (SplitMix64), so generated
/// scenarios and seeded baselines are the same on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64
  /// A SplitMix64 generator from `seed`.
  public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Generates random but plausible scenarios for benchmarks and tests: mixed
/// devices (phones, boards, edge servers, GPUs), Dirichlet-like label skew,
/// availability windows, and a target and deadline that bind.
public struct ScenarioGenerator: Sendable {
  public var nodes: Int
  public var epochs: Int
  public var levels: Int
  public var classes: Int = 10
  /// Fraction of nodes with availability windows.
  public var windowedFraction: Double = 0.3
  /// Availability windows of a windowed node (1: one window; more: several, disjoint).
  public var windowsPerNode = 1
  /// When set, each node's labels fall in only this many classes (1 or 2: strong skew).
  public var classesPerNode: ClosedRange<Int>? = nil
  /// The deadline as a fraction of the reference plan's time (drawn uniformly).
  public var deadlineFraction: ClosedRange<Double> = 0.5...1.0

  /// The hard shape of the solver issue: tight deadlines, phones with several
  /// availability windows, one- or two-class label histograms.
  public static func hard(nodes: Int, epochs: Int, levels: Int) -> ScenarioGenerator {
    var g = ScenarioGenerator(nodes: nodes, epochs: epochs, levels: levels)
    g.windowedFraction = 0.6
    g.windowsPerNode = 3
    g.classesPerNode = 1...2
    g.deadlineFraction = 0.3...0.6
    return g
  }

  /// A shape of generated scenario: nodes, epochs and pruning levels.
  public init(nodes: Int, epochs: Int, levels: Int) {
    self.nodes = nodes
    self.epochs = epochs
    self.levels = levels
  }

  /// A scenario whose target and deadline are set from a reference plan so that
  /// both bind (tighter than what all nodes at full size would do).
  public func make(seed: UInt64) -> Scenario {
    var rng = SeededGenerator(seed: seed)
    func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double.random(in: 0..<1, using: &rng) }
    func logUniform(_ a: Double, _ b: Double) -> Double { exp(uniform(log(a), log(b))) }
    let kinds: [(String, ClosedRange<Double>, ClosedRange<Double>, ClosedRange<Double>)] = [
      // kind, FLOP/s, watts, uplink b/s
      ("phone", 5e10...3e11, 2...6, 5e6...5e7),
      ("board", 2e11...2e12, 7...30, 2e7...1e8),
      ("edge", 2e12...2e13, 60...250, 1e8...1e9),
      ("gpu", 5e13...2e14, 250...700, 1e9...1e10),
    ]
    var list: [Node] = []
    for i in 0..<nodes {
      let kind = kinds[Int.random(in: 0..<kinds.count, using: &rng)]
      let up = logUniform(kind.3.lowerBound, kind.3.upperBound)
      // Dirichlet-ish histogram: a few dominant classes.
      var histogram = (0..<classes).map { _ in pow(uniform(0, 1), 3) }
      if let few = classesPerNode {
        let keep = Int.random(in: few, using: &rng)
        let chosen = Set((0..<keep).map { _ in Int.random(in: 0..<classes, using: &rng) })
        histogram = histogram.indices.map { chosen.contains($0) ? 0.2 + histogram[$0] : 0 }
      }
      let samples = Int(logUniform(200, 5000))
      let total = histogram.reduce(0, +)
      histogram = histogram.map { ($0 / total * Double(samples)).rounded() }
      if histogram.reduce(0, +) == 0 { histogram[0] = Double(samples) }
      var windows: [EpochWindow]? = nil
      if uniform(0, 1) < windowedFraction && epochs > 2 {
        if windowsPerNode <= 1 {
          let a = Int.random(in: 1...max(1, epochs / 2), using: &rng)
          let b = Int.random(in: a...epochs, using: &rng)
          windows = [EpochWindow(a, b)]
        } else {
          // Several disjoint windows: the epochs cut into 2·w slices, every other one open.
          let cuts = Set((0..<(2 * windowsPerNode - 1)).map { _ in Int.random(in: 1..<epochs, using: &rng) }).sorted()
          let bounds = [0] + cuts + [epochs]
          let offset = Int.random(in: 0...1, using: &rng)
          var list: [EpochWindow] = []
          for i in stride(from: offset, to: bounds.count - 1, by: 2) where bounds[i + 1] > bounds[i] {
            list.append(EpochWindow(bounds[i] + 1, bounds[i + 1]))
          }
          windows = list.isEmpty ? nil : list
        }
      }
      list.append(
        Node(
          id: "n\(i)", kind: kind.0, flops: logUniform(kind.1.lowerBound, kind.1.upperBound),
          watts: uniform(kind.2.lowerBound, kind.2.upperBound), uplinkBitsPerSecond: up,
          downlinkBitsPerSecond: up * uniform(2, 5), radioWatts: kind.0 == "phone" ? uniform(0.5, 2) : 0,
          samples: samples, labelHistogram: histogram, availableEpochs: windows))
    }
    // Keep one node always available so that every epoch can train.
    list[0].availableEpochs = nil
    let pruning = (0..<levels).map { pow(0.8, Double($0)) }
    let model = ModelSpec(
      name: "resnet18", parameters: 1.1e7, bitsPerParameter: 32, flopsPerSample: 5e9, pruningLevels: pruning,
      deployRemaining: pruning[levels / 2])
    let loss = LossParameters(
      rate: 0.058, stepsExponent: 0.37, remainingExponent: 0.91, floor: 0.27, floorGrowth: 0.0007,
      floorExponent: 3.4, pruneShock: 0.22, skewPenalty: 1.0)
    var scenario = Scenario(
      name: "generated-\(nodes)x\(epochs)x\(levels)-\(seed)", description: "generated by ScenarioGenerator",
      model: model,
      training: TrainingSpec(
        epochs: epochs, targetLoss: 1, deadlineSeconds: 1, initialLoss: 2.3, aggregationSeconds: 0.5),
      nodes: list, loss: loss)
    // Reference: the most data-rich always-available node trains every epoch at the deploy level.
    let evaluator = PlanEvaluator(scenario: scenario)
    var loss0 = scenario.training.initialLoss
    var seconds = 0.0
    let deploy = levels / 2
    var prev = 0
    for k in 1...epochs {
      let available = scenario.availableNodes(at: k)
      let set = Array(available.sorted { list[$0].samples > list[$1].samples }.prefix(3))
      let stats = NodeSetStatistics(set, context: evaluator.statistics)
      loss0 = evaluator.predictor.next(
        loss: loss0, previousLevel: prev, level: deploy, meanSteps: stats.meanSteps,
        skew: stats.skew(context: evaluator.statistics))
      prev = deploy
      seconds += evaluator.cost.epochSeconds(set, level: deploy)
    }
    let ratio = uniform(0.75, 0.95)
    scenario.training.targetLoss = loss0 + (scenario.training.initialLoss - loss0) * (1 - ratio) * 0.5
    scenario.training.deadlineSeconds = seconds * uniform(deadlineFraction.lowerBound, deadlineFraction.upperBound)
    return scenario
  }
}
