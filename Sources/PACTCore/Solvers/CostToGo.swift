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
///   K epochs, on each resource's two-dimensional fronts; B (at most 256) is lowered
///   (down to 16) to keep those within ``transitionWork`` and ``additionWork`` (times
///   `workScale`), and the bound is skipped (0) when even 16 buckets are over them.
struct CostToGo {
  /// The coarse grid the table is on.
  let grid: LossGrid
  let levels: Int
  let buckets: Int
  /// Least joules and least seconds still needed at `(k * levels + j) * buckets + b`, side by side
  /// (one cache line serves both).
  private let table: [SIMD2<Double>]
  /// Whether the table was built (else every bound is 0).
  let isBuilt: Bool

  /// Successor losses (each a logarithm) the transitions may take.
  static let transitionWork = 400_000
  /// How many times the usual work a full-scale table may take (the proven bound's, and
  /// PACT's after a heavy pass).
  static let fullScale = 8
  /// Additions the backward program may take.
  static let additionWork = 24_000_000

  /// - Parameter maxBuckets: the most loss buckets of the table (256 by default; a quick
  ///   draft solve asks for fewer).
  init(
    scenario: Scenario, cache: CandidateCache, predictor: any LossPredictor, floors: [Double], maxBuckets: Int = 256,
    workScale: Int = 1
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
    // Each bound ignores the other resource, so it needs only the decisions that no other
    // beats in (its resource, factor): two-dimensional fronts, far smaller than the
    // candidates' three-dimensional ones.
    struct Decision {
      var factor: Double
      var cost: Double
    }
    func fronts(_ c: NodeSetCandidates, _ cost: (NodeSetCandidates.Candidate) -> Double) -> [Decision] {
      let all = (c.descending + c.ascending).map { Decision(factor: $0.factor, cost: cost($0)) }
        .sorted { $0.cost != $1.cost ? $0.cost < $1.cost : $0.factor < $1.factor }
      var out: [Decision] = []
      var down = Double.infinity
      var up = -Double.infinity
      for d in all {
        if d.factor < down || d.factor > up {
          out.append(d)
          down = min(down, d.factor)
          up = max(up, d.factor)
        }
      }
      return out
    }
    let perLevel = patterns.map { cache.candidates(available: $0) }
    let joulesFronts = perLevel.map { p in p.map { fronts($0) { $0.joules } } }
    let secondsFronts = perLevel.map { p in p.map { fronts($0) { $0.seconds } } }
    // Transitions per loss bucket: from each level j, every decision of every level ≥ j.
    func moves(_ fronts: [[Decision]]) -> Int {
      (0..<J).reduce(0) { total, j in total + (j..<J).reduce(0) { $0 + fronts[$1].count } }
    }
    let perPattern = zip(joulesFronts, secondsFronts).map { moves($0) + moves($1) }
    let transitionsPerBucket = perPattern.reduce(0, +)
    let additionsPerBucket = (1...max(1, lastEpoch)).reduce(0) {
      $0 + (patternOf[$1] >= 0 ? perPattern[patternOf[$1]] : 0)
    }
    // Buckets: 256 when the work allows, fewer otherwise (none asked for: no table).
    var B = maxBuckets <= 0 ? 0 : max(16, min(256, maxBuckets))
    func fits(_ b: Int, slack: Int = 1) -> Bool {
      transitionsPerBucket * b <= CostToGo.transitionWork * workScale * slack
        && additionsPerBucket * b <= CostToGo.additionWork * workScale * slack
    }
    while B > 16 && !fits(B) { B /= 2 }
    buckets = B
    grid = LossGrid.spanning(scenario, predictor: predictor, bins: B, floors: floors)
    let lo = grid.lowest
    // Skipped when even 16 buckets are over the work: such a coarse table prunes too
    // little to pay for itself.
    guard B > 0, fits(B), lastEpoch > 0 else {
      table = []
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
    // Transitions of each pattern and resource: from (j, b) through each decision of level
    // j' ≥ j, in one flat array per pattern (`start[j * B + b]` ..< `start[j * B + b + 1]`).
    struct Transitions {
      var to: [Int32] = []  // j' * B + b'
      var cost: [Double] = []
      var start: [Int] = []
    }
    // pact-v1 descends linearly toward the floor, so above the target the successor's
    // log-ratio is ln(ℓₛ − ℓ∞) − ln(target − ℓ∞) + ln f when the grid's reference is
    // the floor: one logarithm per decision instead of one per transition. The ratio is
    // lowered by 1e-6 so that rounding can only pick a lower bucket (a lower bound).
    let linear = predictor is PACTv1LossPredictor
    let target = t.targetLoss
    let floorsAt = (0..<J).map { predictor.floor(level: $0) }
    let fast = (0..<J).map { j in linear && grid.referenceIsFloor(level: j, floor: floorsAt[j]) }
    func transitions(_ decisions: [[Decision]]) -> Transitions {
      var out = Transitions()
      out.start = [Int](repeating: 0, count: J * B + 1)
      let logFactors = decisions.map { level in level.map { $0.factor > 0 ? log($0.factor) : -Double.infinity } }
      for j in 0..<J {
        for b in 0..<B {
          out.start[j * B + b] = out.to.count
          let loss = lowestLoss(b, level: j)
          for j2 in j..<J {
            let shocked = predictor.shock(loss: loss, previousLevel: j, level: j2)
            let floor = floorsAt[j2]
            let useFast = fast[j2] && shocked > floor && target > floor
            let base = useFast ? log(shocked - floor) - log(target - floor) : 0
            for (d, logF) in zip(decisions[j2], logFactors[j2]) {
              let l = predictor.descend(shocked: shocked, level: j2, factor: d.factor)
              let bucket: Int
              if useFast && l > target {
                bucket = grid.aboveBucket(logRatio: base + logF - 1e-6, level: j2)
              } else {
                bucket = grid.bucket(l, level: j2)
              }
              out.to.append(Int32(j2 * B + bucket))
              out.cost.append(d.cost)
            }
          }
        }
      }
      out.start[J * B] = out.to.count
      return out
    }
    let joulesMoves = joulesFronts.map(transitions)
    let secondsMoves = secondsFronts.map(transitions)
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
          let p = patternOf[k + 1]
          let base = (k + 1) * width
          func best(_ moves: Transitions, _ table: [Double]) -> Double {
            var best = Double.infinity
            moves.to.withUnsafeBufferPointer { to in
              moves.cost.withUnsafeBufferPointer { cost in
                table.withUnsafeBufferPointer { togo in
                  for t in moves.start[j * B + b]..<moves.start[j * B + b + 1] {
                    best = min(best, cost[t] + togo[base + Int(to[t])])
                  }
                }
              }
            }
            return best
          }
          let bestE = best(joulesMoves[p], e)
          let bestS = best(secondsMoves[p], s)
          e[i] = bestE
          s[i] = bestS
        }
      }
    }
    table = zip(e, s).map { SIMD2($0, $1) }
    isBuilt = true
  }

  /// The least joules and seconds a state with loss ℓ at level j after epoch k still
  /// needs (each ignoring the other constraint); (0, 0) when the table is not built.
  @inline(__always)
  func need(afterEpoch k: Int, loss: Double, level j: Int) -> (joules: Double, seconds: Double) {
    guard isBuilt else { return (0, 0) }
    let i = (k * levels + j) * buckets + grid.bucket(loss, level: j)
    return (table[i].x, table[i].y)
  }

  /// Whether level j's above-target buckets are measured from `floors[j]` (so a log-ratio
  /// to that floor gives this table's bucket).
  @inline(__always)
  func sharesReferences(with floors: [Double], level j: Int) -> Bool {
    isBuilt && grid.references[j] == floors[j]
  }

  /// ``need(afterEpoch:loss:level:)`` for a loss above the target whose log-ratio to level
  /// j's reference (``LossGrid/logRatio(_:level:)``, the solvers' grids share the
  /// references) is already known: no second logarithm. The ratio is lowered by 1e-6 so
  /// that rounding can only pick a lower bucket (a lower bound).
  @inline(__always)
  func need(afterEpoch k: Int, level j: Int, logRatio: Double) -> (joules: Double, seconds: Double) {
    guard isBuilt else { return (0, 0) }
    let i = (k * levels + j) * buckets + grid.aboveBucket(logRatio: logRatio - 1e-6, level: j)
    return (table[i].x, table[i].y)
  }
}
