/// Reads typed fields out of a ``JSONValue`` object while collecting every
/// problem as a ``ScenarioIssue`` named by its JSON path.
///
/// Each accessor returns nil (and records an issue) when the field is missing
/// without a default or has the wrong type, so decoding can go on and report
/// all problems at once.
struct JSONFieldReader {
  /// The first issues found (at most ``InputError/maximumIssues`` of each severity).
  var issues: [ScenarioIssue] = []
  /// Errors found beyond those kept in ``issues``.
  var omittedErrors = 0
  private var errorCount = 0
  private var warningCount = 0
  /// Paths that already failed to decode, so validation does not report them twice.
  var failedPaths: Set<String> = []

  mutating func fail(_ path: String, _ message: String) {
    errorCount += 1
    guard errorCount <= InputError.maximumIssues else {
      omittedErrors += 1
      return
    }
    issues.append(ScenarioIssue(path, message))
    failedPaths.insert(path)
  }

  mutating func warn(_ path: String, _ message: String) {
    warningCount += 1
    guard warningCount <= InputError.maximumIssues else { return }
    issues.append(ScenarioIssue(path, message, severity: .warning))
  }

  /// Fails every object key that appears twice, at any depth under `value`.
  mutating func rejectDuplicateKeys(_ value: JSONValue, _ path: String) {
    switch value {
    case .object(let members):
      var seen: Set<String> = []
      for member in members {
        let p = JSONFieldReader.join(path, member.key)
        if !seen.insert(member.key).inserted { fail(p, "appears more than once") }
        rejectDuplicateKeys(member.value, p)
      }
    case .array(let items):
      for (i, item) in items.enumerated() { rejectDuplicateKeys(item, "\(path)[\(i)]") }
    default:
      break
    }
  }

  static func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

  /// The members of an object at `path`, or nil after recording an issue.
  mutating func object(_ value: JSONValue?, _ path: String, required: Bool = true) -> JSONValue? {
    guard let value else {
      if required { fail(path, "is required") }
      return nil
    }
    guard case .object = value else {
      fail(path, "must be an object, not \(value.typeName)")
      return nil
    }
    return value
  }

  /// Warns about keys of `object` that pact does not read.
  mutating func warnUnknownKeys(_ object: JSONValue, _ path: String, known: Set<String>) {
    guard case .object(let members) = object else { return }
    var seen: Set<String> = []
    for member in members {
      let p = JSONFieldReader.join(path, member.key)
      if !seen.insert(member.key).inserted {
        fail(p, "appears more than once")
      } else if !known.contains(member.key) {
        warn(p, "unknown key, ignored")
      }
    }
  }

  /// Reads `object[key]` with `read`; a missing key gives `fallback`, or an
  /// "is required" issue when there is none.
  mutating func member<T>(
    _ object: JSONValue, _ key: String, _ path: String, default fallback: T?,
    _ read: (inout JSONFieldReader, JSONValue, String) -> T?
  ) -> T? {
    let p = JSONFieldReader.join(path, key)
    guard let value = object[key] else {
      if fallback == nil { fail(p, "is required") }
      return fallback
    }
    return read(&self, value, p)
  }

  mutating func number(_ object: JSONValue, _ key: String, _ path: String, default fallback: Double? = nil) -> Double? {
    member(object, key, path, default: fallback) { $0.number($1, $2) }
  }

  mutating func number(_ value: JSONValue, _ p: String) -> Double? {
    switch value {
    case .number(let x): return x
    case .string(let s):
      fail(p, "must be a number, not the string \(JSONWriter.quoted(String(s.prefix(40))))")
      return nil
    default:
      fail(p, "must be a number, not \(value.typeName)")
      return nil
    }
  }

  mutating func integer(_ object: JSONValue, _ key: String, _ path: String, default fallback: Int? = nil) -> Int? {
    member(object, key, path, default: fallback) { $0.integer($1, $2) }
  }

  mutating func integer(_ value: JSONValue, _ p: String) -> Int? {
    guard let x = number(value, p) else { return nil }
    guard x == x.rounded(), abs(x) <= 9.0e15 else {
      fail(p, "must be a whole number, not \(JSONWriter.number(x))")
      return nil
    }
    return Int(x)
  }

  mutating func string(_ object: JSONValue, _ key: String, _ path: String, default fallback: String? = nil) -> String? {
    member(object, key, path, default: fallback) { reader, value, p in
      guard case .string(let s) = value else {
        reader.fail(p, "must be a string, not \(value.typeName)")
        return nil
      }
      return s
    }
  }

  mutating func array(_ object: JSONValue, _ key: String, _ path: String, required: Bool) -> [JSONValue]? {
    guard required || object[key] != nil else { return nil }
    return member(object, key, path, default: nil) { $0.array($1, $2) }
  }

  mutating func array(_ value: JSONValue, _ p: String) -> [JSONValue]? {
    guard case .array(let items) = value else {
      fail(p, "must be an array, not \(value.typeName)")
      return nil
    }
    return items
  }

  /// An optional array of numbers; nil when absent or (after recording issues) malformed.
  mutating func numbers(_ object: JSONValue, _ key: String, _ path: String, required: Bool = false) -> [Double]? {
    let p = JSONFieldReader.join(path, key)
    guard let items = array(object, key, path, required: required) else { return nil }
    var out: [Double] = []
    out.reserveCapacity(items.count)
    var ok = true
    for (i, item) in items.enumerated() {
      if let x = number(item, "\(p)[\(i)]") { out.append(x) } else { ok = false }
    }
    if !ok { failedPaths.insert(p) }
    return ok ? out : nil
  }
}
