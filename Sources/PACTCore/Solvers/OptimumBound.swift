import Foundation

/// A proven lower bound on the optimum of docs/MODEL.md: no feasible plan of the
/// scenario, over *every* node set, costs less.
///
/// It works on the relaxed decisions of ``RelaxedDecisions``, which cover every real
/// node set: for each set S of the nodes available at an epoch there is a relaxed
/// decision d̂ with joules ≤ E(S), seconds ≤ T(S), and a factor that is at least as
/// good for the side of the floor the loss is on. Write g_j(ℓ, f) for the loss after
/// an epoch at level j with factor f from the shocked loss ℓ. Every loss form keeps
/// (``LossPredictor``): g is non-decreasing in ℓ, non-decreasing in f when ℓ is above
/// the floor ℓ∞_j and non-increasing below it, and the shock is non-decreasing in ℓ.
///
/// **Claim (relaxed dominance).** Take a real plan's state (ℓ, t, e) at level j after k
/// epochs and an *optimistic* state (ℓ̂, t̂, ê) at the same level with ℓ̂ ≤ ℓ, t̂ ≤ t,
/// ê ≤ e. For the plan's next decision (S, j′) there is a relaxed decision of level j′
/// whose successor of (ℓ̂, t̂, ê) is again ≤ the plan's next state in all three.
/// *Proof.* Time and energy: d̂'s figures are ≤ S's. Loss: the shocks give
/// ℓ̂ₛ ≤ ℓₛ. If ℓ̂ₛ ≥ ℓ∞, take d̂ from the descending corners, f̂ ≤ f:
/// g(ℓ̂ₛ, f̂) ≤ g(ℓ̂ₛ, f) ≤ g(ℓₛ, f). If ℓ̂ₛ < ℓ∞, take d̂ from the ascending corners,
/// f̂ ≥ f: g(ℓ̂ₛ, f̂) ≤ g(ℓ̂ₛ, f) ≤ g(ℓₛ, f). ∎
///
/// So from the start state (the plan's own), by induction, every feasible plan has at
/// every epoch an optimistic state below it — as long as the relaxed search only
/// *merges* states into their componentwise minimum (the optimistic corner of a cell:
/// it is below everything merged) and only *drops* a state when nothing below it can
/// lead to a cheaper terminal:
/// - its energy plus ``RemainingCostBound``'s energy over the relaxed decisions reaches
///   the current bound, or its time plus the remaining-time bound passes the deadline
///   (those bounds are themselves backward programs over the relaxed decisions, hence
///   below the cost of every real continuation);
/// - another optimistic state of the same level is below it in all three;
/// - it is a terminal (target met at a deployable level): its energy is a candidate
///   for the bound, and going on only adds energy.
/// The feasible plan's final state then has an optimistic terminal below it, of energy
/// ≤ the plan's: the least terminal energy found (or the incumbent's energy, a real plan,
/// when smaller) is ≤ the optimum. The backward bound from the start state is another
/// lower bound; the larger of the two is reported. Coarser cells merge more, so the
/// bound is looser; no cell size can make it wrong. Rounding: every relaxed figure is
/// lowered by 1e-9 relative, far above the rounding of a sum of 10⁴ epochs.
struct OptimumBound {
  let scenario: Scenario
  let predictor: any LossPredictor
  let cache: CandidateCache
  private(set) var remaining: RemainingCostBound

  /// The forward pass's grid is this many times finer than the pass it follows: a merged
  /// corner is optimistic by up to one cell per epoch, so a finer grid is tighter, at the
  /// cost of more states (the bound's pruning keeps them few). Tuning, chosen with
  /// `pact bench --suite targets` and the gap suite.
  static let lossRefinement = 8
  static let timeRefinement = 2
  /// The finest forward grid: past it the states grow faster than the bound tightens.
  static let maxLossBins = 4096
  static let maxTimeBins = 512

  /// Whether every availability pattern's sets were enumerated (``RelaxedDecisions``):
  /// then the relaxed decisions are real sets and the forward pass is tight; beyond
  /// that the relaxation ignores multi-node skew and only the backward bound is worth its time.
  let isExhaustive: Bool

  /// Whether every availability pattern of `scenario` has at most ``RelaxedDecisions/exhaustiveLimit`` nodes.
  static func enumerates(_ scenario: Scenario) -> Bool {
    var seen = Set<NodeSetKey>()
    for k in 1...max(1, scenario.training.epochs) {
      let available = scenario.availableNodes(at: k)
      if available.isEmpty { break }
      if seen.insert(NodeSetKey(available)).inserted, available.count > RelaxedDecisions.exhaustiveLimit {
        return false
      }
    }
    return true
  }

  /// The relaxed decisions and bounds of `scenario` (its planning form).
  /// - Parameter enumerates: whether to enumerate the sets of patterns small enough
  ///   (tests turn it off to check the cheaper relaxation against the exact optimum).
  /// - Parameter cheapest: the cheapest sets listed per pattern in that relaxation.
  init(
    scenario: Scenario, evaluator: PlanEvaluator, boundBuckets: Int = 256, cancel: CancellationToken? = nil,
    enumerates: Bool = true, cheapest: Int = RelaxedDecisions.cheapestLimit, store: CandidateStore? = nil
  ) {
    self.scenario = scenario
    predictor = evaluator.predictor
    // Enumeration pays only when every pattern is enumerated; otherwise every pattern
    // gets the cheap relaxation and the backward table is left out (too loose to pay).
    let exhaustive = enumerates && OptimumBound.enumerates(scenario)
    isExhaustive = exhaustive
    cache = CandidateCache(
      scenario: scenario, mode: .relaxed(enumerate: exhaustive, cheapest: cheapest), evaluator: evaluator)
    cache.use(store)
    cache.prepare(epochs: scenario.training.epochs, cancel: cancel)
    remaining = RemainingCostBound(
      scenario: scenario, cache: cache, predictor: evaluator.predictor, maxBuckets: boundBuckets,
      workScale: exhaustive ? CostToGo.heavyScale : 1, parallel: exhaustive)
  }

  /// This bound with the heavy backward table PACT's passes get after a heavy pass (twice
  /// the buckets, ``CostToGo/heavyScale``, time priced when the deadline binds), built on
  /// every core, when the sets are enumerated (the forward passes run): the forward
  /// passes after it keep a fraction of the states, so the proof keeps up with the passes
  /// the heavy table made cheaper (hard 14 × 20 × 6 seed 19: 359,926 states in 1.57 s for
  /// a bound 0.66 % below the plan → 67,536 states in 0.34 s, proven optimal). Built only
  /// then — at the start it would cost the easy instances more than their whole solve
  /// saves (hospital-consortium 30 → 65 ms).
  func withHeavyTable(boundBuckets: Int) -> OptimumBound {
    guard isExhaustive else { return self }
    var heavy = self
    heavy.remaining = RemainingCostBound(
      scenario: scenario, cache: cache, predictor: predictor, maxBuckets: 2 * boundBuckets,
      workScale: CostToGo.heavyScale, lagrangian: true, parallel: true, reusing: remaining)
    return heavy
  }

  /// The backward bound from the start state: the least energy of any relaxed path to a
  /// terminal, ignoring the deadline (0 when no plan can be ruled out that way).
  var startBound: Double {
    let t = scenario.training
    return max(
      remaining.need(afterEpoch: 0, loss: t.initialLoss, level: 0, seconds: 0).joules,
      LevelProgressBound.joules(
        scenario: scenario, predictor: predictor, cache: cache, table: remaining.wholeEpochs))
  }

  /// The relaxed forward search on a grid finer than (lossBins × timeBins), one optimistic corner
  /// per cell; `incumbent` is a feasible plan's energy (or infinity). Returns a lower
  /// bound on the optimum (infinity when no plan can be feasible), nil when cancelled
  /// or past `maxStates` states in one layer, with the states it kept and the successors
  /// it computed (its work).
  ///
  /// With `threads` (read before each layer) above 1, the successors of a layer of at least
  /// `parallelStates` states are computed by that many shares of its states at once
  /// (``ForwardShare``); the bound, the states and the successors counted are the same as
  /// in turn.
  func forwardPass(
    lossBins: Int, timeBins: Int, incumbent: Double, cancel: CancellationToken? = nil, maxStates: Int = 4_000_000,
    threads: () -> Int = { 1 }, parallelStates: Int = OptimumBound.parallelStates
  ) -> (bound: Double?, states: Int, edges: Int) {
    // Open the existential once so the hot loop calls a concrete, inlinable predictor.
    if let v1 = predictor as? PACTv1LossPredictor {
      return forwardPass(
        predictor: v1, lossBins: lossBins, timeBins: timeBins, incumbent: incumbent, cancel: cancel,
        maxStates: maxStates, threads: threads, parallelStates: parallelStates)
    }
    if let v3 = predictor as? PACTv3LossPredictor {
      return forwardPass(
        predictor: v3, lossBins: lossBins, timeBins: timeBins, incumbent: incumbent, cancel: cancel,
        maxStates: maxStates, threads: threads, parallelStates: parallelStates)
    }
    func run<L: LossPredictor>(_ p: L) -> (bound: Double?, states: Int, edges: Int) {
      forwardPass(
        predictor: p, lossBins: lossBins, timeBins: timeBins, incumbent: incumbent, cancel: cancel,
        maxStates: maxStates, threads: threads, parallelStates: parallelStates)
    }
    return run(predictor)
  }

  /// States of a layer from which a forward pass with several threads splits the work.
  static let parallelStates = 256

  func forwardPass<L: LossPredictor>(
    predictor: L, lossBins: Int, timeBins: Int, incumbent: Double, cancel: CancellationToken?, maxStates: Int,
    threads: () -> Int, parallelStates: Int
  ) -> (bound: Double?, states: Int, edges: Int) {
    let t = scenario.training
    let K = t.epochs
    let J = scenario.levelCount
    let D = t.deadlineSeconds
    let target = t.targetLoss
    let deploy = scenario.firstDeployableLevel ?? J
    let floors = (0..<J).map { predictor.floor(level: $0) }
    let lossGrid = LossGrid.spanning(
      scenario, predictor: predictor, bins: min(OptimumBound.maxLossBins, lossBins * OptimumBound.lossRefinement),
      floors: remaining.floorFrom)
    let timeBins = min(OptimumBound.maxTimeBins, timeBins * OptimumBound.timeRefinement)
    let timeGrid = TimeGrid(bins: timeBins, deadline: D)
    let logRatios = SuccessorLogRatio(
      grid: lossGrid, floors: floors, linear: L.self == PACTv1LossPredictor.self,
      exponents: (0..<J).map { predictor.descentExponent(level: $0) }, usable: remaining.sharesReferences)
    let LB = lossGrid.bins
    let TB = timeGrid.bins + 1
    var bound = incumbent
    var level: [Int] = [0]
    var loss: [Double] = [t.initialLoss]
    var seconds: [Double] = [0]
    var joules: [Double] = [0]
    var next = ForwardLayer()
    var states = 1
    var edges = 0
    for k in 1...max(1, K) {
      if cancel?.isCancelled == true { return (nil, states, edges) }
      guard let epoch = cache.decisions(epoch: k) else { break }
      next.reset()
      let eJ = epoch.joules
      let eS = epoch.seconds
      let eF = epoch.factors
      let eLogF = epoch.logFactors
      // The successors of states [lo, hi) against `local`, the bound lowered by their own
      // terminals, into `sink`: over every state, the layer itself (the pass in turn); over
      // a share of them, its record for the replay (``ForwardShare``). Returns `local` after.
      func expand<S: ForwardSink>(_ lo: Int, _ hi: Int, bound start: Double, into sink: inout S) -> Double {
        var local = start
        for v in lo..<hi {
          let vj = level[v]
          let ve = joules[v]
          let vs = seconds[v]
          if ve >= local { continue }
          for j in vj..<J {
            let shocked = predictor.shock(loss: loss[v], previousLevel: vj, level: j)
            let range = shocked >= floors[j] ? epoch.descending[j] : epoch.ascending[j]
            // Nothing within the bound: skipped before the descent's shared work.
            guard let first = range.first, ve + eJ[first] < local else { continue }
            // pact-v1: a successor's log-ratio is the shocked state's plus ln f (as in PACT's pass).
            let base = logRatios.base(shocked: shocked, level: j)
            let shared = predictor.descentBase(shocked: shocked, level: j)
            let power = logRatios.powerLaw(level: j)
            // The least the range's successors still need (``PACTSolver/Run/leastNeed``): past
            // it every successor is dropped by its own need, and none is a terminal.
            let (floorNeed, floorSeconds) = PACTSolver.Run.leastNeed(
              shocked >= floors[j] ? epoch.descendingBest[j] : epoch.ascendingBest[j], afterEpoch: k, level: j,
              shocked: shocked, seconds: vs, target: target, epoch: epoch, predictor: predictor, base: shared,
              logBase: base, logRatios: logRatios, lossGrid: lossGrid, remaining: remaining)
            let entered = local
            var terminal = -1
            var computed = 0
            for ei in range {
              let e = ve + eJ[ei]
              if e >= local { break }  // fronts are sorted by joules
              if e + floorNeed >= local {
                // This successor and every later one are dropped by their own need: counted only.
                computed += PACTSolver.Run.withinDeadline(
                  range: ei..<range.upperBound, epoch, from: (ve, vs), bound: local, deadline: D)
                break
              }
              let s = vs + eS[ei]
              if s > D { continue }
              // Dropped by its own need's seconds, and no terminal (as in PACT's pass): counted only.
              if s + floorSeconds > D {
                computed += 1
                continue
              }
              // A power-law successor certainly above the target: its log-ratio without its
              // descent, which only the survivors take (as in PACT's pass).
              let above =
                power
                ? logRatios.aboveTarget(shocked: shocked, descentBase: shared, logFactor: eLogF[ei], level: j) : nil
              var l =
                above == nil
                ? predictor.descend(shocked: shocked, level: j, factor: eF[ei], logFactor: eLogF[ei], base: shared)
                : .infinity
              computed += 1
              if l <= target && j >= deploy {
                terminal = ei  // an optimistic terminal: e < bound here
                local = e
                break
              }
              if k == K { continue }
              // One logarithm serves the loss bucket and the progress still needed (as in PACT's pass).
              var ratio = above ?? 0
              if above == nil, l > target {
                if let base { ratio = base + eLogF[ei] } else { ratio = lossGrid.logRatio(l, level: j) }
              }
              guard
                let need = remaining.need(
                  afterEpoch: k, loss: l, level: j, logRatio: ratio, seconds: s, joules: e, bound: local, deadline: D)
              else { continue }
              if above != nil {
                l = predictor.descend(shocked: shocked, level: j, factor: eF[ei], logFactor: eLogF[ei], base: shared)
              }
              let lb = l > target ? lossGrid.aboveBucket(logRatio: ratio, level: j) : lossGrid.belowBucket(l)
              sink.survivor(
                ForwardShare.Survivor(
                  position: Int32(ei), level: Int32(j), joules: e, seconds: s, loss: l, need: need.joules,
                  cell: (j * LB + lb) * TB + timeGrid.bucket(s)))
            }
            sink.visit(
              ForwardShare.Visit(
                vertex: Int32(v), lower: Int32(range.lowerBound), upper: Int32(range.upperBound), floorNeed: floorNeed,
                terminal: Int32(terminal), survivorsEnd: 0, bound: entered, successors: computed))
          }
        }
        return local
      }
      // A large layer split among threads, then replayed in turn (``ForwardShare``): the
      // same layer, bound and count as in turn.
      let shareCount = level.count >= parallelStates ? min(max(1, threads()), level.count) : 1
      if shareCount > 1 {
        let cuts = (0...shareCount).map { level.count * $0 / shareCount }
        let layerBound = bound
        let shares = ParallelMap.map(Array(0..<shareCount)) { i in
          var share = ForwardShare()
          _ = expand(cuts[i], cuts[i + 1], bound: layerBound, into: &share)
          return share
        }
        bound = next.replay(
          shares, vertexJoules: joules, vertexSeconds: seconds, epoch: epoch, deadline: D, bound: layerBound)
      } else {
        bound = expand(0, level.count, bound: bound, into: &next)
      }
      edges += next.edges
      if next.level.count > maxStates { return (nil, states, edges) }
      // Drop states at or over the bound and those below another of the same level in all three.
      var byLevel = [[Int]](repeating: [], count: J)
      for i in next.level.indices where next.joules[i] < bound { byLevel[next.level[i]].append(i) }
      level = []
      loss = []
      seconds = []
      joules = []
      for members in byLevel where !members.isEmpty {
        let costs = members.map {
          Dominance.Costs(loss: next.loss[$0], seconds: next.seconds[$0], joules: next.joules[$0])
        }
        for m in Dominance.nondominated(costs) {
          let i = members[m]
          level.append(next.level[i])
          loss.append(next.loss[i])
          seconds.append(next.seconds[i])
          joules.append(next.joules[i])
        }
      }
      states += level.count
      if level.isEmpty { break }
    }
    return (bound, states, edges)
  }
}

/// Cell → state index for one layer of the forward pass: open addressing over flat
/// arrays (a layer touches few of the grid's cells), cleared in O(cells touched).
struct CellIndex {
  private var keys = [Int](repeating: -1, count: 1 << 12)
  private var values = [Int](repeating: 0, count: 1 << 12)
  private var touched: [Int] = []

  /// The index stored for `cell`, or `next` after storing it there when the cell is new.
  mutating func index(of cell: Int, next: Int) -> Int {
    if touched.count * 2 >= keys.count { grow() }
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: (UInt(bitPattern: cell) &* 0x9E37_79B9_7F4A_7C15) >> 24) & mask
    while true {
      let k = keys[slot]
      if k == cell { return values[slot] }
      if k < 0 {
        keys[slot] = cell
        values[slot] = next
        touched.append(slot)
        return next
      }
      slot = (slot + 1) & mask
    }
  }

  /// Forgets every cell.
  mutating func reset() {
    for slot in touched { keys[slot] = -1 }
    touched.removeAll(keepingCapacity: true)
  }

  private mutating func grow() {
    let old = touched.map { (keys[$0], values[$0]) }
    keys = [Int](repeating: -1, count: keys.count * 2)
    values = [Int](repeating: 0, count: keys.count)
    touched.removeAll(keepingCapacity: true)
    for (k, v) in old { _ = index(of: k, next: v) }
  }
}
