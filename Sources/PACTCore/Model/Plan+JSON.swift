extension PlanEvaluation {
  /// The plan file of docs/MODEL.md with every figure filled in.
  public func json(scenario: Scenario) -> JSONValue {
    let epochs: [JSONValue] = self.epochs.map { e in
      .object([
        ("epoch", .number(Double(e.epoch))),
        ("nodes", .array(e.nodes.map { .string(scenario.nodes[$0].id) })),
        ("level", .number(Double(e.level))),
        ("remaining", .number(e.remaining)),
        ("seconds", .number(e.seconds)),
        ("joules", .number(e.joules)),
        ("loss", .number(e.loss)),
      ])
    }
    var totals: [(key: String, value: JSONValue)] = [
      ("joules", .number(totalJoules)),
      ("seconds", .number(totalSeconds)),
      ("loss", .number(finalLoss)),
      ("feasible", .bool(isFeasible)),
    ]
    if !violations.isEmpty { totals.append(("violations", .array(violations.map { .string($0) }))) }
    return .object([
      ("scenario", .string(scenario.name)),
      ("epochs", .array(epochs)),
      ("totals", .object(totals)),
    ])
  }
}

extension Plan {
  /// Reads a plan file: `epochs[k].nodes` (ids) and `epochs[k].level` are what
  /// count; figures in it (seconds, joules, loss, totals) are outputs and ignored.
  ///
  /// - Throws: ``InputError`` naming each bad field (`epochs[2].nodes[0]: unknown node id "n9"`).
  public static func decode(_ json: JSONValue, scenario: Scenario, source: String = "plan") throws(InputError) -> Plan {
    var r = JSONFieldReader()
    guard case .object = json else { throw InputError(source: source, "", "the plan must be a JSON object") }
    r.rejectDuplicateKeys(json, "")
    if let name = json["scenario"], case .string(let s) = name, s != scenario.name {
      r.warn("scenario", "the plan names scenario \(JSONWriter.quoted(s)), not \(JSONWriter.quoted(scenario.name))")
    }
    var decisions: [EpochDecision] = []
    if let items = r.array(json, "epochs", "", required: true) {
      for (k, item) in items.enumerated() {
        let p = "epochs[\(k)]"
        guard let e = r.object(item, p) else { continue }
        if let number = e["epoch"], let n = r.integer(number, "\(p).epoch"), n != k + 1 {
          r.fail("\(p).epoch", "must be \(k + 1): epochs are numbered 1, 2, … in order")
        }
        let level = r.integer(e, "level", p)
        if let level, !(0..<scenario.levelCount).contains(level) {
          r.fail("\(p).level", "must be between 0 and \(scenario.levelCount - 1), not \(level)")
        }
        var nodes: [Int] = []
        if let ids = r.array(e, "nodes", p, required: true) {
          if ids.isEmpty { r.fail("\(p).nodes", "must name at least one node") }
          for (i, id) in ids.enumerated() {
            let ip = "\(p).nodes[\(i)]"
            guard case .string(let s) = id else {
              r.fail(ip, "must be a node id string, not \(id.typeName)")
              continue
            }
            guard let n = scenario.nodeIndex(id: s) else {
              r.fail(ip, "unknown node id \(JSONWriter.quoted(s))")
              continue
            }
            if nodes.contains(n) { r.fail(ip, "node \(JSONWriter.quoted(s)) is listed twice") }
            nodes.append(n)
          }
        }
        decisions.append(EpochDecision(nodes: nodes, level: level ?? 0))
      }
    }
    let errors = r.issues.filter { $0.severity == .error }
    guard errors.isEmpty else { throw InputError(source: source, issues: r.issues, omitted: r.omittedErrors) }
    return Plan(epochs: decisions)
  }

  /// Reads a plan file from disk; see ``decode(_:scenario:source:)``.
  public static func load(path: String, scenario: Scenario) throws(InputError) -> Plan {
    let bytes = try InputFile.read(path)
    let json: JSONValue
    do {
      json = try JSONParser.parse(bytes)
    } catch {
      throw InputError(source: path, "line \(error.line), column \(error.column)", error.message)
    }
    return try decode(json, scenario: scenario, source: path)
  }
}
