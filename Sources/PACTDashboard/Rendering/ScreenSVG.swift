import Foundation

/// A screen as an SVG file, for a slide: every cell at its place on a fixed grid, in
/// the theme's colours (the terminal's default colours become the theme's main ones,
/// or dark grey on white when the theme leaves them to the terminal), bold, dim,
/// underline, italic and reverse video kept.
public enum ScreenSVG {
  /// Cell size in pixels.
  static let cellWidth = 9.0
  static let cellHeight = 18.0

  public static func render(_ buffer: Buffer, theme: Theme) -> String {
    let w = Double(buffer.area.width) * cellWidth
    let h = Double(buffer.area.height) * cellHeight
    let defaultFg = hex(theme[.mainFg]) ?? "#303030"
    let defaultBg = hex(theme[.mainBg]) ?? "#ffffff"
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"15\">\n"
    out += "<rect width=\"100%\" height=\"100%\" fill=\"\(defaultBg)\"/>\n"
    var texts = ""
    for y in 0..<buffer.area.height {
      var x = 0
      while x < buffer.area.width {
        let cell = buffer[x, y]
        var fg = hex(cell.style.fg) ?? defaultFg
        var bg = hex(cell.style.bg) ?? defaultBg
        if cell.style.modifiers.contains(.reverse) { swap(&fg, &bg) }
        let span = cell.isWide ? 2 : 1
        if bg != defaultBg {
          out +=
            "<rect x=\(q(Double(x) * cellWidth)) y=\(q(Double(y) * cellHeight)) width=\(q(Double(span) * cellWidth)) height=\(q(cellHeight)) fill=\"\(bg)\"/>\n"
        }
        if let dots = brailleDots(cell.symbol), !cell.isContinuation {
          // Braille as circles: no font needed (many monospace fonts lack the block).
          var attributes = "fill=\"\(fg)\""
          if cell.style.modifiers.contains(.dim) { attributes += " fill-opacity=\"0.6\"" }
          for (col, row) in dots {
            texts +=
              "<circle cx=\(q(Double(x) * cellWidth + (Double(col) + 0.5) * cellWidth / 2)) cy=\(q(Double(y) * cellHeight + (Double(row) + 0.5) * cellHeight / 4)) r=\"1.6\" \(attributes)/>\n"
          }
        } else if !cell.isContinuation && cell.symbol != " " {
          var attributes = "fill=\"\(fg)\""
          if cell.style.modifiers.contains(.bold) { attributes += " font-weight=\"bold\"" }
          if cell.style.modifiers.contains(.dim) { attributes += " fill-opacity=\"0.6\"" }
          if cell.style.modifiers.contains(.italic) { attributes += " font-style=\"italic\"" }
          if cell.style.modifiers.contains(.underline) { attributes += " text-decoration=\"underline\"" }
          texts +=
            "<text x=\(q(Double(x) * cellWidth + Double(span) * cellWidth / 2)) y=\(q(Double(y) * cellHeight + cellHeight * 0.78)) text-anchor=\"middle\" \(attributes)>\(escape(cell.symbol))</text>\n"
        }
        x += span
      }
    }
    out += texts + "</svg>\n"
    return out
  }

  /// The raised dots of a braille pattern character as (column 0–1, row 0–3); nil for
  /// any other character.
  static func brailleDots(_ ch: Character) -> [(Int, Int)]? {
    guard let u = ch.unicodeScalars.first, ch.unicodeScalars.count == 1,
      (0x2800...0x28FF).contains(u.value)
    else { return nil }
    let bits = u.value - 0x2800
    let positions = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 3), (1, 3)]
    return positions.indices.filter { bits & (1 << $0) != 0 }.map { positions[$0] }
  }

  static func q(_ v: Double) -> String { "\"\(Int(v.rounded()))\"" }

  static func hex(_ c: Color) -> String? {
    guard case .rgb(let r, let g, let b) = c else { return nil }
    return "#" + [r, g, b].map { String(format: "%02x", $0) }.joined()
  }

  static func escape(_ ch: Character) -> String {
    switch ch {
    case "<": return "&lt;"
    case ">": return "&gt;"
    case "&": return "&amp;"
    case "\"": return "&quot;"
    default: return String(ch)
    }
  }
}
