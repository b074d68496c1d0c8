import Foundation

/// One epoch's candidates of every level as a flat list of graph decisions, with
/// the index range of each level's two fronts.
struct EpochDecisions {
  var decisions: [TimeExpandedGraph.Decision] = []
  /// `descending[j]`: level j's sets for states above its floor; `ascending[j]`: below it.
  var descending: [Range<Int>] = []
  var ascending: [Range<Int>] = []
  /// The decisions' joules, seconds and loss factors as plain arrays, for the solvers' hot loops.
  var joules: [Double] = []
  var seconds: [Double] = []
  var factors: [Double] = []
  /// ln(factor) of each decision (−∞ for a factor of 0): for pact-v1, whose loss moves
  /// toward the floor by the factor, a successor's log-ratio to the floor is its state's
  /// plus this — no logarithm per successor.
  var logFactors: [Double] = []
  /// Per level, the decision of `descending[j]` with the least factor and the one of
  /// `ascending[j]` with the greatest (−1 for an empty range): the lowest loss any of the
  /// range's decisions can reach from a state (``RangeBest``).
  var descendingBest: [RangeBest] = []
  var ascendingBest: [RangeBest] = []

  /// The best a range of decisions can do from one state: the decision whose successor
  /// has the least loss (the loss forms are monotone in the factor, each way of the
  /// floor), and the least seconds of any decision of the range.
  struct RangeBest {
    var decision: Int
    var leastSeconds: Double
  }

  init(_ perLevel: [NodeSetCandidates]) {
    defer {
      joules = decisions.map(\.joules)
      seconds = decisions.map(\.seconds)
      factors = decisions.map(\.factor)
      logFactors = factors.map { $0 > 0 ? log($0) : -.infinity }
      func best(_ range: Range<Int>, smallFactor: Bool) -> RangeBest {
        var out = RangeBest(decision: -1, leastSeconds: .infinity)
        for d in range {
          out.leastSeconds = min(out.leastSeconds, seconds[d])
          let better =
            out.decision < 0 || (smallFactor ? factors[d] < factors[out.decision] : factors[d] > factors[out.decision])
          if better { out.decision = d }
        }
        return out
      }
      descendingBest = descending.map { best($0, smallFactor: true) }
      ascendingBest = ascending.map { best($0, smallFactor: false) }
    }
    for (j, candidates) in perLevel.enumerated() {
      for (front, isDescending) in [(candidates.descending, true), (candidates.ascending, false)] {
        let start = decisions.count
        decisions += front.map {
          .init(nodes: $0.nodes, level: j, seconds: $0.seconds, joules: $0.joules, factor: $0.factor)
        }
        if isDescending {
          descending.append(start..<decisions.count)
        } else {
          ascending.append(start..<decisions.count)
        }
      }
    }
  }
}
