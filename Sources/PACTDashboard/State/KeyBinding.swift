/// What a key does in the dashboard. The dispatch in `AppState+Keys.swift` and the
/// `?` overlay both read ``KeyBindings/table``, so the help cannot drift from the keys.
public enum Action: Equatable, Sendable {
  // Everywhere.
  case quit, help, nextPanel, previousPanel, undo, redo, exact, baselines, cancel, save, open, theme
  case tradeoffView, knobView, compareView, layerView, saveScreen, castMarker, pin, relativeAxis
  case lossAxis
  // Inside the focused panel.
  case up, down, left, right, pageUp, pageDown, first, last
  case increase, decrease, edit
  case newNode, duplicateNode, removeNode, backToPath
  // While the help overlay is open.
  case helpScrollUp, helpScrollDown, helpPageUp, helpPageDown
  // In a text prompt.
  case promptApply, promptCancel, promptClear, promptBackspace
  // In a question (overwrite? unsaved changes?).
  case answerYes, answerNo, answerSave, answerDiscard, answerCancel
  // When a recovery file is offered.
  case answerRestore, answerShowDifferences, answerDelete
}

/// Where a binding applies.
public enum KeyScope: Equatable, Hashable, Sendable {
  /// Whatever panel has the focus (unless a prompt or the help is open).
  case global
  /// Only in this panel.
  case panel(Panel)
  /// Only in this full view.
  case view(BodyView)
  /// While the help overlay is open.
  case help
  /// While a text prompt (a value, a file name) is open.
  case prompt
  /// While "overwrite? (y/n)" is asked.
  case confirmOverwrite
  /// While "unsaved changes: save / discard / cancel" is asked.
  case unsavedChanges
  /// While a recovery file is offered (restore / show / delete / keep).
  case recovery

  /// The heading of the scope's section in the help.
  public var title: String {
    switch self {
    case .global: return "Everywhere"
    case .panel(let p): return p.title
    case .view(let v): return "\(v.title) view"
    case .help: return "Help"
    case .prompt: return "Typing a value or a file name"
    case .confirmOverwrite: return "Overwrite? (y/n)"
    case .unsavedChanges: return "Unsaved changes"
    case .recovery: return "A recovery file beside the file opened"
    }
  }
}

/// One row of the key table: the keys, what each does, and the help text.
public struct KeyBinding: Sendable {
  /// How the help shows the keys (`←→ / h l`).
  public var label: String
  /// Each key and the action it triggers (a row may pair opposite actions: ← and →).
  public var keys: [(key: Key, action: Action)]
  public var scope: KeyScope
  /// One line of help.
  public var help: String
  /// Short keys and a word or two for the status line's hints (nil: not in the hints).
  public var hint: (keys: String, text: String)?

  init(_ label: String, _ keys: [(Key, Action)], _ scope: KeyScope, _ help: String, hint: (String, String)? = nil) {
    self.label = label
    self.keys = keys.map { (key: $0.0, action: $0.1) }
    self.scope = scope
    self.help = help
    self.hint = hint.map { (keys: $0.0, text: $0.1) }
  }

  /// A row whose keys all do `action`.
  init(
    _ label: String, _ keys: [Key], _ action: Action, _ scope: KeyScope, _ help: String, hint: (String, String)? = nil
  ) {
    self.init(label, keys.map { ($0, action) }, scope, help, hint: hint)
  }
}

/// Every key of the dashboard, declared once.
public enum KeyBindings {
  /// The table, in the order the help lists it (scope by scope).
  public static let table: [KeyBinding] = [
    // Everywhere.
    KeyBinding(
      "Tab / Shift-Tab", [(.tab, .nextPanel), (.backTab, .previousPanel)], .global,
      "next / previous panel (or click a panel)", hint: ("Tab", "panel")),
    KeyBinding("?  /  H", [.char("?"), .char("H")], .help, .global, "this help", hint: ("?", "help")),
    KeyBinding(
      "q  /  Ctrl-C", [.char("q"), .ctrl("c")], .quit, .global,
      "quit (asks first when edits are unsaved)", hint: ("q", "quit")),
    KeyBinding(
      "u  /  Ctrl-R (U)", [(.char("u"), .undo), (.ctrl("r"), .redo), (.char("U"), .redo)], .global,
      "undo / redo the last edit (undo across an open returns to the previous file)", hint: ("u/^R", "undo/redo")),
    KeyBinding(
      "x", [.char("x")], .exact, .global,
      "find the exact optimum in the background (kept until the scenario changes)", hint: ("x", "exact")),
    KeyBinding(
      "b", [.char("b")], .baselines, .global, "show / hide the baselines on the loss chart", hint: ("b", "baselines")),
    KeyBinding("w", [.char("w")], .save, .global, "save the scenario (asks before overwriting)", hint: ("w", "save")),
    KeyBinding(
      "o", [.char("o")], .open, .global, "open another scenario file (asks first when edits are unsaved)",
      hint: ("o", "open")),
    KeyBinding("t", [.char("t")], .theme, .global, "next theme", hint: ("t", "theme")),
    KeyBinding(
      "f", [.char("f")], .tradeoffView, .global,
      "trade-off: least energy as the deadline (again: target, deploy, epochs) varies", hint: ("f", "trade-off")),
    KeyBinding(
      "s", [.char("s")], .knobView, .global,
      "knob view: gap and solve time for each value of a knob (again: next knob)", hint: ("s", "knobs")),
    KeyBinding(
      "c", [.char("c")], .compareView, .global, "compare PACT, the optimum and the baselines",
      hint: ("c", "compare")),
    KeyBinding("S", [.char("S")], .saveScreen, .global, "save the screen as an SVG (for a slide)"),
    KeyBinding(
      "P", [.char("P")], .pin, .global,
      "pin the plan (and the trade-off shown) to compare with what follows; P again unpins",
      hint: ("P", "pin")),
    KeyBinding(
      "M", [.char("M")], .castMarker, .global, "mark this moment in the recorded cast (pact tui --record FILE.cast)"),
    KeyBinding("Esc", [.escape], .cancel, .global, "cancel the exact solve; clear the message"),
    // Nodes.
    KeyBinding(
      "↑↓ / j k", [(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], .panel(.nodes),
      "select a node (or click its row)", hint: ("↑↓←→", "move")),
    KeyBinding(
      "PgUp PgDn Home End",
      [(.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .first), (.end, .last)], .panel(.nodes),
      "jump 10 nodes, to the first, to the last"),
    KeyBinding(
      "←→ / h l", [(.left, .left), (.char("h"), .left), (.right, .right), (.char("l"), .right)],
      .panel(.nodes), "select a field: FLOP/s W up down radio samples available kind name (columns scroll)"),
    KeyBinding(
      "+ / -",
      [
        (.char("+"), .increase), (.char("="), .increase), (.char("-"), .decrease),
        (.char("_"), .decrease),
      ], .panel(.nodes), "scale the field ×1.25 / ÷1.25 (available: last window ±1)",
      hint: ("+/-", "change")),
    KeyBinding(
      "e / Enter", [.char("e"), .enter], .edit, .panel(.nodes), "type a value (200G, 2e11, 1-20,30-40, all)",
      hint: ("e", "edit")),
    KeyBinding(
      "n  a  d  r (Del)",
      [
        (.char("n"), .newNode), (.char("a"), .newNode), (.char("d"), .duplicateNode),
        (.char("r"), .removeNode), (.delete, .removeNode),
      ], .panel(.nodes), "new node (n or a), duplicate, remove",
      hint: ("n/d/r", "node")),
    // Goal & knobs.
    KeyBinding(
      "↑↓ / j k", [(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)],
      .panel(.settings), "select a setting (or click it)"),
    KeyBinding("Home End", [(.home, .first), (.end, .last)], .panel(.settings), "first / last setting"),
    KeyBinding(
      "+ - / ←→ h l",
      [
        (.char("+"), .increase), (.char("="), .increase), (.right, .increase),
        (.char("l"), .increase), (.char("-"), .decrease), (.char("_"), .decrease), (.left, .decrease),
        (.char("h"), .decrease),
      ], .panel(.settings), "step it (levels: add/drop the deepest; deploy: next level)"),
    KeyBinding(
      "e / Enter", [.char("e"), .enter], .edit, .panel(.settings), "type a value (pruning levels: 1,0.8,0.64)"),
    // Graph.
    KeyBinding(
      "←→ / h l", [(.left, .left), (.char("h"), .left), (.right, .right), (.char("l"), .right)],
      .panel(.graph), "previous / next layer (epoch)"),
    KeyBinding(
      "↑↓ / j k", [(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], .panel(.graph),
      "previous / next vertex in the layer, by level then loss (click: the nearest vertex)"),
    KeyBinding(
      "PgUp PgDn Home End", [(.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .first), (.end, .last)],
      .panel(.graph), "10 vertices up / down; first / last layer"),
    KeyBinding("g  /  p", [.char("g"), .char("p")], .backToPath, .panel(.graph), "back to the chosen path"),
    KeyBinding(
      "Enter", [.enter], .layerView, .panel(.graph),
      "layer view: the layer's states in the (time, loss) plane with the bucket grid"),
    // Loss.
    KeyBinding(
      "Enter / a", [.enter, .char("a")], .lossAxis, .panel(.loss),
      "x axis: time (with the deadline) or epochs", hint: ("Enter", "time/epochs")),
    // Plan.
    KeyBinding(
      "↑↓ / j k",
      [
        (.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down),
        (.scrollUp, .up), (.scrollDown, .down),
      ], .panel(.plan), "scroll the epochs (or the mouse wheel)"),
    KeyBinding(
      "PgUp PgDn Home End", [(.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .first), (.end, .last)],
      .panel(.plan), "scroll 10 epochs; first / last epoch"),
    // Trade-off view.
    KeyBinding(
      "←→ / h l", [(.left, .left), (.char("h"), .left), (.right, .right), (.char("l"), .right)],
      .view(.tradeoff), "move the cursor along the values", hint: ("←→", "cursor")),
    KeyBinding("Home End", [(.home, .first), (.end, .last)], .view(.tradeoff), "first / last value"),
    KeyBinding(
      "%", [.char("%")], .relativeAxis, .view(.tradeoff), "energy axis in joules or as % of this scenario's plan",
      hint: ("%", "J/%")),
    KeyBinding(
      "Enter", [.enter], .edit, .view(.tradeoff), "adopt the cursor's value (an undoable edit)",
      hint: ("Enter", "adopt")),
    KeyBinding("Esc", [.escape], .cancel, .view(.tradeoff), "back to the panels", hint: ("Esc", "back")),
    // Knob view.
    KeyBinding(
      "←→ / h l", [(.left, .left), (.char("h"), .left), (.right, .right), (.char("l"), .right)],
      .view(.knobs), "previous / next knob", hint: ("←→", "knob")),
    KeyBinding(
      "↑↓ / j k", [(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], .view(.knobs),
      "select a value", hint: ("↑↓", "value")),
    KeyBinding(
      "Enter", [.enter], .edit, .view(.knobs), "set the knob to the selected value (an undoable edit)",
      hint: ("Enter", "set")),
    KeyBinding("Esc", [.escape], .cancel, .view(.knobs), "back to the panels", hint: ("Esc", "back")),
    // Compare view.
    KeyBinding(
      "↑↓ / j k", [(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], .view(.compare),
      "select a method (its loss curve is highlighted)", hint: ("↑↓", "method")),
    KeyBinding("Esc", [.escape], .cancel, .view(.compare), "back to the panels", hint: ("Esc", "back")),
    // Layer view.
    KeyBinding(
      "↑↓ / j k", [(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)], .view(.layer),
      "previous / next pruning level", hint: ("↑↓", "level")),
    KeyBinding(
      "←→ / h l", [(.left, .left), (.char("h"), .left), (.right, .right), (.char("l"), .right)],
      .view(.layer), "previous / next layer (epoch)", hint: ("←→", "layer")),
    KeyBinding(
      "+ -", [(.char("+"), .increase), (.char("="), .increase), (.char("-"), .decrease), (.char("_"), .decrease)],
      .view(.layer), "step the knob chosen in the knob view (lossBins at first): a new grid on the same axes",
      hint: ("+-", "knob")),
    KeyBinding(
      "a", [.char("a")], .lossAxis, .view(.layer), "fit the axes to the states shown (they stay across knob changes)",
      hint: ("a", "fit axes")),
    KeyBinding("Esc", [.escape], .cancel, .view(.layer), "back to the panels", hint: ("Esc", "back")),
    // Help.
    KeyBinding(
      "↑↓ / j k",
      [
        (.up, .helpScrollUp), (.char("k"), .helpScrollUp), (.scrollUp, .helpScrollUp),
        (.down, .helpScrollDown), (.char("j"), .helpScrollDown), (.scrollDown, .helpScrollDown),
      ], .help,
      "scroll the help"),
    KeyBinding("PgUp PgDn", [(.pageUp, .helpPageUp), (.pageDown, .helpPageDown)], .help, "scroll 10 lines"),
    KeyBinding("q", [.char("q")], .quit, .help, "quit (asks first when edits are unsaved); any other key closes"),
    // Prompts.
    KeyBinding("Enter", [.enter], .promptApply, .prompt, "apply", hint: ("Enter", "apply")),
    KeyBinding(
      "Esc / Ctrl-G", [.escape, .ctrl("g"), .ctrl("c")], .promptCancel, .prompt, "cancel (also Ctrl-C)",
      hint: ("Esc", "cancel")),
    KeyBinding("Ctrl-U", [.ctrl("u")], .promptClear, .prompt, "clear the text", hint: ("^U", "clear")),
    KeyBinding("Backspace", [.backspace], .promptBackspace, .prompt, "delete the last character"),
    KeyBinding(
      "y", [.char("y"), .char("Y")], .answerYes, .confirmOverwrite, "overwrite the file", hint: ("y", "overwrite")),
    KeyBinding(
      "n / Enter / Esc", [.char("n"), .char("N"), .enter, .escape, .ctrl("c"), .ctrl("g")], .answerNo,
      .confirmOverwrite, "keep the file; nothing is written", hint: ("n/Enter/Esc", "keep the file")),
    KeyBinding(
      "s", [.char("s"), .char("S")], .answerSave, .unsavedChanges, "save first (then go on)", hint: ("s", "save")),
    KeyBinding(
      "d", [.char("d"), .char("D")], .answerDiscard, .unsavedChanges, "discard the edits and go on",
      hint: ("d", "discard")),
    KeyBinding(
      "c / Esc / Enter", [.char("c"), .char("C"), .escape, .enter, .ctrl("c"), .ctrl("g")], .answerCancel,
      .unsavedChanges, "cancel: stay, edits kept", hint: ("c/Esc", "cancel")),
    KeyBinding(
      "r", [.char("r"), .char("R")], .answerRestore, .recovery,
      "restore its edits, unsaved, on top of the file (saving the file then deletes it)", hint: ("r", "restore")),
    KeyBinding(
      "v", [.char("v"), .char("V")], .answerShowDifferences, .recovery, "show what differs from the file",
      hint: ("v", "what differs")),
    KeyBinding(
      "x", [.char("x"), .char("X")], .answerDelete, .recovery, "delete the recovery file", hint: ("x", "delete")),
    KeyBinding(
      "k / Esc", [.char("k"), .char("K"), .escape, .ctrl("c"), .ctrl("g")], .answerCancel, .recovery,
      "keep it for later (offered again next time); the file as it is", hint: ("k/Esc", "keep")),
  ]

  /// The scopes in help order.
  public static let scopes: [KeyScope] =
    [.global] + Panel.allCases.map { .panel($0) } + [BodyView.tradeoff, .knobs, .compare, .layer].map { .view($0) }
    + [.help, .prompt, .confirmOverwrite, .unsavedChanges, .recovery]

  /// The action `key` triggers in `scope`, if any.
  public static func action(for key: Key, in scope: KeyScope) -> Action? {
    for binding in table where binding.scope == scope {
      if let hit = binding.keys.first(where: { $0.key == key }) { return hit.action }
    }
    return nil
  }

  /// The rows of one scope, in table order.
  public static func bindings(in scope: KeyScope) -> [KeyBinding] { table.filter { $0.scope == scope } }

  /// (keys, hint) for the status line: the hinted rows of the given scopes, in order.
  public static func hints(_ scopes: [KeyScope]) -> [(String, String)] {
    scopes.flatMap { scope in bindings(in: scope).compactMap { b in b.hint.map { ($0.keys, $0.text) } } }
  }
}
