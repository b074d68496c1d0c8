/// The `?` overlay: every key, grouped.
public struct HelpOverlay: View {
  /// First line shown (the help scrolls with ↑↓ when the screen is short).
  public var scroll: Int
  public init(scroll: Int = 0) { self.scroll = scroll }

  public static let sections: [(String, [(String, String)])] = [
    (
      "Everywhere",
      [
        ("Tab / Shift-Tab", "next / previous panel (or click a panel)"),
        ("u  /  Ctrl-R (U)", "undo / redo the last edit"),
        ("x", "find the exact optimum (background); Esc cancels"),
        ("b", "show / hide the baselines on the loss chart"),
        ("w", "save the scenario (asks before overwriting)"),
        ("o", "open another scenario file"),
        ("t", "next theme"),
        ("?", "this help; any key closes it"),
        ("q  /  Ctrl-C", "quit"),
      ]
    ),
    (
      "Nodes",
      [
        ("↑↓ / j k", "select a node (or click its row)"),
        ("←→ / h l", "select a field: FLOP/s W up down radio samples available"),
        ("+ / -", "scale the field ×1.25 / ÷1.25 (available: last window ±1)"),
        ("e / Enter", "type a value (200G, 2e11, 1-20,30-40, all)"),
        ("n  d  r (Del)", "new node, duplicate, remove"),
      ]
    ),
    (
      "Goal & knobs",
      [
        ("↑↓ / j k", "select a setting"),
        ("+ - / ←→", "step it (levels: add/drop the deepest; deploy: next level)"),
        ("e / Enter", "type a value (pruning levels: 1,0.8,0.64)"),
      ]
    ),
    (
      "Graph",
      [
        ("←→ / h l", "previous / next layer (epoch)"),
        ("↑↓ / j k", "previous / next vertex in the layer, by level then loss"),
        ("g", "back to the chosen path"),
        ("click", "the vertex nearest the click, in the clicked layer"),
      ]
    ),
    ("Plan", [("↑↓ PgUp PgDn", "scroll the epochs")]),
    ("Prompt", [("Enter / Esc", "apply / cancel"), ("Ctrl-U", "clear")]),
  ]

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    var lines: [(key: String, text: String, isTitle: Bool)] = []
    for (title, keys) in HelpOverlay.sections {
      lines.append((title, "", true))
      for (key, what) in keys { lines.append((key, what, false)) }
    }
    let box = area.centered(width: 80, height: lines.count + 2)
    let fits = lines.count <= box.height - 2
    let first = fits ? 0 : max(0, min(scroll, lines.count - (box.height - 2)))
    let note = fits ? "any key closes" : "↑↓ scroll · other keys close"
    let inner = Block(title: "Keys", focused: true, note: note).draw(into: box, buffer: &buffer, theme: theme)
    let keyWidth = min(18, max(8, inner.width / 4))
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
