import Foundation

/// Lower bounds on the joules and on the seconds a state still needs to finish a
/// feasible plan, each ignoring the other constraint: a backward dynamic program over
/// (epoch, level, loss bucket) on a coarse loss grid, with every candidate decision of
/// every later epoch. On request (`lagrangian`, PACT's table after a heavy pass) and when
/// the deadline binds — the cheapest path from the start is slower than the deadline —
/// two more programs price time: the least joules + λ·seconds for two prices λ, so that
/// a state with t seconds elapsed needs at least either value less λ·(deadline − t)
/// joules (the argument is at ``need(afterEpoch:loss:level:seconds:)``). The prices are
/// fixed multiples of the cheapest path's joules per second of deadline
/// (``lambdaMultipliers``): a low one for states with most of the deadline left, a high
/// one for states close to it — each column is a bound whatever its price, so none is
/// searched for (the search at the start state's bound cost seven programs, and the price
/// best there is not the best for the states that matter: hard seed 19's last pass 55 M →
/// 8 M successors with the two fixed prices on 512 buckets).
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
///   K epochs, on each resource's two-dimensional fronts; B (at most 256, or 512 for a heavy table) is lowered
///   (down to 16) to keep those within ``transitionWork`` and ``additionWork`` (times
///   `workScale`), and the bound is skipped (0) when even 16 buckets are over them.
struct CostToGo {
  /// The coarse grid the table is on.
  let grid: LossGrid
  let levels: Int
  let buckets: Int
  /// Least joules, least seconds and least joules + λ·seconds for the two prices
  /// (``lambdas``) still needed at `(k * levels + j) * buckets + b`, side by side (one
  /// load serves a state; read directly only by the tests).
  let table: [SIMD4<Double>]
  /// The price of a second in the third and fourth columns (zero: no such columns, the
  /// deadline does not bind the relaxed paths).
  let lambdas: SIMD2<Double>
  /// The deadline the priced columns' bounds subtract the time left from.
  let deadline: Double
  /// Multiples of (the cheapest path's joules ÷ the deadline) that price the two columns.
  static let lambdaMultipliers = [1.0 / 16, 1.0 / 2]
  /// Whether the table was built (else every bound is 0).
  let isBuilt: Bool

  /// Transitions per loss bucket (every pattern's once) and additions per bucket (every
  /// epoch's) of this table's decisions: its work, whatever its size. (Counted only until
  /// no table at a scale up to ``heavyScale`` could take it: then a part of it.)
  let transitionsPerBucket: Int
  let additionsPerBucket: Int

  /// The buckets of a table whose work per bucket is this at `workScale`: 256 when the
  /// work allows, fewer otherwise (down to 16; none asked for: no table), and whether
  /// that many fit the work at all and are at least `leastBuckets` (else the table is
  /// skipped: too coarse to pay; ``PACTSolver/leastPassBuckets`` for the passes' own).
  static func size(
    transitionsPerBucket: Int, additionsPerBucket: Int, maxBuckets: Int, workScale: Int, leastBuckets: Int = 16
  ) -> (buckets: Int, fits: Bool) {
    var B = maxBuckets <= 0 ? 0 : max(16, min(CostToGo.mostBuckets, maxBuckets))
    // Past the full scale, the extra work buys only a table of 64 buckets or more (big
    // fleets' tables stay coarse at any affordable scale and prune too little to pay).
    var scale = workScale
    func fits(_ b: Int) -> Bool {
      transitionsPerBucket * b <= CostToGo.transitionWork * scale
        && additionsPerBucket * b <= CostToGo.additionWork * scale
    }
    while B > 16 && !fits(B) { B /= 2 }
    if scale > CostToGo.fullScale && B < 64 {
      scale = CostToGo.fullScale
      while B > 16 && !fits(B) { B /= 2 }
    }
    return (B, B > 0 && B >= leastBuckets && fits(B))
  }

  /// The most loss buckets a table may have (the heavy table after a heavy pass asks for
  /// twice ``PACTSolver/boundBuckets``, 512; every other table for 256 at most).
  static let mostBuckets = 512

  /// Whether a table of the same decisions at `workScale` would be built: a rebuild that
  /// would be skipped for its work is not worth its fronts.
  func wouldBuild(maxBuckets: Int, workScale: Int) -> Bool {
    CostToGo.size(
      transitionsPerBucket: transitionsPerBucket, additionsPerBucket: additionsPerBucket, maxBuckets: maxBuckets,
      workScale: workScale
    ).fits
  }

  /// Successor losses (each a logarithm) the transitions may take.
  static let transitionWork = 400_000
  /// How many times the usual work a full-scale table may take (what a ``heavyScale``
  /// table falls back to when even that work would leave it coarse).
  static let fullScale = 8
  /// How many times the usual work PACT's table may take after a heavy pass (one that
  /// relaxed over ``PACTSolver/heavyPassEdges``), and the proof's table when it enumerates
  /// every set: such a solve's next passes cost seconds, and 256 buckets where 8× allows
  /// 128 halve them (hard 14 × 20 × 6 seed 19: 7.7 → 3.5 s, for 0.5 s of table). Only for
  /// a table of 64 buckets or more (else the full scale's).
  static let heavyScale = 32
  /// Additions the backward program may take.
  static let additionWork = 24_000_000

  /// - Parameter maxBuckets: the most loss buckets of the table (256 by default; a quick
  ///   draft solve asks for fewer).
  /// - Parameter parallel: whether to build it on every core (``ParallelMap``; the same table).
  /// - Parameter leastBuckets: the fewest buckets worth a table (fewer: not built).
  init(
    scenario: Scenario, cache: CandidateCache, predictor: any LossPredictor, floors: [Double], maxBuckets: Int = 256,
    workScale: Int = 1, lagrangian: Bool = false, parallel: Bool = false, leastBuckets: Int = 16
  ) {
    let t = scenario.training
    let K = t.epochs
    let J = scenario.levelCount
    levels = J
    let deploy = scenario.firstDeployableLevel ?? J
    var lastEpoch = 0
    while lastEpoch < K && !cache.availableNodes(epoch: lastEpoch + 1).isEmpty { lastEpoch += 1 }
    var patterns: [[Int]] = []
    var patternOf = [Int](repeating: -1, count: K + 1)
    var index: [NodeSetKey: Int] = [:]
    for k in stride(from: 1, through: lastEpoch, by: 1) {
      let available = cache.availableNodes(epoch: k)
      let key = NodeSetKey(available)
      if let i = index[key] {
        patternOf[k] = i
      } else {
        index[key] = patterns.count
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
      /// The decision's seconds (only followed along the joules table's cheapest paths).
      var seconds: Double
      /// Its position among the level's candidates (descending, then ascending): the
      /// fronts of one pattern share a successor's bucket through it.
      var index: Int
    }
    func fronts(_ c: NodeSetCandidates, _ cost: (NodeSetCandidates.Candidate) -> Double) -> [Decision] {
      let all = (c.descending + c.ascending).enumerated().map {
        Decision(factor: $1.factor, cost: cost($1), seconds: $1.seconds, index: $0)
      }
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
    // Transitions per loss bucket: from each level j, every decision of every level ≥ j.
    func moves(_ fronts: [[Decision]]) -> Int {
      (0..<J).reduce(0) { total, j in total + (j..<J).reduce(0) { $0 + fronts[$1].count } }
    }
    // The fronts pattern by pattern, counting their work. Once the count is over what a
    // table at any scale up to ``heavyScale`` may take (the work only grows with more
    // patterns), the rest are left out: no table of these decisions is ever built, and
    // the partial count says so (10,000 nodes: 50 ms of fronts for no table, twice).
    var joulesFronts: [[[Decision]]] = []
    var secondsFronts: [[[Decision]]] = []
    var perLevel: [[NodeSetCandidates]] = []
    var perPattern: [Int] = []
    var transitionsPerBucket = 0
    for available in patterns {
      let candidates = cache.candidates(available: available)
      perLevel.append(candidates)
      joulesFronts.append(candidates.map { fronts($0) { $0.joules } })
      secondsFronts.append(candidates.map { fronts($0) { $0.seconds } })
      perPattern.append(moves(joulesFronts[joulesFronts.count - 1]) + moves(secondsFronts[secondsFronts.count - 1]))
      transitionsPerBucket += perPattern[perPattern.count - 1]
      let most = CostToGo.size(
        transitionsPerBucket: transitionsPerBucket, additionsPerBucket: 0, maxBuckets: 256,
        workScale: max(workScale, CostToGo.heavyScale))
      if !most.fits { break }
    }
    let additionsPerBucket = (1...max(1, lastEpoch)).reduce(0) {
      $0 + (patternOf[$1] >= 0 && patternOf[$1] < perPattern.count ? perPattern[patternOf[$1]] : 0)
    }
    self.transitionsPerBucket = transitionsPerBucket
    self.additionsPerBucket = additionsPerBucket
    let size = CostToGo.size(
      transitionsPerBucket: transitionsPerBucket, additionsPerBucket: additionsPerBucket, maxBuckets: maxBuckets,
      workScale: workScale, leastBuckets: leastBuckets)
    let B = size.buckets
    buckets = B
    grid = LossGrid.spanning(scenario, predictor: predictor, bins: B, floors: floors)
    let lo = grid.lowest
    // Skipped when even 16 buckets are over the work: such a coarse table prunes too
    // little to pay for itself.
    deadline = t.deadlineSeconds
    guard size.fits, lastEpoch > 0 else {
      table = []
      lambdas = .zero
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
      var seconds: [Double] = []
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
    // The power-law forms: a successor above the target takes its bucket from one
    // logarithm, without its descent (``SuccessorLogRatio``).
    let logRatios = SuccessorLogRatio(
      grid: grid, floors: floorsAt, linear: linear,
      exponents: floorsAt.indices.map { predictor.descentExponent(level: $0) },
      usable: floorsAt.map { _ in true })
    // The successors of one pattern's fronts (several: the joules and the seconds fronts
    // hold many of the same candidates), each successor's bucket computed once per (level,
    // bucket, next level) and candidate: the loss form opened once, the shared part of its
    // descent (``LossPredictor/descentBase(shocked:level:)``) and the factors' logarithms
    // taken once — the same numbers as one descent per transition. Of the decisions of a
    // front that reach the same bucket only the cheapest is kept (a quarter to a sixth of
    // them on the samples, a third on hard 14-node instances): the program's additions fall
    // by as much, its results are the same.
    // Rows j · B + b in `rows` only (the others' starts left at 0): rows are independent,
    // so ranges of them can be built apart and joined (``joined(_:)``).
    func transitions<L: LossPredictor>(_ predictor: L, _ sets: [[[Decision]]], rows: Range<Int>) -> [Transitions] {
      var out = sets.map { _ in
        var t = Transitions()
        t.start = [Int](repeating: 0, count: J * B + 1)
        return t
      }
      // Each list written in place into room for every decision of its rows (the lists side
      // by side in one flat array per figure), then cut to what was kept: no appends to
      // arrays inside an array in the loop (each checked its arrays' uniqueness).
      let room = sets.map { set in
        rows.reduce(0) { total, row in total + (row / B..<J).reduce(0) { $0 + set[$1].count } }
      }
      var offset = [0]
      for r in room { offset.append(offset[offset.count - 1] + r) }
      var to = [Int32](repeating: 0, count: offset[sets.count])
      var cost = [Double](repeating: 0, count: offset[sets.count])
      var seconds = [Double](repeating: 0, count: offset[sets.count])
      var next = Array(offset.dropLast())
      let candidates = (0..<J).map { j2 in sets.reduce(0) { max($0, ($1[j2].map(\.index).max() ?? -1) + 1) } }
      var factorOf = candidates.map { [Double](repeating: 0, count: $0) }
      var logFactorOf = candidates.map { [Double](repeating: 0, count: $0) }
      for set in sets {
        for j2 in 0..<J {
          for d in set[j2] {
            factorOf[j2][d.index] = d.factor
            logFactorOf[j2][d.index] = d.factor > 0 ? log(d.factor) : -Double.infinity
          }
        }
      }
      var memo = [Int32](repeating: -1, count: candidates.max() ?? 0)
      var reached = [Int](repeating: 0, count: B)
      var stamp = 0
      for row in rows {
        let j = row / B
        let b = row % B
        for s in sets.indices { out[s].start[row] = next[s] - offset[s] }
        let loss = lowestLoss(b, level: j)
        for j2 in j..<J {
          let shocked = predictor.shock(loss: loss, previousLevel: j, level: j2)
          let floor = floorsAt[j2]
          let useFast = fast[j2] && shocked > floor && target > floor
          let base = useFast ? log(shocked - floor) - log(target - floor) : 0
          let shared = predictor.descentBase(shocked: shocked, level: j2)
          for i in 0..<candidates[j2] { memo[i] = -1 }
          for s in sets.indices {
            stamp += 1
            var n = next[s]
            defer { next[s] = n }
            for d in sets[s][j2] {
              var bucket = Int(memo[d.index])
              if bucket < 0,
                let ratio = logRatios.aboveTarget(
                  shocked: shocked, descentBase: shared, logFactor: logFactorOf[j2][d.index], level: j2)
              {
                bucket = grid.aboveBucket(logRatio: ratio - 1e-6, level: j2)
                memo[d.index] = Int32(bucket)
              }
              if bucket < 0 {
                let logF = logFactorOf[j2][d.index]
                let l = predictor.descend(
                  shocked: shocked, level: j2, factor: factorOf[j2][d.index], logFactor: logF, base: shared)
                if useFast && l > target {
                  bucket = grid.aboveBucket(logRatio: base + logF - 1e-6, level: j2)
                } else {
                  bucket = grid.bucket(l, level: j2)
                }
                memo[d.index] = Int32(bucket)
              }
              // A later decision to the same bucket costs no less (the fronts are sorted by
              // cost): it can never be the least, nor the first least the seconds follow.
              if reached[bucket] == stamp { continue }
              reached[bucket] = stamp
              to[n] = Int32(j2 * B + bucket)
              cost[n] = d.cost
              seconds[n] = d.seconds
              n += 1
            }
          }
        }
      }
      for s in out.indices {
        out[s].to = Array(to[offset[s]..<next[s]])
        out[s].cost = Array(cost[offset[s]..<next[s]])
        out[s].seconds = Array(seconds[offset[s]..<next[s]])
        out[s].start[rows.upperBound] = next[s] - offset[s]
      }
      return out
    }
    // Row ranges built apart, joined in order: the same arrays as one build of every row.
    func joined(_ parts: [(rows: Range<Int>, moves: [Transitions])]) -> [Transitions] {
      guard parts.count > 1 else { return parts.first?.moves ?? [] }
      return parts[0].moves.indices.map { s in
        var t = Transitions()
        t.start = [Int](repeating: 0, count: J * B + 1)
        for part in parts {
          let m = part.moves[s]
          let offset = t.to.count
          for row in part.rows { t.start[row] = m.start[row] + offset }
          t.to += m.to
          t.cost += m.cost
          t.seconds += m.seconds
        }
        t.start[J * B] = t.to.count
        return t
      }
    }
    // The loss form opened once, to its own code where the hot ones are concerned.
    func transitions(_ sets: [[[Decision]]], rows: Range<Int>) -> [Transitions] {
      if let v1 = predictor as? PACTv1LossPredictor { return transitions(v1, sets, rows: rows) }
      if let v3 = predictor as? PACTv3LossPredictor { return transitions(v3, sets, rows: rows) }
      return transitions(predictor, sets, rows: rows)
    }
    // On every core when asked (the prover's table, and PACT's after a heavy pass, built
    // while the other cores wait): patterns, the two programs and the λ tried are
    // independent, and so are the rows of one pattern's transitions (a level's rows cost in
    // proportion to the levels at or above it: ranges of equal work); each result is the
    // same as in turn.
    func each<T, R>(_ items: [T], _ transform: @escaping (T) -> R) -> [R] {
      parallel ? ParallelMap.map(items, transform) : items.map(transform)
    }
    let pieces = parallel && patterns.count < ParallelMap.maximumThreads ? 2 * ParallelMap.maximumThreads : 1
    let rowRanges: [Range<Int>] = {
      // Rows of level j cost about J − j each.
      let total = (0..<J).reduce(0) { $0 + (J - $1) } * B
      var ranges: [Range<Int>] = []
      var lower = 0
      var work = 0
      for row in 0..<(J * B) {
        work += J - row / B
        if work * pieces >= total * (ranges.count + 1) || row == J * B - 1 {
          ranges.append(lower..<(row + 1))
          lower = row + 1
        }
      }
      return ranges
    }()
    // Each pattern's transitions for its fronts (one list per resource, sharing a
    // successor's bucket), its row ranges built apart and joined in order.
    func build(_ perPattern: [[[[Decision]]]]) -> [[Transitions]] {
      let built = each(perPattern.flatMap { sets in rowRanges.map { (sets, $0) } }) { job in
        (rows: job.1, moves: transitions(job.0, rows: job.1))
      }
      return stride(from: 0, to: built.count, by: rowRanges.count).map {
        joined(Array(built[$0..<($0 + rowRanges.count)]))
      }
    }
    let moves = build(zip(joulesFronts, secondsFronts).map { [$0, $1] })
    let joulesMoves = moves.map { $0[0] }
    let secondsMoves = moves.map { $0[1] }
    let width = J * B
    let terminalBuckets = grid.belowBins  // buckets 0..<belowBins hold losses ≤ target
    /// The backward program over `moves` (one per pattern): the least cost at every
    /// (epoch, level, bucket), and the seconds along the cheapest path when `along` is given.
    func program(_ moves: [Transitions], along: UnsafeMutablePointer<Double>? = nil) -> [Double] {
      var c = [Double](repeating: .infinity, count: (K + 1) * width)
      let none = Transitions(start: [Int](repeating: 0, count: J * B + 1))
      c.withUnsafeMutableBufferPointer { togo in
        for k in stride(from: K, through: 0, by: -1) {
          // An epoch's transitions taken once, not once per cell (a copy retains four arrays).
          let live = k < K && k + 1 <= lastEpoch
          let m = live ? moves[patternOf[k + 1]] : none
          let base = (k + 1) * width
          m.to.withUnsafeBufferPointer { to in
            m.cost.withUnsafeBufferPointer { cost in
              m.seconds.withUnsafeBufferPointer { seconds in
                m.start.withUnsafeBufferPointer { start in
                  for j in 0..<J {
                    for b in 0..<B {
                      let i = k * width + j * B + b
                      if j >= deploy && b < terminalBuckets {
                        togo[i] = 0
                        along?[i] = 0
                        continue
                      }
                      guard live else { continue }
                      var best = Double.infinity
                      var arg = -1
                      for t in start[j * B + b]..<start[j * B + b + 1] {
                        let v = cost[t] + togo[base + Int(to[t])]
                        if v < best {
                          best = v
                          arg = t
                        }
                      }
                      togo[i] = best
                      if let along, arg >= 0 { along[i] = seconds[arg] + along[base + Int(to[arg])] }
                    }
                  }
                }
              }
            }
          }
        }
      }
      return c
    }
    let programs = each([true, false]) { joules -> (cost: [Double], seconds: [Double]) in
      guard joules else { return (program(secondsMoves), []) }
      var along = [Double](repeating: .infinity, count: (K + 1) * width)
      let cost = along.withUnsafeMutableBufferPointer { program(joulesMoves, along: $0.baseAddress) }
      return (cost, along)
    }
    let e = programs[0].cost
    let eSeconds = programs[0].seconds
    let s = programs[1].cost
    // The deadline binds the relaxed paths when the cheapest one from the start is too
    // slow: then the Lagrangian tables (joules + λ·seconds) are tighter.
    let root = grid.bucket(t.initialLoss, level: 0)
    let D = t.deadlineSeconds
    var priced: [[Double]] = []
    if lagrangian, e[root].isFinite, e[root] > 0, eSeconds[root] > D * (1 + 1e-9), D > 0, D.isFinite {
      let unit = e[root] / D  // joules per second of the cheapest path spread over the deadline
      // One program per price, each built on every core like the two above: each
      // pattern's (joules + λ·seconds) fronts, their row ranges apart.
      priced = CostToGo.lambdaMultipliers.map { m in
        let lambda = unit * m
        let fronts = perLevel.map { p in p.map { fronts($0) { $0.joules + lambda * $0.seconds } } }
        return program(build(fronts.map { [$0] }).map { $0[0] })
      }
      lambdas = SIMD2(unit * CostToGo.lambdaMultipliers[0], unit * CostToGo.lambdaMultipliers[1])
    } else {
      lambdas = .zero
    }
    var assembled = [SIMD4<Double>](repeating: .zero, count: e.count)
    for i in e.indices { assembled[i] = SIMD4(e[i], s[i], 0, 0) }
    if !priced.isEmpty {
      for i in e.indices {
        assembled[i].z = priced[0][i]
        assembled[i].w = priced[1][i]
      }
    }
    table = assembled
    isBuilt = true
  }

  /// The least joules and seconds a state with loss ℓ at level j after epoch k and
  /// `seconds` elapsed still needs; (0, 0) when the table is not built.
  ///
  /// The seconds ignore the energy; the joules are the largest of the least joules
  /// ignoring the deadline and, when the table has Lagrangian columns, each one's value
  /// less its λ times the time left: every feasible continuation spends E joules in
  /// S ≤ D − t seconds, and E + λ·S ≥ the column's least E + λ·S (a backward program
  /// like the others over the same relaxed decisions), so E ≥ column − λ·S ≥
  /// column − λ·(D − t), for any λ ≥ 0.
  @inline(__always)
  func need(afterEpoch k: Int, loss: Double, level j: Int, seconds: Double) -> Need {
    guard isBuilt else { return Need(joules: 0, seconds: 0, untimedJoules: 0) }
    return need(at: (k * levels + j) * buckets + grid.bucket(loss, level: j), seconds: seconds)
  }

  @inline(__always)
  private func need(at i: Int, seconds: Double) -> Need {
    let v = table[i]
    guard lambdas.x > 0 else { return Need(joules: v.x, seconds: v.y, untimedJoules: v.x) }
    let left = deadline - seconds
    return Need(
      joules: max(v.x, v.z - lambdas.x * left, v.w - lambdas.y * left), seconds: v.y, untimedJoules: v.x)
  }

  /// What a state still needs: joules (with the time left, when the table has a
  /// Lagrangian column), seconds, and the joules ignoring the deadline.
  struct Need {
    var joules: Double
    var seconds: Double
    var untimedJoules: Double
  }

  /// Whether level j's above-target buckets are measured from `floors[j]` (so a log-ratio
  /// to that floor gives this table's bucket).
  @inline(__always)
  func sharesReferences(with floors: [Double], level j: Int) -> Bool {
    isBuilt && grid.references[j] == floors[j]
  }

  /// ``need(afterEpoch:loss:level:seconds:)`` for a loss above the target whose log-ratio to level
  /// j's reference (``LossGrid/logRatio(_:level:)``, the solvers' grids share the
  /// references) is already known: no second logarithm. The ratio is lowered by 1e-6 so
  /// that rounding can only pick a lower bucket (a lower bound).
  @inline(__always)
  func need(afterEpoch k: Int, level j: Int, logRatio: Double, seconds: Double) -> Need {
    guard isBuilt else { return Need(joules: 0, seconds: 0, untimedJoules: 0) }
    return need(
      at: (k * levels + j) * buckets + grid.aboveBucket(logRatio: logRatio - 1e-6, level: j), seconds: seconds)
  }
}
