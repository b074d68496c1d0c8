import PACTCore

/// A wrong command line: the message is printed with the command's usage, exit code 2.
struct UsageError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// The arguments of one subcommand, consumed as options are read.
///
/// Options take the forms `--name`, `--name VALUE` and `--name=VALUE`;
/// everything else is positional. Every option read must be one the command
/// declares (its ``CommandHelp``, which the `--help` text prints), as a flag or
/// with a value as declared. After reading every option a command calls
/// ``finish(positionals:optional:)``, which rejects unknown options and extra
/// arguments (and, in debug builds, checks that no declared option went unread).
struct Arguments {
  private var items: [String]
  /// The options the command declares, by name.
  private let declared: [String: OptionSpec]
  /// The declared options read so far.
  private var read: Set<String> = []

  init(_ items: [String], declared: [OptionSpec]) {
    self.items = items
    self.declared = Dictionary(declared.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// Notes that `name` is read, checking it is declared (with a value, or as a flag).
  private mutating func reading(_ name: String, takesValue: Bool) {
    guard let spec = declared[name] else { preconditionFailure("--\(name) is read but not declared") }
    precondition((spec.value != nil) == takesValue, "--\(name) is read \(takesValue ? "with" : "without") a value")
    read.insert(name)
  }

  /// Whether `--help` or `-h` was given.
  var wantsHelp: Bool { items.contains("--help") || items.contains("-h") }

  /// Removes and reports a boolean flag.
  mutating func flag(_ name: String) -> Bool {
    reading(name, takesValue: false)
    guard let i = items.firstIndex(of: "--\(name)") else { return false }
    items.remove(at: i)
    return true
  }

  /// Removes and returns the value of `--name VALUE` or `--name=VALUE`, if given.
  mutating func option(_ name: String) throws(UsageError) -> String? {
    reading(name, takesValue: true)
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

  /// The longest time budget: a week. A larger one is a mistake, not a budget.
  static let maximumTimeBudget = 604_800.0

  /// Reads `--<name> S` as a time budget: 0 to 604,800 seconds (a week).
  mutating func seconds(_ name: String) throws(UsageError) -> Double? {
    guard let value = try double(name) else { return nil }
    guard value >= 0 else { throw UsageError("--\(name): must be at least 0 seconds, not \(Format.number(value))") }
    guard value <= Arguments.maximumTimeBudget else {
      throw UsageError("--\(name): at most 604800 seconds (a week), not \(Format.number(value))")
    }
    return value
  }

  /// Reads `--memory-budget SIZE` in bytes: `512M`, `2G`, `1.5G` (binary units; a plain
  /// number is MiB), from 16 MiB to 1 TiB.
  mutating func memoryBudget() throws(UsageError) -> Int? {
    guard let text = try option("memory-budget") else { return nil }
    var t = text.uppercased()
    if t.hasSuffix("IB") { t.removeLast(2) }
    if t.hasSuffix("B") { t.removeLast() }
    let scale: Double
    switch t.last {
    case "K": scale = 1024.0
    case "M": scale = 1048576.0
    case "G": scale = 1073741824.0
    case "T": scale = 1099511627776
    default: scale = 1048576.0
    }
    if let last = t.last, last.isLetter { t.removeLast() }
    guard let value = Double(t), value.isFinite, value > 0 else {
      throw UsageError("--memory-budget: \"\(text)\" is not a size like 512M or 2G")
    }
    let bytes = value * scale
    guard bytes >= 16 * 1048576, bytes <= 1099511627776 else {
      throw UsageError("--memory-budget: must be between 16M and 1T, not \(text)")
    }
    return Int(bytes)
  }

  /// Reads the what-if options (`--deadline S`, `--target L`, `--deploy R`, `--epochs K`).
  mutating func whatIf() throws(UsageError) -> WhatIf {
    var changes: [(GoalParameter, Double)] = []
    for parameter in GoalParameter.allCases {
      if let v = try double(parameter.rawValue) { changes.append((parameter, v)) }
    }
    return WhatIf(changes: changes)
  }

  /// Reads `--<knob> N` for every solver knob given; apply them with ``SolverKnobs/applying(_:)``.
  mutating func knobOverrides() throws(UsageError) -> [String: Int] {
    var overrides: [String: Int] = [:]
    for knob in SolverKnobs.table {
      if let v = try integer(knob.name, in: knob.range) { overrides[knob.name] = v }
    }
    return overrides
  }

  /// The remaining arguments, which must be exactly `count` positionals (or
  /// between `count` and `count + optional`) and no unknown options.
  mutating func finish(positionals count: Int, optional: Int = 0) throws(UsageError) -> [String] {
    assert(read.count == declared.count, "declared but never read: \(Set(declared.keys).subtracting(read).sorted())")
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

/// Goal changes given on the command line, applied to a scenario without editing its file.
struct WhatIf {
  var changes: [(GoalParameter, Double)]

  /// `scenario` with the changes; a value the scenario's rules refuse is a usage error
  /// naming the option.
  func apply(to scenario: Scenario) throws(UsageError) -> Scenario {
    var s = scenario
    for (parameter, value) in changes {
      if parameter.isInteger, value != value.rounded() {
        throw UsageError("--\(parameter.rawValue): must be a whole number, not \(Format.number(value))")
      }
      s = parameter.applying(value, to: s)
    }
    if let issue = s.validate().first(where: { $0.severity == .error }), !changes.isEmpty {
      let flag = changes.first { issue.path.hasPrefix($0.0.path) }.map { "--\($0.0.rawValue): " } ?? ""
      throw UsageError("\(flag)\(issue)")
    }
    return s
  }

  /// The changes in words, for a note under the output (`deadline 120 s, target 0.55`).
  var summary: String {
    changes.map { "\($0.0.rawValue) \($0.0.format($0.1))" }.joined(separator: ", ")
  }
}
