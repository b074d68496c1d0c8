/// Random participant selection (FedAvg's default), seeded so runs repeat.
///
/// Decision rule: each epoch, at the deploy level, ⌈N/2⌉ of the N available
/// nodes, drawn uniformly without replacement by a SplitMix64 generator
/// (``SeededGenerator``) seeded with (seed, epoch). The same seed gives the same plan on every machine.
///
/// Source: H. B. McMahan et al., "Communication-efficient learning of deep
/// networks from decentralized data", AISTATS 2017 (FedAvg).
public struct RandomSelection: BaselinePolicy {
  public var seed: UInt64
  /// Random selection with a seed (the same seed, the same plan).
  public init(seed: UInt64 = 1) { self.seed = seed }
  public var name: String { "random" }
  public var rule: String { "⌈N/2⌉ nodes drawn at random each epoch (seed \(seed)), deploy level" }
  public var source: String { "McMahan et al., AISTATS 2017 (FedAvg random selection)" }

  /// The next epoch's decision: ⌈N/2⌉ of the N available nodes drawn at random, at the deploy level.
  public func decide(_ state: BaselineState) -> BaselineStep {
    var pool = state.available
    guard !pool.isEmpty else { return .stop("no node is available") }
    var generator = SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(state.epoch))
    let count = (pool.count + 1) / 2
    // Partial Fisher–Yates with an explicit bounded draw (same on every platform).
    for i in 0..<count {
      let j = i + Int(generator.next(below: UInt64(pool.count - i)))
      pool.swapAt(i, j)
    }
    return .train(EpochDecision(nodes: Array(pool.prefix(count)), level: max(state.level, state.deployLevel)))
  }
}

extension SeededGenerator {
  /// A value in 0..<bound without modulo bias (rejection sampling), the same on every platform.
  mutating func next(below bound: UInt64) -> UInt64 {
    precondition(bound > 0)
    let limit = UInt64.max - UInt64.max % bound
    while true {
      let x = next()
      if x < limit { return x % bound }
    }
  }
}
