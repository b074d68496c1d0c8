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

  init(_ perLevel: [NodeSetCandidates]) {
    defer {
      joules = decisions.map(\.joules)
      seconds = decisions.map(\.seconds)
      factors = decisions.map(\.factor)
      logFactors = factors.map { $0 > 0 ? log($0) : -.infinity }
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
