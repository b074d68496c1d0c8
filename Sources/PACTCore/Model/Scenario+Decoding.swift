import Foundation

extension Scenario {
  /// Keys read at each level of the scenario file.
  static let topKeys: Set<String> = ["name", "description", "model", "training", "nodes", "loss", "solver"]
  static let modelKeys = Set(ModelKey.allCases.map(\.rawValue))
  static let trainingKeys = Set(TrainingKey.allCases.map(\.rawValue))
  static let nodeKeys = Set(NodeKey.allCases.map(\.rawValue))
  static let lossKeys: Set<String> = Set(["model", "band"] + LossParameters.coefficients.map(\.name))

  /// Reads and validates a scenario file.
  ///
  /// - Throws: ``InputError`` listing every problem (unreadable file, JSON syntax
  ///   with line and column, wrong types, broken rules), each named by its path.
  /// - Returns: the scenario and any warnings (unknown keys).
  public static func load(path: String) throws(InputError) -> (scenario: Scenario, warnings: [ScenarioIssue]) {
    let bytes = try InputFile.read(path)
    return try parse(bytes, source: path)
  }

  /// Parses and validates scenario JSON bytes; see ``load(path:)``.
  public static func parse(_ bytes: [UInt8], source: String = "scenario") throws(InputError) -> (
    scenario: Scenario, warnings: [ScenarioIssue]
  ) {
    let json: JSONValue
    do {
      json = try JSONParser.parse(bytes)
    } catch {
      throw InputError(source: source, "line \(error.line), column \(error.column)", error.message)
    }
    let (decoded, issues, omitted) = decodeCounting(json)
    let errors = issues.filter { $0.severity == .error }
    guard var scenario = decoded, errors.isEmpty, omitted == 0 else {
      throw InputError(source: source, issues: issues, omitted: omitted)
    }
    scenario.source = ScenarioSource(bytes: bytes, of: scenario)
    return (scenario, issues)
  }

  /// Decodes a JSON tree into a scenario, applying MODEL.md's defaults and then
  /// ``validate()``; returns every issue found (errors and warnings).
  public static func decode(_ json: JSONValue) -> (Scenario?, [ScenarioIssue]) {
    let (scenario, issues, _) = decodeCounting(json)
    return (scenario, issues)
  }

  /// ``decode(_:)`` with the number of errors found beyond the first ``InputError/maximumIssues``.
  static func decodeCounting(_ json: JSONValue) -> (Scenario?, [ScenarioIssue], omitted: Int) {
    var r = JSONFieldReader()
    guard case .object = json else {
      return (nil, [ScenarioIssue("", "the scenario must be a JSON object, not \(json.typeName)")], 0)
    }
    r.warnUnknownKeys(json, "", known: topKeys)
    let name = r.string(json, "name", "", default: "unnamed") ?? "unnamed"
    let description = r.string(json, "description", "", default: "") ?? ""

    var model = ModelSpec(name: "", parameters: .nan, flopsPerSample: .nan, pruningLevels: [1.0])
    if let m = r.object(json["model"], "model") {
      r.warnUnknownKeys(m, "model", known: modelKeys)
      model.name = r.string(m, ModelKey.name.rawValue, "model", default: "model") ?? ""
      model.parameters = r.number(m, ModelKey.parameters.rawValue, "model") ?? .nan
      model.bitsPerParameter = r.number(m, ModelKey.bitsPerParameter.rawValue, "model", default: 32) ?? .nan
      model.flopsPerSample = r.number(m, ModelKey.flopsPerSample.rawValue, "model") ?? .nan
      model.pruningLevels = r.numbers(m, ModelKey.pruningLevels.rawValue, "model", required: true) ?? [1.0]
      model.deployRemaining = r.number(m, ModelKey.deployRemaining.rawValue, "model", default: 1.0) ?? .nan
    }

    var training = TrainingSpec(epochs: 1, targetLoss: .nan, deadlineSeconds: .nan, initialLoss: .nan)
    if let t = r.object(json["training"], "training") {
      r.warnUnknownKeys(t, "training", known: trainingKeys)
      training.epochs = r.integer(t, TrainingKey.epochs.rawValue, "training") ?? 1
      training.targetLoss = r.number(t, TrainingKey.targetLoss.rawValue, "training") ?? .nan
      training.deadlineSeconds = r.number(t, TrainingKey.deadlineSeconds.rawValue, "training") ?? .nan
      training.initialLoss = r.number(t, TrainingKey.initialLoss.rawValue, "training") ?? .nan
      training.batchSize = r.integer(t, TrainingKey.batchSize.rawValue, "training", default: 32) ?? 1
      training.localEpochs = r.integer(t, TrainingKey.localEpochs.rawValue, "training", default: 1) ?? 1
      training.aggregationSeconds = r.number(t, TrainingKey.aggregationSeconds.rawValue, "training", default: 0) ?? .nan
      if t[TrainingKey.confidence.rawValue] != nil {
        training.confidence = r.number(t, TrainingKey.confidence.rawValue, "training") ?? .nan
      }
    }

    var nodes: [Node] = []
    if let items = r.array(json, "nodes", "", required: true) {
      nodes.reserveCapacity(items.count)
      for (i, item) in items.enumerated() {
        if let node = decodeNode(item, "nodes[\(i)]", &r) { nodes.append(node) }
      }
    }

    var loss = LossParameters(
      rate: .nan, stepsExponent: .nan, remainingExponent: .nan, floor: .nan, floorGrowth: .nan, floorExponent: .nan,
      pruneShock: .nan, skewPenalty: .nan)
    if let l = r.object(json["loss"], "loss") {
      let modelName = r.string(l, "model", "loss", default: LossModelKind.pactV1.rawValue) ?? ""
      if let kind = LossModelKind(rawValue: modelName) {
        loss.model = kind
      } else {
        let known = LossModelKind.allCases.map(\.rawValue).joined(separator: ", ")
        r.fail("loss.model", "unknown loss model \(JSONWriter.quoted(modelName)); known: \(known)")
      }
      let extraKeys = Set(LossPredictors.extraCoefficients(for: loss.model))
      r.warnUnknownKeys(l, "loss", known: lossKeys.union(extraKeys))
      for c in LossParameters.coefficients { loss[keyPath: c.keyPath] = r.number(l, c.name, "loss") ?? .nan }
      for key in extraKeys.sorted() {
        if let x = r.number(l, key, "loss") { loss.extra[key] = x }
      }
      if let b = r.object(l["band"], "loss.band", required: false) {
        r.warnUnknownKeys(b, "loss.band", known: ["low", "median", "high"])
        loss.band = PredictionBand(
          low: r.numbers(b, "low", "loss.band", required: true) ?? [],
          median: r.numbers(b, "median", "loss.band", required: true) ?? [],
          high: r.numbers(b, "high", "loss.band", required: true) ?? [])
      }
    }

    var solver = SolverKnobs()
    if let s = r.object(json["solver"], "solver", required: false) {
      r.warnUnknownKeys(s, "solver", known: Set(SolverKnobs.ranges.map(\.name)))
      for knob in SolverKnobs.ranges {
        if let v = r.integer(s, knob.name, "solver", default: solver[knob.name]) { solver[knob.name] = v }
      }
    }

    let scenario = Scenario(
      name: name, description: description, model: model, training: training, nodes: nodes, loss: loss,
      solver: solver)
    let semantic = scenario.validate().filter { issue in
      !r.failedPaths.contains { issue.path == $0 || issue.path.hasPrefix($0 + ".") || issue.path.hasPrefix($0 + "[") }
    }
    return (scenario, r.issues + semantic, r.omittedErrors)
  }

  private static func decodeNode(_ item: JSONValue, _ path: String, _ r: inout JSONFieldReader) -> Node? {
    guard let n = r.object(item, path) else { return nil }
    r.warnUnknownKeys(n, path, known: nodeKeys)
    let id = r.string(n, NodeKey.id.rawValue, path) ?? ""
    var node = Node(
      id: id, name: r.string(n, NodeKey.name.rawValue, path, default: id),
      kind: r.string(n, NodeKey.kind.rawValue, path, default: "device") ?? "",
      flops: .nan, watts: .nan, uplinkBitsPerSecond: .nan, downlinkBitsPerSecond: .nan, samples: 0)
    node.energyPerSample = r.numbers(n, NodeKey.energyPerSample.rawValue, path)
    node.secondsPerSample = r.numbers(n, NodeKey.secondsPerSample.rawValue, path)
    // FLOP/s and watts only matter where no measured profile replaces them.
    let profiled = node.secondsPerSample != nil && node.energyPerSample != nil
    let flops = r.number(n, NodeKey.flops.rawValue, path, default: profiled ? .infinity : nil)
    node.flops = flops ?? .nan
    let watts = r.number(n, NodeKey.watts.rawValue, path, default: node.energyPerSample == nil ? nil : 0)
    node.watts = watts ?? .nan
    node.uplinkBitsPerSecond = r.number(n, NodeKey.uplinkBitsPerSecond.rawValue, path) ?? .nan
    node.downlinkBitsPerSecond = r.number(n, NodeKey.downlinkBitsPerSecond.rawValue, path) ?? .nan
    node.radioWatts = r.number(n, NodeKey.radioWatts.rawValue, path, default: 0) ?? .nan
    node.samples = r.integer(n, NodeKey.samples.rawValue, path) ?? 1
    node.labelHistogram = r.numbers(n, NodeKey.labelHistogram.rawValue, path)
    if let windows = r.array(n, NodeKey.availableEpochs.rawValue, path, required: false) {
      var out: [EpochWindow] = []
      for (w, window) in windows.enumerated() {
        let wp = "\(path).\(NodeKey.availableEpochs.rawValue)[\(w)]"
        guard let pair = r.array(window, wp) else { continue }
        guard pair.count == 2 else {
          r.fail(wp, "must be a pair [first, last], not \(pair.count) values")
          continue
        }
        if let a = r.integer(pair[0], "\(wp)[0]"), let b = r.integer(pair[1], "\(wp)[1]") {
          out.append(EpochWindow(a, b))
        }
      }
      node.availableEpochs = out
    }
    return node
  }
}

/// Reading input files with errors that name the file.
public enum InputFile {
  /// Largest input file pact reads (256 MiB), so a wrong path cannot exhaust memory.
  public static let maximumBytes = 256 << 20

  /// The bytes of the file at `path`.
  public static func read(_ path: String) throws(InputError) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw InputError(source: path, "", "no such file")
    }
    guard !isDirectory.boolValue else { throw InputError(source: path, "", "is a directory, not a file") }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw InputError(source: path, "", "cannot be read (permission denied?)")
    }
    defer { try? handle.close() }
    let data: Data
    do {
      data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
    } catch {
      throw InputError(source: path, "", "cannot be read: \(error.localizedDescription)")
    }
    guard data.count <= maximumBytes else {
      throw InputError(source: path, "", "is larger than \(maximumBytes >> 20) MiB")
    }
    return [UInt8](data)
  }
}
