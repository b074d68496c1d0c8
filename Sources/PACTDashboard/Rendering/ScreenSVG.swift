import Foundation

/// A screen as an SVG file a slide tool accepts: text as runs of one style per
/// `<text>` element (selectable, searchable as words), each row's background as merged
/// rectangles, braille chart dots as one path per colour run, on the theme's own
/// background. The theme's colours are kept (bold, dim, underline, italic and reverse
/// video too); where the theme leaves the background to the terminal, the page takes a
/// dark or a light background, whichever its main text colour reads on.
public enum ScreenSVG {
  /// Cell size in pixels.
  static let cellWidth = 9.0
  static let cellHeight = 18.0

  /// The page background for `theme`: its own, or one its main text colour reads on.
  static func background(_ theme: Theme) -> String {
    if let own = hex(theme[.mainBg]) { return own }
    if case .rgb(let r, let g, let b) = theme[.mainFg],
      0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b) > 140
    {
      return "#1c1f26"
    }
    return "#ffffff"
  }

  /// The text colour for `theme`'s terminal-default foreground.
  static func foreground(_ theme: Theme, background: String) -> String {
    hex(theme[.mainFg]) ?? (background == "#ffffff" ? "#303030" : "#d0d4dc")
  }

  /// What one cell shows, resolved: colours after reverse video, the text attributes.
  private struct Look: Equatable {
    var fg: String
    var bg: String
    var bold, dim, italic, underline: Bool

    var textAttributes: String {
      var a = "fill=\"\(fg)\""
      if bold { a += " font-weight=\"bold\"" }
      if dim { a += " fill-opacity=\"0.6\"" }
      if italic { a += " font-style=\"italic\"" }
      if underline { a += " text-decoration=\"underline\"" }
      return a
    }
  }

  public static func render(_ buffer: Buffer, theme: Theme) -> String {
    let width = buffer.area.width
    let height = buffer.area.height
    let w = Double(width) * cellWidth
    let h = Double(height) * cellHeight
    let page = background(theme)
    let ink = foreground(theme, background: page)
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"15\" xml:space=\"preserve\">\n"
    out += "<rect width=\"100%\" height=\"100%\" fill=\"\(page)\"/>\n"

    func look(_ cell: Cell) -> Look {
      var fg = hex(cell.style.fg) ?? ink
      var bg = hex(cell.style.bg) ?? page
      let m = cell.style.modifiers
      if m.contains(.reverse) { swap(&fg, &bg) }
      return Look(
        fg: fg, bg: bg, bold: m.contains(.bold), dim: m.contains(.dim), italic: m.contains(.italic),
        underline: m.contains(.underline))
    }

    var rects = ""
    var texts = ""
    var dots = ""
    for y in 0..<height {
      let top = Double(y) * cellHeight
      // Backgrounds: one rectangle per run of cells with the same non-page colour.
      var x = 0
      while x < width {
        let bg = look(buffer[x, y]).bg
        var end = x + 1
        while end < width, look(buffer[end, y]).bg == bg { end += 1 }
        if bg != page {
          rects +=
            "<rect x=\(q(Double(x) * cellWidth)) y=\(q(top)) width=\(q(Double(end - x) * cellWidth)) height=\(q(cellHeight)) fill=\"\(bg)\"/>\n"
        }
        x = end
      }
      // Text: one element per run of one look (spaces inside a run kept), stretched to
      // its cells so the grid holds whatever the font; braille dots: one path per run.
      x = 0
      while x < width {
        let cell = buffer[x, y]
        if cell.isContinuation || cell.symbol == " " {
          x += 1
          continue
        }
        let style = look(cell)
        if brailleDots(cell.symbol) != nil {
          var path = ""
          var end = x
          while end < width, let d = brailleDots(buffer[end, y].symbol), look(buffer[end, y]).fg == style.fg {
            for (col, row) in d {
              let cx = Int((Double(end) * cellWidth + (Double(col) + 0.5) * cellWidth / 2).rounded())
              let cy = Int((top + (Double(row) + 0.5) * cellHeight / 4).rounded())
              path += "M\(cx) \(cy)h0"
            }
            end += 1
          }
          if !path.isEmpty {
            let opacity = style.dim ? " stroke-opacity=\"0.6\"" : ""
            dots +=
              "<path d=\"\(path)\" stroke=\"\(style.fg)\" stroke-width=\"3.2\" stroke-linecap=\"round\"\(opacity)/>\n"
          }
          x = end
          continue
        }
        var run = ""
        var cells = 0
        var end = x
        var pendingSpaces = 0
        while end < width {
          let c = buffer[end, y]
          if c.isContinuation {
            end += 1
            continue
          }
          if c.symbol == " " {
            // A space belongs to the run when the run goes on after it in the same look.
            if look(c).bg != style.bg { break }
            pendingSpaces += 1
            end += 1
            continue
          }
          if brailleDots(c.symbol) != nil || look(c) != style { break }
          if pendingSpaces > 0 {
            run += String(repeating: " ", count: pendingSpaces)
            cells += pendingSpaces
            pendingSpaces = 0
          }
          run += escape(c.symbol)
          let span = c.isWide ? 2 : 1
          cells += span
          end += 1
        }
        texts +=
          "<text x=\(q(Double(x) * cellWidth)) y=\(q(top + cellHeight * 0.78)) textLength=\(q(Double(cells) * cellWidth)) lengthAdjust=\"spacingAndGlyphs\" \(style.textAttributes)>\(run)</text>\n"
        x = end - pendingSpaces
      }
    }
    out += rects + texts + dots + "</svg>\n"
    return out
  }

  /// The raised dots of a braille pattern character as (column 0–1, row 0–3); nil for
  /// any other character (and for the blank pattern).
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
