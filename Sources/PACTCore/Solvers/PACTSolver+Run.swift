import Foundation

extension PACTSolver {
  /// One pass of the dynamic program at one bucket grid.
  struct Run {
    let scenario: Scenario
    let evaluator: PlanEvaluator
    let cache: CandidateCache
    /// Lower bounds on what a state still needs; the same for every pass of a solve.
    let remaining: RemainingCostBound
    var graph: TimeExpandedGraph
    var store: BucketStore
    /// The incumbent's energy: states that cannot beat it are dropped.
    var bound: Double
    var edgesRelaxed = 0
    /// Successors computed per state of the previous layer in the last layer built.
    var successorsPerState = 0.0
    /// Terminal vertices (layer, index): target met at a deployable level.
    var terminals: [(layer: Int, vertex: Int)] = []
    /// In front mode (a deadline frontier), the plans found so far that are Pareto-optimal
    /// in (seconds, joules) replace the single incumbent: a state is dropped only when a
    /// known plan is no slower and no dearer than anything it could still become.
    var front: TerminalFront? = nil
    /// Work running beside this pass on a core of its own (the prover), if any.
    var sharesCoresWith: (any BackgroundActivity)? = nil
    /// Each share's successors of a layer, their storage kept for the next layer's (filling
    /// fresh arrays copied each about twice as it grew: 3 % of digits-fedavg's instructions).
    var successorBuffers: [SuccessorBuffer] = []
    /// Vertices kept over all layers, and the most bytes held at once.
    var storedVertices = 0
    var peakBytes = 0

    init(
      scenario: Scenario, knobs: SolverKnobs, evaluator: PlanEvaluator, cache: CandidateCache,
      remaining: RemainingCostBound, bound: Double
    ) {
      self.scenario = scenario
      self.evaluator = evaluator
      self.cache = cache
      self.remaining = remaining
      self.bound = bound
      graph = TimeExpandedGraph(
        lossGrid: LossGrid.spanning(
          scenario, predictor: evaluator.predictor, bins: knobs.lossBins, floors: remaining.floorFrom),
        timeGrid: TimeGrid(bins: knobs.timeBins, deadline: scenario.training.deadlineSeconds),
        levelCount: scenario.levelCount)
      store = BucketStore(capacity: knobs.bucketStates)
    }

    /// Builds the graph layer by layer; returns why it stopped early, if it did.
    mutating func execute(cancel: CancellationToken?, memoryBudgetBytes: Int) -> SolveStatus? {
      // Open the existential once so the hot loop calls a concrete, inlinable predictor.
      if let v1 = evaluator.predictor as? PACTv1LossPredictor {
        return execute(predictor: v1, cancel: cancel, memoryBudgetBytes: memoryBudgetBytes)
      }
      if let v3 = evaluator.predictor as? PACTv3LossPredictor {
        return execute(predictor: v3, cancel: cancel, memoryBudgetBytes: memoryBudgetBytes)
      }
      func run<L: LossPredictor>(_ predictor: L) -> SolveStatus? {
        execute(predictor: predictor, cancel: cancel, memoryBudgetBytes: memoryBudgetBytes)
      }
      return run(evaluator.predictor)
    }

    mutating func execute<L: LossPredictor>(predictor: L, cancel: CancellationToken?, memoryBudgetBytes: Int)
      -> SolveStatus?
    {
      let t = scenario.training
      let start = TimeExpandedGraph.Vertex(
        level: 0, lossBucket: graph.lossGrid.bucket(t.initialLoss, level: 0), timeBucket: 0, loss: t.initialLoss,
        seconds: 0, joules: 0, parent: -1, decision: -1)
      graph.layers = [[start]]
      graph.decisions = [[]]
      graph.decisionFronts = [.init(descending: [], ascending: [])]
      storedVertices = 1
      for k in 1...t.epochs {
        if cancel?.isCancelled == true { return .cancelled }
        guard let decisions = cache.decisions(epoch: k) else { break }
        var layer = buildLayer(k, decisions, predictor: predictor)
        layer = Run.pruneDominated(
          layer, bound: bound, target: t.targetLoss, deployLevel: scenario.firstDeployableLevel ?? scenario.levelCount,
          levels: scenario.levelCount)
        for (i, v) in layer.enumerated() where isTerminal(v) { terminals.append((k, i)) }
        graph.layers.append(layer)
        graph.decisions.append(decisions.decisions)
        graph.decisionFronts.append(.init(descending: decisions.descending, ascending: decisions.ascending))
        storedVertices += layer.count
        let bytes =
          storedVertices * MemoryLayout<TimeExpandedGraph.Vertex>.stride + store.bytes
          + graph.decisions.reduce(0) { $0 + $1.count * 64 }
        peakBytes = max(peakBytes, bytes)
        if bytes > memoryBudgetBytes { return .budgetExceeded(.memory(bytes: memoryBudgetBytes)) }
        if layer.isEmpty { break }
      }
      return nil
    }

    /// Whether a state meets the target at a deployable level.
    func isTerminal(_ v: TimeExpandedGraph.Vertex) -> Bool {
      v.loss <= scenario.training.targetLoss && v.level >= (scenario.firstDeployableLevel ?? scenario.levelCount)
    }

    /// One share's successors of a layer (``successorBuffers``); only its share's thread
    /// touches it while the layer's successors are computed.
    final class SuccessorBuffer: @unchecked Sendable {
      var items: [Successor] = []
    }

    /// A successor that passed the checks that do not depend on the layer's running
    /// bound: what ``buildLayer(_:_:predictor:)`` offers to its cell, in order.
    struct Successor {
      var parent: Int32
      var decision: Int32
      var level: Int32
      var lossBucket: Int32
      var timeBucket: Int32
      var done: Bool
      var loss: Double
      var seconds: Double
      var joules: Double
      /// Joules plus the joules still needed (the cell's ranking), and seconds plus the
      /// seconds still needed.
      var promise: Double
      var reach: Double
      /// The cell's ranking: joules plus the joules still needed ignoring the deadline.
      var rank: Double
    }

    /// Layer k: the successors of layer k − 1's states through epoch k's decisions that
    /// the bound, the deadline and the cells keep.
    ///
    /// In two phases, so that the costly part runs on every core with results identical
    /// to one thread's: (1) each state's successors are computed (loss, buckets, the
    /// bounds on what they still need) and checked against the bound *at the start of the
    /// layer* — a successor that fails then fails later too, as the bound only falls and
    /// the front only grows — by contiguous shares of the states on separate threads;
    /// (2) in the states' order, the survivors are checked against the running bound and
    /// offered to their cells, exactly as one pass over the states would.
    mutating func buildLayer<L: LossPredictor>(_ k: Int, _ epoch: EpochDecisions, predictor: L)
      -> [TimeExpandedGraph.Vertex]
    {
      let t = scenario.training
      let J = scenario.levelCount
      let K = t.epochs
      let D = t.deadlineSeconds
      let target = t.targetLoss
      let deployLevel = scenario.firstDeployableLevel ?? J
      let floors = (0..<J).map { predictor.floor(level: $0) }
      let LB = graph.lossBins
      let TB = graph.timeBins + 1
      let lossGrid = graph.lossGrid
      let timeGrid = graph.timeGrid
      let remaining = self.remaining
      // Structure-of-arrays copies of the edge figures keep the hot loop free of reference counting.
      let edgeJoules = epoch.joules
      let edgeSeconds = epoch.seconds
      let edgeFactor = epoch.factors
      let edgeLogFactor = epoch.logFactors
      let logRatios = SuccessorLogRatio(
        grid: lossGrid, floors: floors, linear: L.self == PACTv1LossPredictor.self,
        exponents: (0..<J).map { predictor.descentExponent(level: $0) }, usable: remaining.sharesReferences)
      let previous = graph.layers[k - 1]
      let startBound = self.bound
      let startFront = front
      // One epoch before the last, a state that does not meet the target must do so in the
      // last epoch: its exact cost of finishing (``finishingJoules``) replaces the table's
      // bucket-wide estimate, and a state that cannot finish is dropped.
      let beforeLast = k == K - 1
      let last = beforeLast ? cache.decisions(epoch: K) : nil
      let frontMode = front != nil
      // Phase 1: the successors of states [lo, hi), checked against the start bound.
      func successors(_ lo: Int, _ hi: Int, into buffer: SuccessorBuffer) -> Int {
        // The buffer's storage, held alone while it is filled (so appends stay in place).
        var out = buffer.items
        buffer.items = []
        out.removeAll(keepingCapacity: true)
        defer { buffer.items = out }
        var relaxed = 0
        for vi in lo..<hi {
          let v = previous[vi]
          if v.joules >= startBound { continue }
          if k > 1 && v.loss <= target && v.level >= deployLevel { continue }  // a terminal is not expanded
          for j in v.level..<J {
            let shocked = predictor.shock(loss: v.loss, previousLevel: v.level, level: j)
            let range = shocked >= floors[j] ? epoch.descending[j] : epoch.ascending[j]
            // Nothing within the bound: skipped before the descent's shared work.
            guard let first = range.first, v.joules + edgeJoules[first] < startBound else { continue }
            let base = logRatios.base(shocked: shocked, level: j)
            let shared = predictor.descentBase(shocked: shocked, level: j)
            let power = logRatios.powerLaw(level: j)
            let (floorNeed, floorSeconds) = Run.leastNeed(
              shocked >= floors[j] ? epoch.descendingBest[j] : epoch.ascendingBest[j], afterEpoch: k, level: j,
              shocked: shocked, seconds: v.seconds, target: target, epoch: epoch, predictor: predictor, base: shared,
              logBase: base, logRatios: logRatios, lossGrid: lossGrid, remaining: remaining)
            for ei in range {
              let e = v.joules + edgeJoules[ei]
              if e >= startBound { break }  // fronts are sorted by joules
              if e + floorNeed >= startBound {
                // This successor and every later one are dropped by their own need: counted only.
                relaxed += Run.withinDeadline(
                  range: ei..<range.upperBound, epoch, from: (v.joules, v.seconds), bound: startBound, deadline: D)
                break
              }
              let s = v.seconds + edgeSeconds[ei]
              if s > D { continue }
              relaxed += 1
              // Dropped by its own need's seconds, whatever its loss: no descent taken.
              if s + floorSeconds > D { continue }
              // A power-law successor certainly above the target: its log-ratio without its
              // descent, which only the survivors take (+∞ stands for its loss until then).
              let above =
                power
                ? logRatios.aboveTarget(
                  shocked: shocked, descentBase: shared, logFactor: edgeLogFactor[ei], level: j) : nil
              var l =
                above == nil
                ? predictor.descend(
                  shocked: shocked, level: j, factor: edgeFactor[ei], logFactor: edgeLogFactor[ei], base: shared)
                : .infinity
              let done = l <= target && j >= deployLevel
              if !done && k == K { continue }
              // One logarithm serves the loss bucket and the progress still needed (none for
              // pact-v1: the state's plus the decision's).
              var ratio = above ?? 0
              if above == nil, l > target {
                if let base { ratio = base + edgeLogFactor[ei] } else { ratio = lossGrid.logRatio(l, level: j) }
              }
              guard
                let need = remaining.need(
                  afterEpoch: k, loss: l, level: j, logRatio: ratio, seconds: s, joules: e, bound: startBound,
                  deadline: D)
              else { continue }
              if frontMode, startFront?.covers(seconds: s + need.seconds, joules: e + need.joules) == true { continue }
              if above != nil {
                l = predictor.descend(
                  shocked: shocked, level: j, factor: edgeFactor[ei], logFactor: edgeLogFactor[ei], base: shared)
              }
              var promise = e + need.joules
              var rank = e + need.ranking
              if !done, beforeLast {
                guard let last,
                  let finish = Run.finishingJoules(
                    from: l, level: j, seconds: s, last, predictor: predictor, floors: floors, target: target,
                    deployLevel: deployLevel, deadline: D)
                else { continue }
                if e + finish >= startBound { continue }
                promise = max(promise, e + finish)
                rank = max(rank, e + finish)
              }
              let lb = l > target ? lossGrid.aboveBucket(logRatio: ratio, level: j) : lossGrid.belowBucket(l)
              out.append(
                Successor(
                  parent: Int32(vi), decision: Int32(ei), level: Int32(j), lossBucket: Int32(lb),
                  timeBucket: Int32(timeGrid.bucket(s)), done: done, loss: l, seconds: s, joules: e,
                  promise: promise, reach: s + need.seconds, rank: rank))
            }
          }
        }
        return relaxed
      }
      // Shares of about equal size; one share for a small layer (threads cost more than they save).
      // (One core fewer while the prover runs on its own.)
      // Split when the states are many, or when the layer before says each has much to do
      // (its successors per state): the hard instances' first passes have a few hundred
      // states a layer and a thousand successors each (14 × 20 × 6 seed 46: 236 states, 75
      // ms a layer in turn while the other core idles).
      let cores = min(ParallelMap.maximumThreads, 8) - (sharesCoresWith?.isRunning == true ? 1 : 0)
      let expected = Double(previous.count) * successorsPerState
      let threads =
        previous.count >= Run.parallelStates || (previous.count >= 64 && expected >= Run.parallelSuccessors)
        ? max(1, cores) : 1
      let bounds = (0...threads).map { previous.count * $0 / threads }
      while successorBuffers.count < threads { successorBuffers.append(SuccessorBuffer()) }
      let buffers = successorBuffers
      let relaxedByShare =
        threads > 1
        ? ParallelMap.map(Array(0..<threads)) { successors(bounds[$0], bounds[$0 + 1], into: buffers[$0]) }
        : [successors(0, previous.count, into: buffers[0])]
      // Phase 2: in order, against the running bound, into the cells.
      var layer: [TimeExpandedGraph.Vertex] = []
      var removed: [Int32] = []
      var bound = startBound
      let relaxedBefore = edgesRelaxed
      defer { successorsPerState = Double(edgesRelaxed - relaxedBefore) / Double(max(1, previous.count)) }
      for (share, relaxed) in relaxedByShare.enumerated() {
        edgesRelaxed += relaxed
        for c in buffers[share].items {
          if c.joules >= bound || c.promise >= bound || previous[Int(c.parent)].joules >= bound { continue }
          if frontMode, front?.covers(seconds: c.reach, joules: c.promise) == true { continue }
          let j = Int(c.level)
          let cell = (j * LB + Int(c.lossBucket)) * TB + Int(c.timeBucket)
          guard
            store.offer(
              cell: cell, vertex: Int32(layer.count), joules: c.joules, loss: c.loss, seconds: c.seconds,
              promise: c.rank, removed: &removed)
          else { continue }
          for dead in removed { layer[Int(dead)].joules = .infinity }  // filtered after the layer
          removed.removeAll(keepingCapacity: true)
          layer.append(
            TimeExpandedGraph.Vertex(
              level: j, lossBucket: Int(c.lossBucket), timeBucket: Int(c.timeBucket), loss: c.loss,
              seconds: c.seconds, joules: c.joules, parent: c.parent, decision: c.decision))
          if c.done {
            if frontMode {
              front?.insert(seconds: c.seconds, joules: c.joules)
            } else if c.joules < bound {
              bound = c.joules
            }
          }
        }
      }
      self.bound = bound
      store.reset()
      return layer
    }

    /// Lower bounds on the joules and on the seconds still needed after any decision of one
    /// range (a level's descending or ascending front) from a state with shocked loss
    /// `shocked` and `seconds` elapsed: ``RemainingCostBound``'s need at the lowest loss the
    /// range reaches (its `best` decision) and its least seconds; 0 when that loss meets the
    /// target (a successor may be a terminal).
    ///
    /// Why it is below every successor's need: the loss forms are monotone in the factor
    /// (non-decreasing above the floor, non-increasing below; ``LossPredictor``), so every
    /// successor's loss is ≥ the best decision's, and above the target every part of the
    /// need is non-decreasing in the loss and the seconds — the per-unit-of-progress term
    /// in the log-ratio, the backward table in its bucket (by induction over its epochs:
    /// a bucket's lowest loss reaches buckets no higher than a higher bucket's does) and
    /// its Lagrangian term in the seconds. The fronts are sorted by joules, so once a
    /// decision's joules plus this reach the bound, it and every later one of the range
    /// would be dropped by their own need: the passes stop there without computing their
    /// losses (most of a heavy pass's successors: 92 % of digits-fedavg's last pass).
    /// Likewise the seconds (the seconds still needed do not depend on the seconds
    /// elapsed): a successor whose own seconds plus the range's least seconds pass the
    /// deadline would be dropped by its own need, and is not a terminal (its loss is above
    /// the best's, above the target) — the passes skip its descent (hard 14 × 20 × 6 seed
    /// 93: a third of its last pass's computed successors).
    @inline(__always)
    static func leastNeed<L: LossPredictor>(
      _ best: EpochDecisions.RangeBest, afterEpoch k: Int, level j: Int, shocked: Double, seconds: Double,
      target: Double, epoch: EpochDecisions, predictor: L, base shared: Double, logBase: Double?,
      logRatios: SuccessorLogRatio, lossGrid: LossGrid, remaining: RemainingCostBound
    ) -> (joules: Double, seconds: Double) {
      let d = best.decision
      guard d >= 0 else { return (0, 0) }
      if let ratio = logRatios.aboveTarget(
        shocked: shocked, descentBase: shared, logFactor: epoch.logFactors[d], level: j)
      {
        let need = remaining.need(
          afterEpoch: k, loss: .infinity, level: j, logRatio: ratio, seconds: seconds + best.leastSeconds)
        return (need.joules, need.seconds)
      }
      let l = predictor.descend(
        shocked: shocked, level: j, factor: epoch.factors[d], logFactor: epoch.logFactors[d], base: shared)
      guard l > target else { return (0, 0) }
      let ratio = logBase.map { $0 + epoch.logFactors[d] } ?? lossGrid.logRatio(l, level: j)
      let need = remaining.need(
        afterEpoch: k, loss: l, level: j, logRatio: ratio, seconds: seconds + best.leastSeconds)
      return (need.joules, need.seconds)
    }

    /// The least joules of one epoch of `last` that takes a state (loss `loss` at level
    /// j, `seconds` elapsed) to the target at a deployable level within the deadline — the
    /// exact cost of finishing when one epoch is left — or nil when none does. Each
    /// level's fronts are sorted by joules, so the first decision of a range that finishes
    /// is its cheapest.
    static func finishingJoules<L: LossPredictor>(
      from loss: Double, level j: Int, seconds: Double, _ last: EpochDecisions, predictor: L, floors: [Double],
      target: Double, deployLevel: Int, deadline: Double
    ) -> Double? {
      var best: Double? = nil
      for j2 in max(j, deployLevel)..<floors.count {
        let shocked = predictor.shock(loss: loss, previousLevel: j, level: j2)
        let range = shocked >= floors[j2] ? last.descending[j2] : last.ascending[j2]
        // The pass's own arithmetic, so that "finishes" here is "is a terminal" there.
        let shared = predictor.descentBase(shocked: shocked, level: j2)
        for d in range {
          if let best, last.joules[d] >= best { break }
          if seconds + last.seconds[d] > deadline { continue }
          let l = predictor.descend(
            shocked: shocked, level: j2, factor: last.factors[d], logFactor: last.logFactors[d], base: shared)
          if l <= target {
            best = last.joules[d]
            break
          }
        }
      }
      return best
    }

    /// How many decisions of `range` (sorted by joules) a state reaches before `bound` and
    /// within the deadline: the successors a pass would have computed and dropped (its
    /// count of relaxed edges stays the same, and the choices made from it).
    @inline(__always)
    static func withinDeadline(
      range: Range<Int>, _ epoch: EpochDecisions, from v: (joules: Double, seconds: Double), bound: Double,
      deadline: Double
    ) -> Int {
      epoch.joules.withUnsafeBufferPointer { joules in
        epoch.seconds.withUnsafeBufferPointer { seconds in
          // The range is sorted by joules: those within the bound are a prefix (found by
          // bisection, the same comparison), then counted without a branch.
          var lo = range.lowerBound
          var hi = range.upperBound
          while lo < hi {
            let mid = (lo + hi) / 2
            if v.joules + joules[mid] >= bound { hi = mid } else { lo = mid + 1 }
          }
          var n = 0
          for ei in range.lowerBound..<lo { n += v.seconds + seconds[ei] <= deadline ? 1 : 0 }
          return n
        }
      }
    }

    /// States of the previous layer from which a layer's successors are computed on
    /// several threads.
    static let parallelStates = 512
    /// Or the successors it is expected to compute (its states times the successors per
    /// state of the layer before), from 64 states.
    static let parallelSuccessors = 20_000.0

    /// Drops vertices whose energy reaches the bound (but the incumbent's own terminal),
    /// and those dominated by another vertex of the same level (`Dominance`).
    /// The survivors keep their order, which the next layer's parent indices refer to.
    ///
    /// - Complexity: O(V log V) for V vertices.
    static func pruneDominated(
      _ layer: [TimeExpandedGraph.Vertex], bound: Double, target: Double, deployLevel: Int, levels J: Int
    ) -> [TimeExpandedGraph.Vertex] {
      var byLevel = [[Int]](repeating: [], count: J)
      for (i, v) in layer.enumerated()
      where v.joules < bound || (v.joules == bound && v.loss <= target && v.level >= deployLevel) {
        byLevel[v.level].append(i)
      }
      var keep = [Bool](repeating: false, count: layer.count)
      for members in byLevel where !members.isEmpty {
        let costs = members.map {
          Dominance.Costs(loss: layer[$0].loss, seconds: layer[$0].seconds, joules: layer[$0].joules)
        }
        for k in Dominance.nondominated(costs) { keep[members[k]] = true }
      }
      var out: [TimeExpandedGraph.Vertex] = []
      out.reserveCapacity(layer.count)
      for i in layer.indices where keep[i] { out.append(layer[i]) }
      return out
    }

    /// The cheapest terminal whose exact evaluation is feasible, with its path.
    func bestTerminal(evaluator: PlanEvaluator) -> (path: [Int], evaluation: PlanEvaluation)? {
      let ordered = terminals.sorted {
        let a = graph.layers[$0.layer][$0.vertex]
        let b = graph.layers[$1.layer][$1.vertex]
        return a.joules != b.joules ? a.joules < b.joules : $0.layer < $1.layer
      }
      for terminal in ordered.prefix(32) {
        let path = graph.path(toLayer: terminal.layer, vertex: terminal.vertex)
        let evaluation = evaluator.evaluate(graph.plan(along: path))
        if evaluation.isFeasible { return (path, evaluation) }
      }
      return nil
    }
  }
}
