import Foundation

/// Lower bounds on the joules and on the seconds a state still needs to finish a
/// feasible plan, each ignoring the other constraint: a backward dynamic program over
/// (epoch, level, loss bucket) on a coarse loss grid, with every candidate decision of
/// every later epoch.
///
/// A bucket stands for its lowest loss: the loss update is non-decreasing in the old
/// loss, so whatever a state can reach, a state with less loss reaches with no more
/// energy or time; the cheapest way on from a bucket's lowest loss is therefore a
/// lower bound for every loss in it. Unlike the per-unit-of-progress bound of
/// `RemainingCostBound`, it knows that epochs are whole, that pruning shocks add
/// loss, that each epoch has only the nodes available then, and that few epochs may be
/// left — so it is much tighter, and both solvers drop far more states with it (the
/// larger of the two bounds is used). PACT's buckets also rank their states by it.
///
/// - Complexity: O(P · J² · B · F) successor losses for P availability patterns, J
///   levels, B buckets and F candidates per level, then O(K · J² · B · F) additions for
///   K epochs; B (at most 256) is lowered (down to 16) to keep those within
///   ``transitionWork`` and ``additionWork``, and the bound is skipped (0) beyond four times them.
struct CostToGo {
  /// The coarse grid the table is on.
  let grid: LossGrid
  let levels: Int
  let buckets: Int
  /// Least joules and least seconds still needed at `(k * levels + j) * buckets + b`.
  private let joules: [Double]
  private let seconds: [Double]
  /// Whether the table was built (else every bound is 0).
  let isBuilt: Bool

  /// Successor losses (each a logarithm) the transitions may take.
  static let transitionWork = 400_000
  /// Additions the backward program may take.
  static let additionWork = 24_000_000

  /// - Parameter maxBuckets: the most loss buckets of the table (256 by default; a quick
  ///   draft solve asks for fewer).
  init(
    scenario: Scenario, cache: CandidateCache, predictor: any LossPredictor, floors: [Double], maxBuckets: Int = 256
  ) {
    let t = scenario.training
    let K = t.epochs
    let J = scenario.levelCount
    levels = J
    let deploy = scenario.firstDeployableLevel ?? J
    var lastEpoch = 0
    while lastEpoch < K && !scenario.availableNodes(at: lastEpoch + 1).isEmpty { lastEpoch += 1 }
    var patterns: [[Int]] = []
    var patternOf = [Int](repeating: -1, count: K + 1)
    var index: [[Int]: Int] = [:]
    for k in stride(from: 1, through: lastEpoch, by: 1) {
      let available = scenario.availableNodes(at: k)
      if let i = index[available] {
        patternOf[k] = i
      } else {
        index[available] = patterns.count
        patternOf[k] = patterns.count
        patterns.append(available)
      }
    }
    let perLevel = patterns.map { cache.candidates(available: $0) }
    let decisionsPerState =
      perLevel.map { p in p.reduce(0) { $0 + $1.descending.count + $1.ascending.count } }
      .max() ?? 0
    // Buckets: 256 when the work allows, fewer otherwise.
    var B = max(16, min(256, maxBuckets))
    func fits(_ b: Int, slack: Int = 1) -> Bool {
      let perState = J * b * max(1, decisionsPerState)
      return patterns.count * perState <= CostToGo.transitionWork * slack
        && K * perState <= CostToGo.additionWork * slack
    }
    while B > 16 && !fits(B) { B /= 2 }
    buckets = B
    let floorValues = (0..<J).map { predictor.floor(level: $0) }
    let lo = min(t.initialLoss, floorValues.min() ?? t.initialLoss, t.targetLoss)
    let hi = max(t.initialLoss, floorValues.max() ?? t.initialLoss, t.targetLoss)
    grid = LossGrid(bins: B, lowest: lo, highest: hi, target: t.targetLoss, floors: floors)
    guard fits(B, slack: 4), lastEpoch > 0 else {
      joules = []
      seconds = []
      isBuilt = false
      return
    }
    let grid = self.grid
    // The lowest loss of each bucket, per level (the above-target edges depend on the level).
    // (A hair below the edge: the edges come from single-precision exponentials.)
    func lowestLoss(_ b: Int, level j: Int) -> Double {
      guard b > 0 else { return lo }
      let edge = grid.upperEdge(b - 1, level: j)
      return edge - 1e-6 * abs(edge) - 1e-12
    }
    // Transitions of each pattern: from (j, b) through each decision of level j' ≥ j,
    // in one flat array per pattern (`start[j * B + b]` ..< `start[j * B + b + 1]`).
    // The decisions' figures are copied out once per (pattern, level): the candidates
    // carry node lists, and copying those per bucket cost more than the bound itself.
    struct Decision {
      var factor: Double
      var joules: Double
      var seconds: Double
    }
    var targets: [[Int32]] = []  // [pattern][transition] = j' * B + b'
    var costJ: [[Double]] = []
    var costS: [[Double]] = []
    var starts: [[Int]] = []
    for candidates in perLevel {
      let decisions: [[Decision]] = candidates.map { c in
        (c.descending + c.ascending).map { Decision(factor: $0.factor, joules: $0.joules, seconds: $0.seconds) }
      }
      var to: [Int32] = []
      var cj: [Double] = []
      var cs: [Double] = []
      var start = [Int](repeating: 0, count: J * B + 1)
      for j in 0..<J {
        for b in 0..<B {
          start[j * B + b] = to.count
          let loss = lowestLoss(b, level: j)
          for j2 in j..<J {
            let shocked = predictor.shock(loss: loss, previousLevel: j, level: j2)
            for d in decisions[j2] {
              let l = predictor.descend(shocked: shocked, level: j2, factor: d.factor)
              to.append(Int32(j2 * B + grid.bucket(l, level: j2)))
              cj.append(d.joules)
              cs.append(d.seconds)
            }
          }
        }
      }
      start[J * B] = to.count
      targets.append(to)
      costJ.append(cj)
      costS.append(cs)
      starts.append(start)
    }
    let width = J * B
    var e = [Double](repeating: .infinity, count: (K + 1) * width)
    var s = e
    let terminalBuckets = grid.belowBins  // buckets 0..<belowBins hold losses ≤ target
    for k in stride(from: K, through: 0, by: -1) {
      for j in 0..<J {
        for b in 0..<B {
          let i = k * width + j * B + b
          if j >= deploy && b < terminalBuckets {
            e[i] = 0
            s[i] = 0
            continue
          }
          guard k < K, k + 1 <= lastEpoch else { continue }
          var bestE = Double.infinity
          var bestS = Double.infinity
          let p = patternOf[k + 1]
          let base = (k + 1) * width
          targets[p].withUnsafeBufferPointer { to in
            costJ[p].withUnsafeBufferPointer { cj in
              costS[p].withUnsafeBufferPointer { cs in
                for t in starts[p][j * B + b]..<starts[p][j * B + b + 1] {
                  let next = base + Int(to[t])
                  bestE = min(bestE, cj[t] + e[next])
                  bestS = min(bestS, cs[t] + s[next])
                }
              }
            }
          }
          e[i] = bestE
          s[i] = bestS
        }
      }
    }
    joules = e
    seconds = s
    isBuilt = true
  }

  /// The least joules and seconds a state with loss ℓ at level j after epoch k still
  /// needs (each ignoring the other constraint); (0, 0) when the table is not built.
  @inline(__always)
  func need(afterEpoch k: Int, loss: Double, level j: Int) -> (joules: Double, seconds: Double) {
    guard isBuilt else { return (0, 0) }
    let i = (k * levels + j) * buckets + grid.bucket(loss, level: j)
    return (joules[i], seconds[i])
  }
}
