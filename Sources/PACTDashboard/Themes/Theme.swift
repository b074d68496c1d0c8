import Foundation

/// A problem in a theme file, with its line.
public struct ThemeIssue: Equatable, Sendable, CustomStringConvertible {
  public var source: String
  public var line: Int
  public var message: String
  public var description: String { "\(source):\(line): \(message)" }
}

/// Colours for every ``ThemeKey``. Parsed from `key = value` files over the
/// built-in default theme, so a file sets only what it changes.
public struct Theme: Equatable, Sendable {
  public var name: String
  public var colors: [ThemeKey: Color]
  /// Set when the terminal shows few colours: selection is then also marked with attributes.
  public var lowColor = false

  /// The built-in default (dark) theme: every key has a value here.
  public static let builtinDefault: Theme = {
    let (theme, _) = Theme.parse(BuiltinThemes.text["default"] ?? "", name: "default", base: nil)
    return theme
  }()

  /// A theme with every colour the terminal default (attributes only).
  public static let monochrome = Theme(
    name: "monochrome", colors: Dictionary(uniqueKeysWithValues: ThemeKey.allCases.map { ($0, Color.terminalDefault) }))

  public init(name: String, colors: [ThemeKey: Color]) {
    self.name = name
    self.colors = colors
  }

  /// Parses a theme file over `base` (the built-in default when nil).
  ///
  /// Lines are `key = value`, `# comment` or blank; the value is `#rrggbb` or empty
  /// (the terminal default). Unknown keys and malformed values are reported, not applied.
  public static func parse(_ text: String, name: String, base: Theme? = builtinDefault, source: String? = nil) -> (
    Theme, [ThemeIssue]
  ) {
    var colors = base?.colors ?? [:]
    var issues: [ThemeIssue] = []
    let src = source ?? "\(name).theme"
    // Lines end in LF, CRLF or CR ("\r\n" is one Character, a newline like the others).
    for (i, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let eq = line.firstIndex(of: "=") else {
        issues.append(ThemeIssue(source: src, line: i + 1, message: "expected key = value, got \"\(line)\""))
        continue
      }
      let key = line[..<eq].trimmingCharacters(in: .whitespaces)
      var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
      guard let themeKey = ThemeKey(rawValue: key) else {
        issues.append(ThemeIssue(source: src, line: i + 1, message: "unknown key \"\(key)\""))
        continue
      }
      guard let color = Color(hex: value) else {
        issues.append(
          ThemeIssue(source: src, line: i + 1, message: "\(key): \"\(value)\" is not #rrggbb or empty"))
        continue
      }
      colors[themeKey] = color
    }
    for key in ThemeKey.allCases where colors[key] == nil { colors[key] = .terminalDefault }
    return (Theme(name: name, colors: colors), issues)
  }

  public subscript(key: ThemeKey) -> Color { colors[key] ?? .terminalDefault }

  /// Whether the theme sets no colour at all; views then mark selection with reverse video.
  public var isMonochrome: Bool { colors.values.allSatisfy { $0 == .terminalDefault } }

  // MARK: Styles the views use

  public var text: Style { Style(fg: self[.mainFg], bg: self[.mainBg]) }
  public var label: Style { Style(fg: self[.label], bg: self[.mainBg]) }
  public var title: Style { Style(fg: self[.title], bg: self[.mainBg], modifiers: .bold) }
  public var highlight: Style { Style(fg: self[.highlight], bg: self[.mainBg], modifiers: .bold) }
  public func border(focused: Bool) -> Style {
    Style(fg: self[focused ? .borderFocus : .border], bg: self[.mainBg], modifiers: focused ? .bold : [])
  }
  public var selected: Style {
    Style(fg: self[.selectedFg], bg: self[.selectedBg], modifiers: isMonochrome || lowColor ? [.bold, .underline] : [])
  }
  public var cursor: Style {
    Style(fg: self[.cursorFg], bg: self[.cursorBg], modifiers: isMonochrome ? [.reverse, .bold] : [.bold])
  }
  public var status: Style { Style(fg: self[.statusFg], bg: self[.statusBg], modifiers: isMonochrome ? .reverse : []) }
  public var statusKey: Style {
    Style(fg: self[.key], bg: self[.statusBg], modifiers: isMonochrome ? [.reverse, .bold] : .bold)
  }
  public func role(_ key: ThemeKey, bold: Bool = false) -> Style {
    Style(fg: self[key], bg: self[.mainBg], modifiers: bold ? .bold : [])
  }

  /// The graph density colour at `t` in [0, 1], interpolated start → mid → end.
  public func gradient(_ t: Double) -> Color {
    let t = max(0, min(1, t))
    let (a, b, u) =
      t < 0.5 ? (self[.graphStart], self[.graphMid], t * 2) : (self[.graphMid], self[.graphEnd], t * 2 - 1)
    guard case .rgb(let r1, let g1, let b1) = a, case .rgb(let r2, let g2, let b2) = b else {
      return u < 0.5 ? a : b
    }
    func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
      UInt8(max(0, min(255, (Double(x) + (Double(y) - Double(x)) * u).rounded())))
    }
    return .rgb(mix(r1, r2), mix(g1, g2), mix(b1, b2))
  }
}
