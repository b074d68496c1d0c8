/// One problem found in an input file, named by its JSON path (`nodes[3].flops`)
/// or its line and column, with the rule it breaks.
public struct ScenarioIssue: Equatable, Hashable, Sendable, CustomStringConvertible {
  public enum Severity: String, Sendable { case error, warning }

  /// Where: a JSON path such as `nodes[3].flops`, or `line 4, column 9`.
  public var path: String
  /// What is wrong, as a rule (`must be > 0`).
  public var message: String
  public var severity: Severity

  public init(_ path: String, _ message: String, severity: Severity = .error) {
    self.path = path
    self.message = message
    self.severity = severity
  }

  public var description: String {
    (severity == .warning ? "warning: " : "") + (path.isEmpty ? message : "\(path): \(message)")
  }
}

/// Bad input: every issue found in one go, not just the first.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What was being read (a file name, or "scenario").
  public var source: String
  public var issues: [ScenarioIssue]

  public init(source: String, issues: [ScenarioIssue]) {
    self.source = source
    self.issues = issues
  }

  public init(source: String, _ path: String, _ message: String) {
    self.init(source: source, issues: [ScenarioIssue(path, message)])
  }

  public var errors: [ScenarioIssue] { issues.filter { $0.severity == .error } }

  public var description: String {
    let lines = errors.map { "  \($0)" }
    let head = "\(source): \(errors.count) error\(errors.count == 1 ? "" : "s")"
    return ([head] + lines).joined(separator: "\n")
  }
}
