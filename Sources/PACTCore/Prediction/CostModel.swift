/// Time and energy of one epoch (docs/MODEL.md, "One epoch").
///
/// Precomputes, for every node n and level j, the node's time
/// (compute + transfer) and energy (compute + radio), so the solvers look them
/// up in O(1).
public struct CostModel: Sendable {
  /// Level count J and node count N of the tables.
  public let levelCount: Int
  public let nodeCount: Int
  /// Seconds of node n at level j, at `n * levelCount + j`.
  private let secondsTable: [Double]
  /// Joules of node n at level j, at `n * levelCount + j`.
  private let joulesTable: [Double]
  /// aggregationSeconds, added once per epoch.
  public let aggregationSeconds: Double
  /// Whether every node's time and energy scale by the same factor (the level's remaining
  /// fraction) from level to level: no measured profile anywhere.
  public let isLevelInvariant: Bool

  /// The per-node figures of `scenario`, precomputed.
  public init(scenario: Scenario) {
    let m = scenario.model
    let E = Double(scenario.training.localEpochs)
    let J = m.pruningLevels.count
    levelCount = J
    nodeCount = scenario.nodes.count
    aggregationSeconds = scenario.training.aggregationSeconds
    isLevelInvariant = scenario.nodes.allSatisfy { $0.energyPerSample == nil && $0.secondsPerSample == nil }
    var seconds = [Double](repeating: 0, count: nodeCount * J)
    var joules = [Double](repeating: 0, count: nodeCount * J)
    for (n, node) in scenario.nodes.enumerated() {
      let d = Double(node.samples)
      for (j, r) in m.pruningLevels.enumerated() {
        // compute time: E · d_n · F · r / flops_n, or E · d_n · secondsPerSample_n[j]
        let computeTime: Double
        if let profile = node.secondsPerSample, j < profile.count {
          computeTime = E * d * profile[j]
        } else {
          computeTime = E * d * m.flopsPerSample * r / node.flops
        }
        // transfer time: b · P · r · (1 / downlink_n + 1 / uplink_n)
        let transferTime =
          m.bitsPerParameter * m.parameters * r * (1 / node.downlinkBitsPerSecond + 1 / node.uplinkBitsPerSecond)
        // compute energy: E · d_n · F · r · watts_n / flops_n, or E · d_n · energyPerSample_n[j]
        let computeEnergy: Double
        if let profile = node.energyPerSample, j < profile.count {
          computeEnergy = E * d * profile[j]
        } else {
          computeEnergy = E * d * m.flopsPerSample * r * node.watts / node.flops
        }
        // transfer energy: radioWatts_n · transfer time
        let transferEnergy = node.radioWatts * transferTime
        seconds[n * J + j] = computeTime + transferTime
        joules[n * J + j] = computeEnergy + transferEnergy
      }
    }
    secondsTable = seconds
    joulesTable = joules
  }

  /// Time of node n at level j: compute time + transfer time.
  @inline(__always)
  public func seconds(node n: Int, level j: Int) -> Double { secondsTable[n * levelCount + j] }

  /// Energy of node n at level j: compute energy + transfer energy.
  @inline(__always)
  public func joules(node n: Int, level j: Int) -> Double { joulesTable[n * levelCount + j] }

  /// Epoch time: max over n in S of (time of n) + aggregationSeconds.
  public func epochSeconds<S: Sequence<Int>>(_ set: S, level j: Int) -> Double {
    var slowest = 0.0
    for n in set { slowest = max(slowest, seconds(node: n, level: j)) }
    return slowest + aggregationSeconds
  }

  /// Epoch energy: sum over n in S of (compute energy + transfer energy).
  public func epochJoules<S: Sequence<Int>>(_ set: S, level j: Int) -> Double {
    var total = 0.0
    for n in set { total += joules(node: n, level: j) }
    return total
  }
}
