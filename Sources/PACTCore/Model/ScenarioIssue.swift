/// One problem found in an input file, named by its JSON path (`nodes[3].flops`)
/// or its line and column, with the rule it breaks.
public struct ScenarioIssue: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// An error stops loading; a warning (an unknown key) does not.
  public enum Severity: String, Sendable { case error, warning }

  /// Where: a JSON path such as `nodes[3].flops`, or `line 4, column 9`.
  public var path: String
  /// What is wrong, as a rule (`must be > 0`).
  public var message: String
  public var severity: Severity

  /// An issue at `path` (`nodes[2].flops`) with its message.
  public init(_ path: String, _ message: String, severity: Severity = .error) {
    self.path = path
    self.message = message
    self.severity = severity
  }

  public var description: String {
    (severity == .warning ? "warning: " : "") + (path.isEmpty ? message : "\(path): \(message)")
  }
}

/// Bad input: every issue found in one go, not just the first — up to
/// ``maximumIssues``, then a count of the rest, so a file with a million bad values
/// gives a readable message.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// How many issues are kept and printed; the others are only counted.
  public static let maximumIssues = 50

  /// What was being read (a file name, or "scenario").
  public var source: String
  /// The first ``maximumIssues`` issues.
  public var issues: [ScenarioIssue]
  /// Errors found beyond those in ``issues``.
  public var omittedErrors: Int

  /// - Parameter omitted: errors already found and dropped before these (by a reader that caps its list).
  public init(source: String, issues: [ScenarioIssue], omitted: Int = 0) {
    self.source = source
    let errors = issues.filter { $0.severity == .error }
    if issues.count > InputError.maximumIssues {
      // Keep errors first: they are what makes the input unusable.
      let kept = Array(errors.prefix(InputError.maximumIssues))
      let room = InputError.maximumIssues - kept.count
      self.issues = kept + issues.filter { $0.severity == .warning }.prefix(room)
      omittedErrors = omitted + errors.count - kept.count
    } else {
      self.issues = issues
      omittedErrors = omitted
    }
  }

  /// An error in `source` at `path` (a key or a line and column).
  public init(source: String, _ path: String, _ message: String) {
    self.init(source: source, issues: [ScenarioIssue(path, message)])
  }

  public var errors: [ScenarioIssue] { issues.filter { $0.severity == .error } }

  public var description: String {
    let lines = errors.map { "  \($0)" }
    let total = errors.count + omittedErrors
    let head = "\(source): \(total) error\(total == 1 ? "" : "s")"
    let tail =
      omittedErrors > 0 ? ["  … and \(omittedErrors) more error\(omittedErrors == 1 ? "" : "s") not shown"] : []
    return ([head] + lines + tail).joined(separator: "\n")
  }
}
