/// How many terminal columns text takes, as terminals draw it (the rules of
/// `wcwidth` and of ratatui's `unicode-width`): East Asian Wide and Fullwidth
/// characters and emoji take two columns, combining marks and other zero-width
/// characters none, everything else one.
enum DisplayWidth {
  /// Ranges of East Asian Wide (W) and Fullwidth (F) code points, and of the emoji
  /// blocks terminals draw two columns wide (Unicode 15, EastAsianWidth.txt).
  static let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
    0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
    0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
    0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
    0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x303E,
    0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
    0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
    0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
    0x1F191...0x1F19A, 0x1F200...0x1F2FF, 0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
    0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4,
    0x1F3F8...0x1F43E, 0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E,
    0x1F550...0x1F567, 0x1F57A...0x1F57A, 0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F,
    0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6DC...0x1F6DF,
    0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7EB, 0x1F7F0...0x1F7F0, 0x1F90C...0x1F93A,
    0x1F93C...0x1F945, 0x1F947...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
  ]

  /// Columns of one code point: 0, 1 or 2.
  static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v == 0 { return 0 }
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    if v < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if v == 0x200B || (v >= 0x1160 && v <= 0x11FF) || (v >= 0xFE00 && v <= 0xFE0F) { return 0 }
    var lo = 0
    var hi = wide.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      if v < wide[mid].lowerBound {
        hi = mid - 1
      } else if v > wide[mid].upperBound {
        lo = mid + 1
      } else {
        return 2
      }
    }
    return 1
  }

  /// Columns of one grapheme cluster: its first visible code point's width, and 2 for
  /// a character drawn as emoji (emoji presentation selector U+FE0F).
  static func of(_ character: Character) -> Int {
    var width = 0
    var emojiPresentation = false
    for scalar in character.unicodeScalars {
      if scalar.value == 0xFE0F { emojiPresentation = true }
      if width == 0 { width = of(scalar) }
    }
    if emojiPresentation, width == 1, character.unicodeScalars.first?.properties.isEmoji == true { return 2 }
    return width
  }
}

extension Character {
  /// Terminal columns this character takes (0, 1 or 2).
  var displayWidth: Int { DisplayWidth.of(self) }
}

extension StringProtocol {
  /// Terminal columns this text takes.
  var displayWidth: Int { reduce(0) { $0 + $1.displayWidth } }

  /// The longest start of the text that fits in `columns` columns (at least one character).
  func prefix(columns: Int) -> String {
    var out = ""
    var used = 0
    for ch in self {
      let w = ch.displayWidth
      if used + w > columns && !out.isEmpty { break }
      out.append(ch)
      used += w
    }
    return out
  }

  /// The text cut to at most `width` columns; cut text ends with `…`.
  func truncated(toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    if displayWidth <= width { return String(self) }
    var out = ""
    var used = 0
    for ch in self {
      let w = ch.displayWidth
      if used + w > width - 1 { break }
      out.append(ch)
      used += w
    }
    return out + "…"
  }

  /// The text cut from the left to at most `width` columns, starting with `…` when cut
  /// (for text whose end matters: a prompt being typed, a file path).
  func truncatedFromLeft(toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    if displayWidth <= width { return String(self) }
    var kept: [Character] = []
    var used = 0
    for ch in reversed() {
      let w = ch.displayWidth
      if used + w > width - 1 { break }
      kept.append(ch)
      used += w
    }
    return "…" + String(kept.reversed())
  }
}
