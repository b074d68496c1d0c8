import Foundation

/// One real training run, ready for loss prediction: its round-0 loss and, for
/// every epoch, the level, the set statistics (u, δ) and the measured loss.
public struct TraceRun: Equatable, Sendable {
  /// One epoch (round ≥ 1) of the run.
  public struct Epoch: Equatable, Sendable {
    /// Pruning level index j (remaining = pruningLevels[j]), in force from the start of the round.
    public var level: Int
    /// u, the sample-weighted mean local SGD steps of the set that trained.
    public var meanSteps: Double
    /// δ, the label skew of that set against all nodes.
    public var skew: Double
    /// The measured training loss after the round.
    public var loss: Double
    /// The ids of the nodes that trained.
    public var nodes: [String]
  }

  public var id: String
  public var alpha: String
  public var seed: String
  public var policy: String
  public var schedule: String
  /// The measured loss before training (round 0).
  public var initialLoss: Double
  public var epochs: [Epoch]

  /// The measured losses of rounds 0…m (round 0 first).
  public var losses: [Double] { [initialLoss] + epochs.map(\.loss) }
}

/// Turns trace records into runs: groups rows by run, checks rounds 0…m are all
/// there, maps `remaining` to level indices and node ids to (u, δ).
public enum TraceRuns {
  /// The pruning levels of the shared digits traces: 0.8^0 … 0.8^8.
  public static let digitsLevels: [Double] = (0...8).map { pow(0.8, Double($0)) }

  /// Largest relative distance between a trace's `remaining` and the level it is mapped to.
  public static let levelTolerance = 0.01

  /// The runs of `records`, in the order they first appear.
  ///
  /// - Parameters:
  ///   - pruningLevels: r_j; each round's `remaining` must be within 1 % of one of them.
  ///   - batchSize: B for the local SGD steps (the digits traces use 32).
  ///   - localEpochs: E, local epochs per round (the digits traces use 1).
  public static func build(
    _ records: [TraceRecord], nodes: TraceNodes, pruningLevels: [Double] = digitsLevels, batchSize: Int = 32,
    localEpochs: Int = 1, source: String = "traces"
  ) throws(InputError) -> [TraceRun] {
    let context = nodes.statisticsContext(batchSize: batchSize, localEpochs: localEpochs)
    var order: [String] = []
    var rowsByRun: [String: [TraceRecord]] = [:]
    for record in records {
      if rowsByRun[record.run] == nil { order.append(record.run) }
      rowsByRun[record.run, default: []].append(record)
    }
    var issues: [ScenarioIssue] = []
    var runs: [TraceRun] = []
    let levelText = pruningLevels.map { Format.number($0) }.joined(separator: ", ")
    for id in order {
      guard var rows = rowsByRun[id], let firstRow = rows.first else { continue }
      rows.sort { $0.round < $1.round }
      var ok = true
      for (a, b) in zip(rows, rows.dropFirst()) where a.round == b.round {
        issues.append(
          ScenarioIssue("line \(b.line), column round", "run \(id) has round \(b.round) twice (also line \(a.line))"))
        ok = false
      }
      guard ok else { continue }
      guard let zero = rows.first, zero.round == 0 else {
        issues.append(
          ScenarioIssue("line \(firstRow.line), column round", "run \(id) has no round 0 (the loss before training)"))
        continue
      }
      for (expected, row) in rows.enumerated() where row.round != expected {
        issues.append(
          ScenarioIssue(
            "line \(row.line), column round", "run \(id) jumps to round \(row.round); round \(expected) is missing"))
        ok = false
        break
      }
      guard ok else { continue }
      if rows.count < 2 {
        issues.append(
          ScenarioIssue(
            "line \(zero.line), column round", "run \(id) has only round 0; it needs at least one trained round"))
        continue
      }
      var epochs: [TraceRun.Epoch] = []
      var previousLevel = 0
      for row in rows.dropFirst() {
        guard let level = nearestLevel(row.remaining, pruningLevels) else {
          issues.append(
            ScenarioIssue(
              "line \(row.line), column remaining",
              "\(Format.number(row.remaining)) is not one of the pruning levels (\(levelText))"))
          ok = false
          continue
        }
        if level < previousLevel {
          issues.append(
            ScenarioIssue(
              "line \(row.line), column remaining",
              "grows back to \(Format.number(row.remaining)); pruned weights never return"))
          ok = false
        }
        previousLevel = level
        var set = NodeSetStatistics(context: context)
        for nodeID in row.nodes {
          guard let n = nodes.index(of: nodeID) else {
            issues.append(
              ScenarioIssue(
                "line \(row.line), column nodes",
                "unknown node id \(JSONWriter.quoted(nodeID)); it is not in the nodes file"))
            ok = false
            continue
          }
          set.add(n, context: context)
        }
        epochs.append(
          TraceRun.Epoch(
            level: level, meanSteps: set.meanSteps, skew: set.skew(context: context), loss: row.trainLoss,
            nodes: row.nodes))
      }
      if issues.count >= TraceCSV.maximumIssues { break }
      guard ok else { continue }
      runs.append(
        TraceRun(
          id: id, alpha: zero.alpha, seed: zero.seed, policy: zero.policy, schedule: zero.schedule,
          initialLoss: zero.trainLoss, epochs: epochs))
    }
    if !issues.isEmpty { throw InputError(source: source, issues: Array(issues.prefix(TraceCSV.maximumIssues))) }
    if runs.isEmpty { throw InputError(source: source, "", "no runs") }
    return runs
  }

  /// Loads and builds the runs of a trace file.
  public static func load(
    path: String, nodes: TraceNodes, pruningLevels: [Double] = digitsLevels, batchSize: Int = 32, localEpochs: Int = 1
  ) throws(InputError) -> [TraceRun] {
    try build(
      TraceCSV.load(path: path), nodes: nodes, pruningLevels: pruningLevels, batchSize: batchSize,
      localEpochs: localEpochs, source: path)
  }

  /// The level index whose fraction is within ``levelTolerance`` of `remaining`.
  static func nearestLevel(_ remaining: Double, _ levels: [Double]) -> Int? {
    var best: Int?
    var bestDistance = Double.infinity
    for (j, r) in levels.enumerated() {
      let d = abs(remaining - r) / r
      if d < bestDistance {
        bestDistance = d
        best = j
      }
    }
    return bestDistance <= levelTolerance ? best : nil
  }
}
