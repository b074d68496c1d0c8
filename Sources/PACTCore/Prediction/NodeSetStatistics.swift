/// The two statistics of a node set that drive loss prediction
/// (docs/MODEL.md, "One epoch"): u, the sample-weighted mean of local SGD
/// steps, and δ, the label skew of the set's union against all nodes.
///
/// Built incrementally (`adding(_:)`) so that candidate generation can try
/// one more node in O(C) for C classes.
public struct NodeSetStatistics: Sendable {
  /// Per-node inputs shared by every set of one scenario.
  public struct Context: Sendable {
    /// d_n.
    public let samples: [Double]
    /// steps_n = E · ceil(d_n / B).
    public let steps: [Double]
    /// Label histograms, node-major (`n * classes + c`); empty without histograms.
    public let histograms: [Double]
    /// Number of classes C (0 without histograms).
    public let classes: Int
    /// q, the label distribution of all nodes' histograms together.
    public let globalDistribution: [Double]

    /// The global label distribution and per-node steps of `scenario`.
    public init(scenario: Scenario) {
      let E = Double(scenario.training.localEpochs)
      let B = Double(scenario.training.batchSize)
      samples = scenario.nodes.map { Double($0.samples) }
      steps = scenario.nodes.map { E * (Double($0.samples) / B).rounded(.up) }
      if scenario.hasHistograms, let C = scenario.nodes.first?.labelHistogram?.count {
        classes = C
        var flat = [Double]()
        flat.reserveCapacity(C * scenario.nodes.count)
        var total = [Double](repeating: 0, count: C)
        for node in scenario.nodes {
          let h = node.labelHistogram ?? [Double](repeating: 0, count: C)
          flat += h
          for c in 0..<C { total[c] += h[c] }
        }
        histograms = flat
        let sum = total.reduce(0, +)
        globalDistribution = total.map { $0 / sum }
      } else {
        classes = 0
        histograms = []
        globalDistribution = []
      }
    }
  }

  /// Σ d_n over the set.
  public private(set) var sampleSum: Double = 0
  /// Σ d_n · steps_n over the set.
  public private(set) var weightedSteps: Double = 0
  /// The union histogram of the set.
  public private(set) var histogram: [Double]
  public private(set) var count = 0

  /// The empty set.
  public init(context: Context) {
    histogram = [Double](repeating: 0, count: context.classes)
  }

  /// The statistics of `set`.
  public init<S: Sequence<Int>>(_ set: S, context: Context) {
    self.init(context: context)
    for n in set { add(n, context: context) }
  }

  /// Adds node n to the set.
  public mutating func add(_ n: Int, context: Context) {
    sampleSum += context.samples[n]
    weightedSteps += context.samples[n] * context.steps[n]
    count += 1
    let C = context.classes
    if C > 0 {
      let base = n * C
      context.histograms.withUnsafeBufferPointer { h in
        for c in 0..<C { histogram[c] += h[base + c] }
      }
    }
  }

  /// u = Σ_S d_n · steps_n / Σ_S d_n.
  public var meanSteps: Double { sampleSum > 0 ? weightedSteps / sampleSum : 0 }

  /// δ = ½ Σ_c |p_c − q_c|, p the union's label distribution and q all nodes'; 0 without histograms.
  public func skew(context: Context) -> Double {
    guard context.classes > 0 else { return 0 }
    return NodeSetStatistics.skew(
      classes: context.classes, total: histogram.reduce(0, +), global: context.globalDistribution
    ) { histogram[$0] }
  }

  /// δ of a union histogram (`count(c)` for class c, `total` their sum): half the L1
  /// distance to the global distribution `q`, 1 for an empty histogram, 0 without classes.
  /// The one formula every path takes (these statistics, their allocation-free form, the
  /// proof's enumeration of sets), so their figures agree to the bit.
  @inline(__always)
  static func skew(classes C: Int, total: Double, global q: [Double], count: (Int) -> Double) -> Double {
    guard C > 0 else { return 0 }
    guard total > 0 else { return 1 }
    var sum = 0.0
    for c in 0..<C { sum += abs(count(c) / total - q[c]) }
    return sum * 0.5
  }

  /// u and δ of `set`: the same numbers as its statistics' ``meanSteps`` and
  /// ``skew(context:)`` (the same additions in the same order), without allocating its
  /// histogram — the greedy rule costs tens of thousands of sets (city-phones-200: 32,896).
  public static func meanStepsAndSkew(of set: [Int], context: Context) -> (meanSteps: Double, skew: Double) {
    var sampleSum = 0.0
    var weighted = 0.0
    for n in set {
      sampleSum += context.samples[n]
      weighted += context.samples[n] * context.steps[n]
    }
    let u = sampleSum > 0 ? weighted / sampleSum : 0
    let C = context.classes
    guard C > 0 else { return (u, 0) }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: C) { histogram in
      histogram.initialize(repeating: 0)
      context.histograms.withUnsafeBufferPointer { h in
        for n in set {
          let base = n * C
          for c in 0..<C { histogram[c] += h[base + c] }
        }
      }
      var total = 0.0
      for c in 0..<C { total += histogram[c] }
      return (u, NodeSetStatistics.skew(classes: C, total: total, global: context.globalDistribution) { histogram[$0] })
    }
  }

  /// u and δ of this set with node n added, without changing it.
  public func withNode(_ n: Int, context: Context) -> (meanSteps: Double, skew: Double) {
    let s = sampleSum + context.samples[n]
    let w = weightedSteps + context.samples[n] * context.steps[n]
    let C = context.classes
    guard C > 0 else { return (w / s, 0) }
    var total = 0.0
    let base = n * C
    return context.histograms.withUnsafeBufferPointer { h in
      for c in 0..<C { total += histogram[c] + h[base + c] }
      var distance = 0.0
      for c in 0..<C { distance += abs((histogram[c] + h[base + c]) / total - context.globalDistribution[c]) }
      return (w / s, 0.5 * distance)
    }
  }
}
