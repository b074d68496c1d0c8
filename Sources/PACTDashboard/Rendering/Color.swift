import Foundation

/// A colour as a theme names it: the terminal's default, or an RGB triple that the
/// backend reduces to what the terminal can show (see ``ColorDepth``).
public enum Color: Equatable, Hashable, Sendable {
  /// The terminal's own foreground or background.
  case terminalDefault
  case rgb(UInt8, UInt8, UInt8)

  /// Parses `#rrggbb`; an empty string is the terminal default; nil when malformed.
  public init?(hex text: String) {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.isEmpty {
      self = .terminalDefault
      return
    }
    guard t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) else { return nil }
    self = .rgb(UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff))
  }

  /// `#rrggbb`, or an empty string for the terminal default.
  public var hex: String {
    switch self {
    case .terminalDefault: return ""
    case .rgb(let r, let g, let b):
      let digits = Array("0123456789abcdef")
      return "#" + [r, g, b].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }
  }
}

/// Text attributes of a cell.
public struct Modifiers: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = Modifiers(rawValue: 1)
  public static let dim = Modifiers(rawValue: 2)
  public static let underline = Modifiers(rawValue: 4)
  public static let reverse = Modifiers(rawValue: 8)
  public static let italic = Modifiers(rawValue: 16)
}

/// Foreground, background and modifiers, applied together to the cells a view writes.
public struct Style: Equatable, Hashable, Sendable {
  public var fg: Color
  public var bg: Color
  public var modifiers: Modifiers

  public init(fg: Color = .terminalDefault, bg: Color = .terminalDefault, modifiers: Modifiers = []) {
    self.fg = fg
    self.bg = bg
    self.modifiers = modifiers
  }

  /// This style with `modifiers` added.
  public func adding(_ extra: Modifiers) -> Style {
    var s = self
    s.modifiers.formUnion(extra)
    return s
  }

  /// This style with another foreground.
  public func fg(_ color: Color) -> Style {
    var s = self
    s.fg = color
    return s
  }
}
