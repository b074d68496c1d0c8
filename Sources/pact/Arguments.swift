import PACTCore

/// A wrong command line: the message is printed with the command's usage, exit code 2.
struct UsageError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// The arguments of one subcommand, consumed as options are read.
///
/// Options take the forms `--name`, `--name VALUE` and `--name=VALUE`;
/// everything else is positional. After reading the options a command calls
/// ``finish(positionals:)`` which rejects unknown options and extra arguments.
struct Arguments {
  private var items: [String]

  init(_ items: [String]) { self.items = items }

  /// Whether `--help` or `-h` was given.
  var wantsHelp: Bool { items.contains("--help") || items.contains("-h") }

  /// Removes and reports a boolean flag.
  mutating func flag(_ name: String) -> Bool {
    guard let i = items.firstIndex(of: "--\(name)") else { return false }
    items.remove(at: i)
    return true
  }

  /// Removes and returns the value of `--name VALUE` or `--name=VALUE`, if given.
  mutating func option(_ name: String) throws(UsageError) -> String? {
    if let i = items.firstIndex(where: { $0.hasPrefix("--\(name)=") }) {
      let value = String(items[i].dropFirst(name.count + 3))
      items.remove(at: i)
      return value
    }
    guard let i = items.firstIndex(of: "--\(name)") else { return nil }
    guard i + 1 < items.count else { throw UsageError("--\(name) needs a value") }
    let value = items[i + 1]
    items.removeSubrange(i...(i + 1))
    return value
  }

  /// Every value of a repeatable option.
  mutating func options(_ name: String) throws(UsageError) -> [String] {
    var values: [String] = []
    while let v = try option(name) { values.append(v) }
    return values
  }

  mutating func integer(_ name: String, in range: ClosedRange<Int>? = nil) throws(UsageError) -> Int? {
    guard let text = try option(name) else { return nil }
    guard let value = Int(text) else { throw UsageError("--\(name): \"\(text)\" is not a whole number") }
    if let range, !range.contains(value) {
      throw UsageError("--\(name): must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
    }
    return value
  }

  mutating func double(_ name: String) throws(UsageError) -> Double? {
    guard let text = try option(name) else { return nil }
    guard let value = Double(text), value.isFinite else { throw UsageError("--\(name): \"\(text)\" is not a number") }
    return value
  }

  /// Reads `--<name> S` as a number of seconds, at least 0 (a time budget).
  mutating func seconds(_ name: String) throws(UsageError) -> Double? {
    guard let value = try double(name) else { return nil }
    guard value >= 0 else { throw UsageError("--\(name): must be at least 0 seconds, not \(Format.number(value))") }
    return value
  }

  /// Reads `--<knob> N` for every solver knob given; apply them with ``SolverKnobs/applying(_:)``.
  mutating func knobOverrides() throws(UsageError) -> [String: Int] {
    var overrides: [String: Int] = [:]
    for knob in SolverKnobs.ranges {
      if let v = try integer(knob.name, in: knob.range) { overrides[knob.name] = v }
    }
    return overrides
  }

  /// The remaining arguments, which must be exactly `count` positionals (or
  /// between `count` and `count + optional`) and no unknown options.
  mutating func finish(positionals count: Int, optional: Int = 0) throws(UsageError) -> [String] {
    if let unknown = items.first(where: { $0.hasPrefix("-") && $0.count > 1 }) {
      throw UsageError("unknown option \(unknown)")
    }
    if items.count < count {
      throw UsageError("expected \(count) argument\(count == 1 ? "" : "s"), got \(items.count)")
    }
    if items.count > count + optional { throw UsageError("unexpected argument \(items[count + optional])") }
    return items
  }
}
