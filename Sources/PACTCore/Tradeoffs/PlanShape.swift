/// What a speaker narrates about a plan: the nodes it uses, when it starts pruning,
/// how deep, and how many epochs.
struct PlanShape: Equatable {
  var nodes: Set<String>
  /// The first epoch trained on a pruned model (nil: never pruned).
  var firstPrunedEpoch: Int?
  var finalLevel: Int
  var epochs: Int

  init(_ evaluation: PlanEvaluation, scenario: Scenario) {
    nodes = Set(
      evaluation.epochs.flatMap { $0.nodes }.compactMap {
        scenario.nodes.indices.contains($0) ? scenario.nodes[$0].id : nil
      })
    firstPrunedEpoch = evaluation.epochs.first { $0.level > 0 }?.epoch
    finalLevel = evaluation.epochs.last?.level ?? 0
    epochs = evaluation.epochs.count
  }

  /// The differences from this shape to `other`, in words; empty when none.
  func change(to other: PlanShape) -> [String] {
    var out: [String] = []
    let joined = other.nodes.subtracting(nodes).sorted()
    let left = nodes.subtracting(other.nodes).sorted()
    if !joined.isEmpty { out.append("\(joined.joined(separator: ", ")) join\(joined.count == 1 ? "s" : "")") }
    if !left.isEmpty { out.append("\(left.joined(separator: ", ")) leave\(left.count == 1 ? "s" : "")") }
    if firstPrunedEpoch != other.firstPrunedEpoch {
      switch (firstPrunedEpoch, other.firstPrunedEpoch) {
      case (let a?, let b?): out.append("pruning moves from epoch \(a) to \(b)")
      case (nil, let b?): out.append("pruning starts at epoch \(b)")
      case (_?, nil): out.append("no pruning")
      default: break
      }
    }
    if finalLevel != other.finalLevel { out.append("final level \(finalLevel) → \(other.finalLevel)") }
    if epochs != other.epochs {
      let d = other.epochs - epochs
      out.append("\(abs(d)) epoch\(abs(d) == 1 ? "" : "s") \(d > 0 ? "more" : "fewer") (\(other.epochs))")
    }
    return out
  }
}
