import Foundation

/// Lower bounds on the energy and time still needed from a state to a feasible
/// plan, which both solvers use to drop states that cannot beat the incumbent
/// (an A*-style bound; it never drops a state on an optimal path).
///
/// From loss ℓ at level j after epoch k, with ℓ∞* the lowest floor of the levels
/// ≥ j: each pact-v1 epoch gives ℓ' − ℓ∞* ≥ (ℓ − ℓ∞*) · exp(−ρ) (shocks only add
/// loss, higher levels only raise the floor), so reaching the target needs
/// Σρ ≥ ln((ℓ − ℓ∞*) / (target − ℓ∞*)), and every epoch's energy is at least
/// η · ρ where η is the least joules per unit of ρ of any candidate set at a
/// level ≥ j in a later epoch (likewise seconds). When the target is at or
/// below ℓ∞*, the state can never reach it. A state that meets the target below
/// the deployable level still needs one more epoch at a deployable level.
///
/// For pact-v1 a state also needs at least ``WholeEpochBound``'s value at its level and
/// cell, over these decisions: the level-progress program in whole epochs, which ignores
/// the epochs left and the deadline, so its one table serves every epoch. It prices the
/// fraction of an epoch that the per-unit bound lets a plan buy; on long plans that is
/// most of what separates a state from the incumbent (10,000 nodes: 46.2 M successors
/// relaxed over all passes → 2.1 M, the same plan).
struct RemainingCostBound {
  let target: Double
  let deployLevel: Int
  let levels: Int
  /// Whether the loss form contracts toward its floor like pact-v1 (else only the one-more-epoch bound).
  let contracts: Bool
  /// Suffix minima over epochs > k and levels ≥ j, at `k * (levels + 1) + j`: least
  /// joules, least seconds, least joules and seconds per unit of progress (in that order,
  /// side by side: one load serves a state).
  private let minima: [SIMD4<Double>]
  /// Per level: whether the backward table's grid has the references of `floorFrom`
  /// (then a loss above the target is read only through its log-ratio).
  let sharesReferences: [Bool]
  /// Lowest floor over levels ≥ j (the loss grid's references are these).
  let floorFrom: [Double]
  /// The backward bound on a coarse grid (epochs whole, shocks, availability, epochs left).
  let costToGo: CostToGo
  /// pact-v1: the level-progress program in whole epochs over these decisions (``WholeEpochBound``).
  let wholeEpochs: WholeEpochBound.Table?

  /// - Parameter maxBuckets: the most loss buckets of the backward table (`CostToGo`'s grid).
  /// - Parameter workScale: how many times ``CostToGo``'s usual work the backward table may take.
  /// - Parameter lagrangian: whether the backward table also prices time (``CostToGo``'s
  ///   third column), for solves whose passes are heavy.
  /// - Parameter parallel: whether the backward table is built on every core.
  /// - Parameter leastBuckets: the fewest buckets worth a backward table (``CostToGo``).
  /// - Parameter previous: a bound over the same cache whose whole-epoch table serves again.
  init(
    scenario: Scenario, cache: CandidateCache, predictor: any LossPredictor, maxBuckets: Int = 256, workScale: Int = 1,
    lagrangian: Bool = false, parallel: Bool = false, leastBuckets: Int = 16,
    reusing previous: RemainingCostBound? = nil
  ) {
    let K = scenario.training.epochs
    let J = scenario.levelCount
    target = scenario.training.targetLoss
    deployLevel = scenario.firstDeployableLevel ?? J
    levels = J
    contracts = predictor is PACTv1LossPredictor
    let width = J + 1
    var minJ = [Double](repeating: .infinity, count: (K + 1) * width)
    var minS = minJ
    var perJ = minJ
    var perS = minJ
    // Per-epoch figures at index (k − 1): minima over that epoch's candidates at level j.
    var lastEpoch = 0
    while lastEpoch < K && !cache.availableNodes(epoch: lastEpoch + 1).isEmpty { lastEpoch += 1 }
    for k in stride(from: K - 1, through: 0, by: -1) {
      // Row k: epochs > k, i.e. epoch k + 1 and the row below.
      for j in stride(from: J, through: 0, by: -1) {
        var e = k + 1 < K ? minJ[(k + 1) * width + j] : .infinity
        var s = k + 1 < K ? minS[(k + 1) * width + j] : .infinity
        var pe = k + 1 < K ? perJ[(k + 1) * width + j] : .infinity
        var ps = k + 1 < K ? perS[(k + 1) * width + j] : .infinity
        if j < J {
          e = min(e, minJ[k * width + j + 1])
          s = min(s, minS[k * width + j + 1])
          pe = min(pe, perJ[k * width + j + 1])
          ps = min(ps, perS[k * width + j + 1])
          if k + 1 <= lastEpoch {
            let candidates = cache.candidates(epoch: k + 1)[j]
            for c in candidates.descending {
              e = min(e, c.joules)
              s = min(s, c.seconds)
            }
            for c in candidates.ascending {
              e = min(e, c.joules)
              s = min(s, c.seconds)
            }
            for c in candidates.descending where c.factor < 1 {
              let rho = -log(c.factor)
              pe = min(pe, c.joules / rho)
              ps = min(ps, c.seconds / rho)
            }
          }
        }
        minJ[k * width + j] = e
        minS[k * width + j] = s
        perJ[k * width + j] = pe
        perS[k * width + j] = ps
      }
    }
    minima = (0..<minJ.count).map { SIMD4(minJ[$0], minS[$0], perJ[$0], perS[$0]) }
    var floors = [Double](repeating: .infinity, count: J + 1)
    for j in stride(from: J - 1, through: 0, by: -1) { floors[j] = min(floors[j + 1], predictor.floor(level: j)) }
    floorFrom = floors
    let table = CostToGo(
      scenario: scenario, cache: cache, predictor: predictor, floors: Array(floors.prefix(J)), maxBuckets: maxBuckets,
      workScale: workScale, lagrangian: lagrangian, parallel: parallel, leastBuckets: leastBuckets)
    costToGo = table
    // pact-v1: whole epochs by level (``WholeEpochBound``), for every state's need.
    // (It depends on the decisions only, not on the backward table's size or scale: a
    // rebuild over the same cache reuses it.)
    if let previous {
      wholeEpochs = previous.wholeEpochs
    } else if contracts {
      wholeEpochs = WholeEpochBound.table(
        decisions: WholeEpochBound.decisions(cache, levels: J, epochs: K),
        floors: (0..<J).map { predictor.floor(level: $0) }, target: target, start: scenario.training.initialLoss,
        deploy: deployLevel)
    } else {
      wholeEpochs = nil
    }
    sharesReferences = (0..<J).map { table.sharesReferences(with: floors, level: $0) }
  }

  /// Lower bounds on the joules and seconds a state with loss ℓ at level j after epoch
  /// k and `seconds` elapsed still needs to finish a feasible plan: (0, 0) for a terminal
  /// (target met at a deployable level), infinite when it can never finish. The solvers drop a state
  /// when its joules plus the first reach the incumbent or its seconds plus the second
  /// pass the deadline, and rank the states of a full bucket by joules plus `ranking` (the
  /// first without the deadline's Lagrangian term: the cells rank as before it).
  @inline(__always)
  func need(afterEpoch k: Int, loss: Double, level j: Int, seconds: Double) -> (
    joules: Double, seconds: Double, ranking: Double
  ) {
    if loss <= target || !contracts || !(target > floorFrom[j]) || !(loss > floorFrom[j]) {
      return need(afterEpoch: k, loss: loss, level: j, logRatio: .nan, seconds: seconds)
    }
    let r = floorFrom[j]
    return need(
      afterEpoch: k, loss: loss, level: j, logRatio: Double(logf(Float((loss - r) / (target - r)))), seconds: seconds)
  }

  /// ``need(afterEpoch:loss:level:seconds:)`` given ln((ℓ − ℓ∞*) / (target − ℓ∞*)) with ℓ∞* the
  /// lowest floor of the levels ≥ j (in single precision, as ``LossGrid/logRatio(_:level:)``
  /// computes it when its reference is that floor); the logarithm is not used otherwise.
  @inline(__always)
  func need(afterEpoch k: Int, loss: Double, level j: Int, logRatio: Double, seconds: Double) -> (
    joules: Double, seconds: Double, ranking: Double
  ) {
    need(afterEpoch: k, loss: loss, level: j, logRatio: logRatio, seconds: seconds, unlessPast: nil)!
  }

  /// ``need(afterEpoch:loss:level:logRatio:seconds:)`` for a state of `joules` whose joules
  /// plus the need's are checked against `bound` and its seconds plus the need's against
  /// `deadline`, as the passes do: nil when the state is dropped that way. Each part of
  /// the need is checked as soon as it is known (the need is the largest of its parts,
  /// and adding the state's joules keeps their order), so a state the backward table
  /// drops — most of a heavy pass's — skips the whole-epoch table's load.
  @inline(__always)
  func need(
    afterEpoch k: Int, loss: Double, level j: Int, logRatio: Double, seconds: Double, joules: Double, bound: Double,
    deadline: Double
  ) -> (joules: Double, seconds: Double, ranking: Double)? {
    need(
      afterEpoch: k, loss: loss, level: j, logRatio: logRatio, seconds: seconds,
      unlessPast: (joules, bound, deadline))
  }

  @inline(__always)
  private func need(
    afterEpoch k: Int, loss: Double, level j: Int, logRatio: Double, seconds: Double,
    unlessPast limits: (joules: Double, bound: Double, deadline: Double)?
  ) -> (joules: Double, seconds: Double, ranking: Double)? {
    let width = levels + 1
    // The backward table's grid has the same references: the log-ratio serves its bucket too.
    let backward =
      loss > target && logRatio.isFinite && sharesReferences[j]
      ? costToGo.need(afterEpoch: k, level: j, logRatio: logRatio, seconds: seconds)
      : costToGo.need(afterEpoch: k, loss: loss, level: j, seconds: seconds)
    if let limits,
      limits.joules + backward.joules >= limits.bound || seconds + backward.seconds > limits.deadline
    {
      return nil
    }
    /// The need, or nil when the limits drop it.
    @inline(__always)
    func checked(_ n: (joules: Double, seconds: Double, ranking: Double)) -> (
      joules: Double, seconds: Double, ranking: Double
    )? {
      if let limits, limits.joules + n.joules >= limits.bound || seconds + n.seconds > limits.deadline { return nil }
      return n
    }
    if loss <= target {
      if j >= deployLevel { return checked((0, 0, 0)) }
      let m = minima[k * width + deployLevel]
      return checked((max(m[0], backward.joules), max(m[1], backward.seconds), max(m[0], backward.untimedJoules)))
    }
    let m = minima[k * width + j]
    guard contracts else {
      return checked((max(m[0], backward.joules), max(m[1], backward.seconds), max(m[0], backward.untimedJoules)))
    }
    let floor = floorFrom[j]
    if !(target > floor) || !(loss > floor) { return checked((.infinity, .infinity, .infinity)) }
    // logf is within a few ulps; the margin keeps the bound below the true value.
    let progress = logRatio * (1 - 1e-5) - 1e-6
    // (Whole epochs: any lower estimate of the level's own progress serves, and this one,
    // from the lowest floor of the levels ≥ j, is below it.)
    let whole = wholeEpochs?.joules(level: j, progress: progress) ?? 0
    let perUnit = max(m[0], m[2] * progress, whole.isFinite ? whole : .infinity)
    return checked(
      (
        max(perUnit, backward.joules), max(m[1], m[3] * progress, backward.seconds),
        max(perUnit, backward.untimedJoules)
      )
    )
  }
}
