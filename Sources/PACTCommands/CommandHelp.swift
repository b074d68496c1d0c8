import PACTCore

/// One option of a subcommand, declared once: ``Arguments`` parses by it and
/// ``CommandHelp/usage`` prints it, so the two cannot disagree.
struct OptionSpec: Sendable {
  /// The name after `--`.
  let name: String
  /// The value's placeholder in the help (`S`, `FILE`), or nil for a flag.
  let value: String?
  /// What it does; lines separated by newlines.
  let help: String
  /// Whether the command needs it (shown without brackets, and "(required)" in the help).
  var isRequired = false

  static func flag(_ name: String, _ help: String) -> OptionSpec { OptionSpec(name: name, value: nil, help: help) }
  static func value(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, value: placeholder, help: help)
  }

  /// The same option, marked as one the command cannot run without.
  func required() -> OptionSpec {
    var spec = self
    spec.isRequired = true
    return spec
  }

  /// `--name VALUE` (or `--name`).
  var form: String { "--\(name)" + (value.map { " \($0)" } ?? "") }
}

/// Options shown together in the help, under a title.
struct OptionGroup: Sendable {
  /// The group's heading (`options`, `what-if (the file is not changed)`).
  let title: String
  let options: [OptionSpec]
  /// How the usage line shows the group; nil lists each option in brackets.
  var synopsis: String? = nil

  /// The what-if options, one per ``GoalParameter``: a goal changed without editing the file.
  static let whatIf = OptionGroup(
    title: "what-if (the file is not changed)",
    options: GoalParameter.allCases.map { .value($0.rawValue, placeholder($0), $0.path) })

  /// `--KNOB N` for every knob of ``SolverKnobs/table``.
  static func knobs(_ title: String = "approximation knobs (default: the scenario's \"solver\" section)")
    -> OptionGroup
  {
    OptionGroup(
      title: title,
      options: SolverKnobs.table.map {
        .value($0.name, "N", "\($0.help) (\($0.range.lowerBound)…\($0.range.upperBound))")
      },
      synopsis: "[--KNOB N …]")
  }

  private static func placeholder(_ goal: GoalParameter) -> String {
    switch goal {
    case .deadline: return "S"
    case .target: return "L"
    case .deploy: return "R"
    case .epochs: return "K"
    }
  }
}

/// A subcommand's command line, declared once: its arguments, its option groups and
/// the text around them. The `--help` text and the parsing both read it.
struct CommandHelp: Sendable {
  /// The subcommand's name.
  let name: String
  /// The positional arguments as the usage line shows them (`SCENARIO PLAN`).
  let arguments: String
  /// Further usage lines, shown under the first (`pact [--theme NAME]`).
  var alsoUsage: [String] = []
  /// What the command does, in a paragraph or two.
  let about: String
  /// Text between the description and the options (`arguments:` of calibrate).
  var beforeOptions: String? = nil
  let groups: [OptionGroup]
  /// Text after the options (environment, notes).
  var notes: String? = nil
  /// The exit codes line(s), after `exit codes: `.
  let exitCodes: String

  /// Every option, in help order.
  var options: [OptionSpec] { groups.flatMap(\.options) }

  /// The `--help` text.
  var usage: String {
    var lines = synopsis()
    lines += alsoUsage.map { "       \($0)" }
    lines.append("")
    lines.append(about)
    if let beforeOptions {
      lines.append("")
      lines.append(beforeOptions)
    }
    let column = max(24, (options.map { $0.form.count }.max() ?? 0) + 4)
    for (i, group) in groups.enumerated() {
      if i == 0 { lines.append("") }
      lines.append("\(group.title):")
      for option in group.options {
        let help = option.help + (option.isRequired ? " (required)" : "")
        let helpLines = help.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
          CommandHelp.wrap(String($0), width: 100 - column)
        }
        let head = "  \(option.form)".padding(toLength: column, withPad: " ", startingAt: 0)
        lines.append(head + (helpLines.first ?? ""))
        for more in helpLines.dropFirst() { lines.append(String(repeating: " ", count: column) + more) }
      }
    }
    if let notes {
      lines.append("")
      lines.append(notes)
    }
    lines.append("")
    let codes = exitCodes.split(separator: "\n").map(String.init)
    lines.append("exit codes: " + (codes.first ?? ""))
    for more in codes.dropFirst() { lines.append("            " + more) }
    return lines.joined(separator: "\n")
  }

  /// `text` in lines of at most `width` characters, broken at spaces.
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = String(word)
      } else {
        line += (line.isEmpty ? "" : " ") + word
      }
    }
    lines.append(line)
    return lines
  }

  /// `usage: pact NAME ARGUMENTS [--option VALUE] …`, wrapped at 104 columns under the arguments.
  private func synopsis() -> [String] {
    let head = "usage: pact \(name) "
    var words: [String] = []
    for group in groups {
      if let synopsis = group.synopsis {
        words.append(synopsis)
      } else {
        words += group.options.map { $0.isRequired ? $0.form : "[\($0.form)]" }
      }
    }
    var lines: [String] = []
    var line = head + arguments
    let indent = String(repeating: " ", count: head.count)
    for word in words {
      if line.count + 1 + word.count > 104 {
        lines.append(line)
        line = indent + word
      } else {
        line += (line.hasSuffix(" ") ? "" : " ") + word
      }
    }
    lines.append(line)
    return lines
  }
}
