/// Random participant selection (FedAvg's default), seeded so runs repeat.
///
/// Decision rule: each epoch, at the deploy level, ⌈N/2⌉ of the N available
/// nodes, drawn uniformly without replacement by a SplitMix64 generator seeded
/// with (seed, epoch). The same seed gives the same plan on every machine.
///
/// Source: H. B. McMahan et al., "Communication-efficient learning of deep
/// networks from decentralized data", AISTATS 2017 (FedAvg).
public struct RandomSelection: BaselinePolicy {
  public var seed: UInt64
  public init(seed: UInt64 = 1) { self.seed = seed }
  public var name: String { "random" }
  public var rule: String { "⌈N/2⌉ nodes drawn at random each epoch (seed \(seed)), deploy level" }
  public var source: String { "McMahan et al., AISTATS 2017 (FedAvg random selection)" }

  public func decide(_ state: BaselineState) -> BaselineStep {
    var pool = state.available
    guard !pool.isEmpty else { return .stop("no node is available") }
    var generator = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(state.epoch))
    let count = (pool.count + 1) / 2
    // Partial Fisher–Yates with an explicit bounded draw (same on every platform).
    for i in 0..<count {
      let j = i + Int(generator.next(below: UInt64(pool.count - i)))
      pool.swapAt(i, j)
    }
    return .train(EpochDecision(nodes: Array(pool.prefix(count)), level: max(state.level, state.deployLevel)))
  }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seedable generator whose
/// sequence is fixed by its seed on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A value in 0..<bound, without modulo bias (rejection sampling).
  public mutating func next(below bound: UInt64) -> UInt64 {
    precondition(bound > 0)
    let limit = UInt64.max - UInt64.max % bound
    while true {
      let x = next()
      if x < limit { return x % bound }
    }
  }
}
