import Foundation

/// One row of a training-trace CSV (docs/MODEL.md, "Training traces"): one
/// epoch of a real training run, round 0 being the state before training.
public struct TraceRecord: Equatable, Sendable {
  /// 1-based line of the row in its file, for error messages.
  public var line: Int
  public var run: String
  public var alpha: String
  public var seed: String
  public var policy: String
  public var schedule: String
  public var round: Int
  /// The node ids that trained this round (empty in round 0).
  public var nodes: [String]
  /// The fraction of weights kept this round (pruning happens at the start of the round).
  public var remaining: Double
  /// Cross-entropy on all training data after the round.
  public var trainLoss: Double
}

/// Reads the training-trace CSV format of docs/MODEL.md:
/// `run,alpha,seed,policy,schedule,round,nodes,samples,remaining,train_loss,test_loss,test_acc`.
///
/// Columns are found by name, so their order may differ and extra columns are
/// ignored. Fields may be quoted as RFC 4180 allows (`"run","alpha",…`, a node
/// list `"a;b"`, a doubled `""` inside quotes). Every problem is collected (up to
/// ``maximumIssues``) as an issue named `line N, column NAME`.
public enum TraceCSV {
  /// The columns calibration reads; the others of the format (`samples`,
  /// `test_loss`, `test_acc`) are optional and not used.
  public static let requiredColumns = [
    "run", "alpha", "seed", "policy", "schedule", "round", "nodes", "remaining", "train_loss",
  ]
  /// The full header of the format, in order.
  public static let header = [
    "run", "alpha", "seed", "policy", "schedule", "round", "nodes", "samples", "remaining", "train_loss", "test_loss",
    "test_acc",
  ]
  /// Reading stops collecting after this many problems.
  public static let maximumIssues = 50

  /// The records of the trace file at `path`.
  public static func load(path: String) throws(InputError) -> [TraceRecord] {
    let bytes = try InputFile.read(path)
    return try parse(bytes, source: path)
  }

  /// The records of a trace CSV text.
  public static func parse(_ bytes: [UInt8], source: String = "traces") throws(InputError) -> [TraceRecord] {
    guard let text = String(bytes: bytes, encoding: .utf8) else {
      throw InputError(source: source, "", "is not UTF-8 text")
    }
    return try parse(text, source: source)
  }

  /// The records of a trace CSV text.
  public static func parse(_ text: String, source: String = "traces") throws(InputError) -> [TraceRecord] {
    var lines: [CSVReader.Record]
    do {
      lines = try CSVReader.records(text)
    } catch {
      throw InputError(source: source, "line \(error.line)", error.message)
    }
    while let last = lines.last, last.isBlank || last.fields.allSatisfy({ $0.allSatisfy { $0 == " " || $0 == "\t" } }) {
      lines.removeLast()
    }
    guard let headerLine = lines.first else {
      throw InputError(
        source: source, "line 1", "the file is empty; expected the header \(header.joined(separator: ","))")
    }
    let names = headerLine.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    var issues: [ScenarioIssue] = []
    var column: [String: Int] = [:]
    for (i, name) in names.enumerated() where column[name] == nil { column[name] = i }
    let missing = requiredColumns.filter { column[$0] == nil }
    if !missing.isEmpty {
      throw InputError(
        source: source, "line 1",
        "wrong header: missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); expected \(header.joined(separator: ","))"
      )
    }
    if lines.count == 1 {
      throw InputError(source: source, "line 2", "no trace rows after the header")
    }
    var records: [TraceRecord] = []
    records.reserveCapacity(lines.count - 1)
    for index in 1..<lines.count {
      if issues.count >= maximumIssues { break }
      let line = lines[index]
      let lineNumber = line.line
      if line.isBlank {
        issues.append(ScenarioIssue("line \(lineNumber)", "empty line inside the table"))
        continue
      }
      let fields = line.fields.map { $0.trimmingCharacters(in: .whitespaces) }
      guard fields.count == names.count else {
        issues.append(
          ScenarioIssue(
            "line \(lineNumber)", "has \(fields.count) fields but the header has \(names.count) (ragged row)"))
        continue
      }
      func field(_ name: String) -> String { fields[column[name] ?? 0] }
      func at(_ name: String) -> String { "line \(lineNumber), column \(name)" }
      var ok = true
      let run = field("run")
      if run.isEmpty {
        issues.append(ScenarioIssue(at("run"), "is empty; every row needs a run id"))
        ok = false
      }
      let round = Int(field("round")).flatMap { $0 >= 0 ? $0 : nil }
      if round == nil {
        issues.append(ScenarioIssue(at("round"), "\(quoted(field("round"))) is not a round number (0, 1, 2, …)"))
        ok = false
      }
      let remaining = Double(field("remaining")).flatMap { $0.isFinite && $0 > 0 && $0 <= 1 ? $0 : nil }
      if remaining == nil {
        issues.append(ScenarioIssue(at("remaining"), "\(quoted(field("remaining"))) must be a number in (0, 1]"))
        ok = false
      }
      // A subnormal loss (below 2.2e-308) has lost its precision: the fit's logarithms and
      // ratios of it are meaningless, so it is an error, not a value.
      let loss = Double(field("train_loss")).flatMap { $0.isNormal && $0 > 0 ? $0 : nil }
      if loss == nil {
        let text = field("train_loss")
        let why = Double(text).map { $0 > 0 && $0.isFinite ? "is too small to fit (below 2.2e-308)" : "" } ?? ""
        issues.append(
          ScenarioIssue(
            at("train_loss"), "\(quoted(text)) must be a positive number\(why.isEmpty ? "" : "; it \(why)")"))
        ok = false
      }
      let nodeText = field("nodes")
      let nodes =
        nodeText.isEmpty
        ? []
        : nodeText.split(separator: ";", omittingEmptySubsequences: false).map {
          $0.trimmingCharacters(in: .whitespaces)
        }
      if nodes.contains(where: \.isEmpty) {
        issues.append(ScenarioIssue(at("nodes"), "\(quoted(nodeText)) has an empty node id"))
        ok = false
      }
      if let round, round > 0, nodes.isEmpty {
        issues.append(
          ScenarioIssue(at("nodes"), "is empty; every round after 0 needs the ids of the nodes that trained"))
        ok = false
      }
      guard ok, let round, let remaining, let loss else { continue }
      records.append(
        TraceRecord(
          line: lineNumber, run: run, alpha: field("alpha"), seed: field("seed"), policy: field("policy"),
          schedule: field("schedule"), round: round, nodes: nodes, remaining: remaining, trainLoss: loss))
    }
    if !issues.isEmpty { throw InputError(source: source, issues: issues) }
    return records
  }

  private static func quoted(_ s: String) -> String { JSONWriter.quoted(s) }
}
