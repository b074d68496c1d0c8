/// The `?` overlay: every key, grouped.
public struct HelpOverlay: View {
  public init() {}

  public static let sections: [(String, [(String, String)])] = [
    ("Everywhere", [
      ("Tab / Shift-Tab", "next / previous panel (or click a panel)"),
      ("u  /  Ctrl-R (U)", "undo / redo the last edit"),
      ("x", "find the exact optimum (background); Esc cancels"),
      ("b", "show / hide the baselines on the loss chart"),
      ("w", "save the scenario (asks before overwriting)"),
      ("o", "open another scenario file"),
      ("t", "next theme"),
      ("?", "this help; any key closes it"),
      ("q  /  Ctrl-C", "quit"),
    ]),
    ("Nodes", [
      ("↑↓ / j k", "select a node (or click its row)"),
      ("←→ / h l", "select a field: FLOP/s W up down radio samples available"),
      ("+ / -", "scale the field ×1.25 / ÷1.25 (available: last window ±1)"),
      ("e / Enter", "type a value (200G, 2e11, 1-20,30-40, all)"),
      ("n  d  r (Del)", "new node, duplicate, remove"),
    ]),
    ("Goal & knobs", [
      ("↑↓ / j k", "select a setting"),
      ("+ - / ←→", "step it (levels: add/drop the deepest; deploy: next level)"),
      ("e / Enter", "type a value (pruning levels: 1,0.8,0.64)"),
    ]),
    ("Graph", [
      ("←→ / h l", "previous / next layer (epoch)"),
      ("↑↓ / j k", "previous / next vertex in the layer, by level then loss"),
      ("g", "back to the chosen path"),
    ]),
    ("Plan", [("↑↓ PgUp PgDn", "scroll the epochs")]),
    ("Prompt", [("Enter / Esc", "apply / cancel"), ("Ctrl-U", "clear")]),
  ]

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let lines = HelpOverlay.sections.reduce(0) { $0 + $1.1.count + 1 } + 1
    let box = area.centered(width: 78, height: lines + 2)
    let inner = Block(title: "Keys", focused: true, note: "any key closes").draw(into: box, buffer: &buffer, theme: theme)
    var row = 0
    for (title, keys) in HelpOverlay.sections {
      guard row < inner.height else { break }
      buffer.write(title, in: inner, row: row, theme.title)
      row += 1
      for (key, what) in keys {
        guard row < inner.height else { break }
        buffer.write("  " + pad(key, 18), in: inner, row: row, theme.role(.key, bold: true))
        buffer.write(what, in: inner, row: row, column: 21, theme.text)
        row += 1
      }
    }
  }
}
