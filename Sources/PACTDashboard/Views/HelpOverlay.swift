/// The `?` overlay: every key, grouped.
public struct HelpOverlay: View {
  /// First line shown (the help scrolls with ↑↓ when the screen is short).
  var scroll: Int
  public init(scroll: Int = 0) { self.scroll = scroll }

  /// The help's sections: every scope of ``KeyBindings/table`` with its rows, so the
  /// help lists exactly the keys the dashboard dispatches.
  public static var sections: [(String, [(String, String)])] {
    KeyBindings.scopes.compactMap { scope in
      let rows = KeyBindings.bindings(in: scope).map { ($0.label, $0.help) }
      return rows.isEmpty ? nil : (scope.title, rows)
    }
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    var lines: [(key: String, text: String, isTitle: Bool)] = []
    for (title, keys) in HelpOverlay.sections {
      lines.append((title, "", true))
      for (key, what) in keys { lines.append((key, what, false)) }
    }
    let box = area.centered(width: min(104, area.width - 2), height: lines.count + 2)
    let fits = lines.count <= box.height - 2
    let first = fits ? 0 : max(0, min(scroll, lines.count - (box.height - 2)))
    let note = fits ? "any key closes" : "↑↓ scroll · other keys close"
    let inner = Block(title: "Keys", focused: true, note: note).draw(into: box, buffer: &buffer, theme: theme)
    let keyWidth = min(19, max(8, inner.width / 4))
    for row in 0..<inner.height {
      let i = first + row
      guard i < lines.count else { break }
      let line = lines[i]
      if line.isTitle {
        buffer.write(line.key, in: inner, row: row, theme.title)
      } else {
        buffer.write("  " + pad(line.key, keyWidth), in: inner, row: row, theme.role(.key, bold: true))
        buffer.write(line.text, in: inner, row: row, column: keyWidth + 3, theme.text)
      }
    }
  }
}
