import PACTCore

/// Everything the dashboard shows and edits, as a value: key events and solver
/// results update it and return the ``Effect``s the app must run.
public struct AppState: Sendable {
  /// The scenario, its file, its text, undo and saves (``Document``).
  public internal(set) var document: Document
  public var scenario: Scenario { document.scenario }
  /// The file the scenario came from or was last saved to.
  public var path: String? { document.path }
  public var undoStack: [UndoEntry] { document.undoStack }
  public var redoStack: [UndoEntry] { document.redoStack }
  public var savedVersions: [String: Scenario] { document.savedVersions }
  /// What to do after the save that a guard prompt asked for succeeds.
  public internal(set) var pendingAfterSave: PendingAction?
  /// Bumped by every applied edit; a result is shown only when it matches.
  public internal(set) var generation = 0
  /// The generation being solved, while a solve runs.
  public internal(set) var solving: Int?
  /// The latest result shown (possibly for an older generation while solving).
  public internal(set) var outcome: SolveOutcome?
  /// The last full (not draft) result, which changes are measured against.
  public internal(set) var lastFull: SolveOutcome?
  /// What the last new plan changed compared with the one before.
  public internal(set) var change: PlanChange?
  /// The exact optimum of the current scenario, when known: it depends on the scenario,
  /// not on the knobs, so it is kept when only knobs change.
  public internal(set) var exact: SolveOutcome?
  /// Optima of recent problems (most recent last): an undo, or an edit back to a value
  /// tried before, gets its optimum back without a new exact solve.
  var knownOptima: [SolveOutcome] = []
  /// The generation of a running exact solve, and its scenario.
  public internal(set) var exactRunning: Int?
  var exactScenario: Scenario?
  public var focus: Panel = .nodes
  /// What fills the body: the panels, or a full view.
  public internal(set) var view: BodyView = .panels
  /// Each full view's own state, with its keys (``TradeoffState``, ``KnobState``,
  /// ``CompareState``, ``LayerState``).
  public internal(set) var tradeoff = TradeoffState()
  public internal(set) var knobs = KnobState()
  public internal(set) var compare = CompareState()
  public internal(set) var layer = LayerState()
  /// The plan pinned with `P` (before-and-after), drawn beside the live one.
  public internal(set) var pinned: Pinned?
  /// The loss chart's x axis: epochs instead of time.
  public internal(set) var lossAgainstEpochs = false
  public var nodeRow = 0
  public var nodeField: NodeField = .flops
  public var settingRow = 0
  /// First node row shown (the panel's scroll offset; drawing and clicks both use it).
  public internal(set) var nodeScroll = 0
  /// First scrollable column shown in the Nodes panel (the id column stays).
  public internal(set) var nodeColumn = 0
  /// First setting row shown.
  public internal(set) var settingScroll = 0
  public var planScroll = 0
  /// Graph cursor: layer and vertex index in that layer.
  public var graphLayer = 0
  public var graphVertex = 0
  public var showHelp = false
  /// First help line shown, when the help does not fit the screen.
  public var helpScroll = 0
  public var prompt: Prompt?
  public var message: StatusMessage?
  public internal(set) var theme: Theme
  public var themeNames: [String]
  public var size: (width: Int, height: Int) = (120, 40)
  /// Extra labelled loss curves for the chart (traces), drawn after the plan's.
  public var extraSeries: [ChartSeries] = []
  /// Whether the baselines are computed and drawn (`b`).
  public var showBaselines = false
  /// The baselines' results for a generation.
  public internal(set) var baselines: Stamped<[BaselineResult]>?
  /// PACT's energy at several confidences, when the loss model has a band (the compare view).
  public internal(set) var certainty: Stamped<[CertaintyPoint]>?
  public internal(set) var quitRequested = false
  /// Whether the session is being recorded as a cast (`M` adds markers then).
  public var recording = false

  /// Whether the scenario differs from what its file holds (or from the built-in
  /// scenario): undo back to the saved content clears it.
  public var dirty: Bool { document.dirty }
  /// Whether a file exists (asked before an overwrite): injected by the app, so the
  /// state itself never touches the file system; tests give their own.
  public var fileExists: @Sendable (String) -> Bool = { _ in false }
  /// A recovery file whose edits were restored: deleted once they are saved to its file.
  public internal(set) var restoredRecovery: RecoveryOffer?

  public static let undoLimit = Document.undoLimit

  public init(
    scenario: Scenario, path: String? = nil, theme: Theme = .builtinDefault, themeNames: [String] = ["default"]
  ) {
    document = Document(scenario: scenario, path: path)
    self.theme = theme
    self.themeNames = themeNames
  }

  /// The first solve; call once at start.
  public mutating func start() -> [Effect] {
    generation += 1
    solving = generation
    return [.solve(generation: generation, scenario: scenario)]
  }

  public var selectedNode: Int? { scenario.nodes.isEmpty ? nil : min(nodeRow, scenario.nodes.count - 1) }
  public var selectedSetting: SettingField {
    SettingField.allCases.indices.contains(settingRow) ? SettingField.allCases[settingRow] : .goal(.target)
  }

  // MARK: Edits

  /// Applies an edited scenario when it validates: pushes undo, bumps the
  /// generation and asks for a solve. Otherwise shows the first problem, naming the field.
  public mutating func apply(_ edited: Scenario, _ what: String) -> [Effect] {
    if edited == scenario { return [] }
    let issues = edited.validate().filter { $0.severity == .error }
    if let first = issues.first {
      let more = issues.count > 1 ? " (+\(issues.count - 1) more)" : ""
      message = StatusMessage("not applied: \(first)\(more)", .error)
      return []
    }
    document.edit(edited)
    return replanned(message: what)
  }

  /// After the document's content changed: a new generation, solved.
  mutating func replanned(message text: String) -> [Effect] {
    generation += 1
    solving = generation
    message = StatusMessage(text)
    clampSelection()
    var effects: [Effect] = []
    // The optimum depends on the scenario, not on the knobs: kept across knob changes.
    if let e = exact, !AppState.sameProblem(e.scenario, scenario) {
      knownOptima.removeAll { AppState.sameProblem($0.scenario, e.scenario) }
      knownOptima.append(e)
      if knownOptima.count > 8 { knownOptima.removeFirst() }
      exact = nil
    }
    if exact == nil, let known = knownOptima.last(where: { AppState.sameProblem($0.scenario, scenario) }) {
      exact = known
    }
    if exactRunning != nil, let running = exactScenario, !AppState.sameProblem(running, scenario) {
      exactRunning = nil
      effects.append(.cancelExact)
    }
    effects.append(.solve(generation: generation, scenario: scenario))
    if showBaselines || view == .compare { effects.append(.baselines(generation: generation, scenario: scenario)) }
    effects += viewEffects()
    return effects
  }

  public mutating func undo() -> [Effect] {
    let before = path
    guard document.undo() != nil else {
      message = StatusMessage("nothing to undo")
      return []
    }
    return restored(from: before, "undone (\(undoStack.count) more)")
  }

  public mutating func redo() -> [Effect] {
    let before = path
    guard document.redo() != nil else {
      message = StatusMessage("nothing to redo")
      return []
    }
    return restored(from: before, "redone (\(redoStack.count) more)")
  }

  /// After undo or redo made an entry current: replans, and says when the file changed.
  private mutating func restored(from before: String?, _ what: String) -> [Effect] {
    let effects = replanned(message: what)
    if before != path { message = StatusMessage("\(what): back to \(path ?? "the built-in scenario")") }
    return effects
  }

  mutating func clampSelection() {
    nodeRow = max(0, min(nodeRow, scenario.nodes.count - 1))
    settingRow = max(0, min(settingRow, SettingField.allCases.count - 1))
    settleScroll()
  }

  /// Moves each panel's scroll offsets just enough to keep its selection in view at the
  /// current size; drawing and mouse clicks both read these offsets.
  mutating func settleScroll() {
    let layout = DashboardLayout(width: size.width, height: size.height, focus: focus)
    if let rect = layout.panels[.nodes] {
      let visible = max(1, rect.height - 3)
      nodeScroll = AppState.keepVisible(nodeRow, offset: nodeScroll, visible: visible, count: scenario.nodes.count)
      nodeColumn = NodeColumns.firstColumn(keeping: nodeField, width: rect.width - 2, scenario: scenario)
    }
    if let rect = layout.panels[.settings] {
      let visible = max(1, rect.height - 2)
      settingScroll = AppState.keepVisible(
        settingRow, offset: settingScroll, visible: visible, count: SettingField.allCases.count)
    }
  }

  /// The offset closest to `offset` that shows row `selected` among `visible` rows of `count`.
  static func keepVisible(_ selected: Int, offset: Int, visible: Int, count: Int) -> Int {
    var o = offset
    if selected < o { o = selected }
    if selected >= o + visible { o = selected - visible + 1 }
    return max(0, min(o, count - visible))
  }

  /// A cast marker's name: what is on screen (the view, or the panel in focus).
  var markerLabel: String {
    let place = view == .panels ? "\(focus)" : "\(view)"
    return message.map { "\(place): \($0.text)" } ?? place
  }

  /// Takes the number of the marker just written to the cast.
  public mutating func didMark(_ number: Int) {
    message = StatusMessage("marker \(number) in the cast", .ok)
  }

  /// Takes the outcome of writing the screen as an SVG.
  public mutating func didSaveScreen(path: String, error: String?) {
    message =
      error.map { StatusMessage("screen not saved: \($0)", .error) } ?? StatusMessage("screen saved to \(path)", .ok)
  }

  public mutating func setTheme(_ theme: Theme, issues: [ThemeIssue], lowColor: Bool = false) {
    self.theme = theme
    self.theme.lowColor = lowColor
    if let first = issues.first {
      message = StatusMessage(
        "theme \(theme.name): \(first)\(issues.count > 1 ? " (+\(issues.count - 1) more)" : "")", .error)
    } else {
      message = StatusMessage("theme \(theme.name)")
    }
  }

  public mutating func requestQuit() { quitRequested = true }

}
