/// The nodes that training traces name: ids, sample counts and label
/// histograms, from a nodes file (`{"nodes": [{"id", "samples", "labelHistogram"}]}`,
/// like shared data's `digits/nodes.json`) or from a scenario file, whose
/// `nodes` have the same three fields.
public struct TraceNodes: Equatable, Sendable {
  /// One node of a trace's nodes file: id, samples and label histogram.
  public struct Entry: Equatable, Sendable {
    public var id: String
    public var samples: Int
    public var labelHistogram: [Double]?

    /// A node with these figures.
    public init(id: String, samples: Int, labelHistogram: [Double]?) {
      self.id = id
      self.samples = samples
      self.labelHistogram = labelHistogram
    }
  }

  public let entries: [Entry]
  private let indexByID: [String: Int]

  /// Nodes from entries (the first of a repeated id wins).
  public init(entries: [Entry]) {
    self.entries = entries
    var map: [String: Int] = [:]
    for (i, e) in entries.enumerated() where map[e.id] == nil { map[e.id] = i }
    indexByID = map
  }

  /// The nodes of the file at `path`.
  public static func load(path: String) throws(InputError) -> TraceNodes {
    let bytes = try InputFile.read(path)
    let json: JSONValue
    do { json = try JSONParser.parse(bytes) } catch {
      throw InputError(source: path, "line \(error.line), column \(error.column)", error.message)
    }
    return try decode(json, source: path)
  }

  /// The nodes of a parsed nodes (or scenario) file.
  public static func decode(_ json: JSONValue, source: String = "nodes") throws(InputError) -> TraceNodes {
    guard case .array(let items)? = json["nodes"] else {
      throw InputError(source: source, "nodes", "is required: an array of {id, samples, labelHistogram}")
    }
    var issues: [ScenarioIssue] = []
    var entries: [Entry] = []
    var seen: Set<String> = []
    for (i, item) in items.enumerated() {
      let path = "nodes[\(i)]"
      guard case .string(let id)? = item["id"], !id.isEmpty else {
        issues.append(ScenarioIssue("\(path).id", "is required: a non-empty string"))
        continue
      }
      if !seen.insert(id).inserted {
        issues.append(ScenarioIssue("\(path).id", "\(JSONWriter.quoted(id)) appears twice"))
      }
      guard case .number(let s)? = item["samples"], s.isFinite, s >= 1, s == s.rounded(), s < 1e15 else {
        issues.append(ScenarioIssue("\(path).samples", "is required: a whole number ≥ 1"))
        continue
      }
      var histogram: [Double]?
      if let h = item["labelHistogram"] {
        guard case .array(let values) = h else {
          issues.append(ScenarioIssue("\(path).labelHistogram", "must be an array of counts"))
          continue
        }
        var counts: [Double] = []
        for (c, v) in values.enumerated() {
          if case .number(let x) = v, x.isFinite, x >= 0 {
            counts.append(x)
          } else {
            issues.append(ScenarioIssue("\(path).labelHistogram[\(c)]", "must be a count ≥ 0"))
          }
        }
        histogram = counts
      }
      entries.append(Entry(id: id, samples: Int(s), labelHistogram: histogram))
    }
    if entries.isEmpty && issues.isEmpty { issues.append(ScenarioIssue("nodes", "is empty")) }
    let withHistogram = entries.filter { $0.labelHistogram != nil }
    if !withHistogram.isEmpty {
      if withHistogram.count != entries.count {
        issues.append(ScenarioIssue("nodes", "labelHistogram must be given for every node or for none"))
      } else if Set(withHistogram.map { $0.labelHistogram?.count ?? 0 }).count != 1 {
        issues.append(ScenarioIssue("nodes", "every labelHistogram must have the same number of classes"))
      } else if (withHistogram.first?.labelHistogram?.count ?? 0) == 0 {
        issues.append(ScenarioIssue("nodes", "labelHistogram must not be empty"))
      }
    }
    if !issues.isEmpty { throw InputError(source: source, issues: issues) }
    return TraceNodes(entries: entries)
  }

  /// Index of the node with `id`, if any.
  public func index(of id: String) -> Int? { indexByID[id] }

  /// u and δ inputs for these nodes with batch size B and E local epochs
  /// (docs/MODEL.md: steps_n = E · ceil(d_n / B); δ against all these nodes' histograms).
  public func statisticsContext(batchSize: Int = 32, localEpochs: Int = 1) -> NodeSetStatistics.Context {
    NodeSetStatistics.Context(scenario: scenario(batchSize: batchSize, localEpochs: localEpochs))
  }

  /// A stand-in scenario holding these nodes, so that ``NodeSetStatistics`` computes u and δ
  /// exactly as the planner does. Only the node samples, histograms and the
  /// batch size and local epochs matter.
  func scenario(batchSize: Int, localEpochs: Int) -> Scenario {
    let nodes = entries.map {
      Node(
        id: $0.id, flops: 1, watts: 1, uplinkBitsPerSecond: 1, downlinkBitsPerSecond: 1, samples: $0.samples,
        labelHistogram: $0.labelHistogram)
    }
    return Scenario(
      name: "calibration", model: ModelSpec(name: "traces", parameters: 1, flopsPerSample: 1, pruningLevels: [1]),
      training: TrainingSpec(
        epochs: 1, targetLoss: 1, deadlineSeconds: 1, initialLoss: 1, batchSize: batchSize, localEpochs: localEpochs),
      nodes: nodes,
      loss: LossParameters(
        rate: 0, stepsExponent: 0, remainingExponent: 0, floor: 0, floorGrowth: 0, floorExponent: 0, pruneShock: 0,
        skewPenalty: 0))
  }
}
