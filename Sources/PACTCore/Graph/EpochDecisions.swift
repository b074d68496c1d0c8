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

  init(_ perLevel: [NodeSetCandidates]) {
    defer {
      joules = decisions.map(\.joules)
      seconds = decisions.map(\.seconds)
      factors = decisions.map(\.factor)
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
