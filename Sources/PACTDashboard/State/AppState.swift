import PACTCore

/// Something the app must do for the state: run a solver, touch a file, quit.
/// The state itself never blocks, so key handling is testable without a terminal.
public enum Effect: Equatable, Sendable {
  /// Start the PACT solver on `scenario`; its result comes back with `generation`.
  case solve(generation: Int, scenario: Scenario)
  /// Start the exact solver in the background.
  case exact(generation: Int, scenario: Scenario)
  /// Stop a running exact solve.
  case cancelExact
  /// Run the baseline policies for the loss chart; results come back with `generation`.
  case baselines(generation: Int, scenario: Scenario)
  /// Write the scenario file (atomically) and report with ``AppState/didSave(path:error:)``.
  case save(path: String, text: String)
  /// Read a scenario file and report with ``AppState/didOpen(path:result:)``.
  case open(path: String)
  /// Load a theme by name and report with ``AppState/setTheme(_:issues:)``.
  case loadTheme(String)
  /// Compute the frontier of `parameter` in the background (the trade-off view).
  case frontier(generation: Int, scenario: Scenario, parameter: GoalParameter)
  /// Sweep the knob at `knob` (index into ``SolverKnobs/table``) in the background,
  /// posting each value as it is solved (the knob view).
  case knobSweep(generation: Int, scenario: Scenario, knob: Int)
  /// Stop the background work of the full views (frontier, sweep).
  case cancelViews
  /// Write the current screen as an SVG file (atomically) and report with ``AppState/didSaveScreen(path:error:)``.
  case saveScreen(path: String)
  /// Delete a file (a recovery file dealt with) and report with ``AppState/didDelete(path:error:)``.
  case deleteFile(path: String)
  case quit
}

/// A line of feedback at the bottom of the screen.
public struct StatusMessage: Equatable, Sendable {
  public enum Kind: Sendable { case info, ok, error }
  public var text: String
  public var kind: Kind
  public init(_ text: String, _ kind: Kind = .info) {
    self.text = text
    self.kind = kind
  }
}

/// What to do once the unsaved edits are saved or discarded.
public enum PendingAction: Equatable, Sendable {
  case quit
  case open
}

/// An inline prompt on the status line: a value or file name being typed, or a question.
public struct Prompt: Equatable, Sendable {
  public enum Purpose: Equatable, Sendable {
    case node(NodeField)
    case setting(SettingField)
    case saveAs
    /// "FILE exists; overwrite? (y/n)": only `y` runs the write (saving the scenario,
    /// or the screen as an SVG).
    case confirmOverwrite(String, then: [Effect])
    case open
    /// "unsaved changes: save / discard / cancel", then the pending action.
    case unsavedChanges(PendingAction)
    /// A file name for the screen as an SVG.
    case saveScreen
    /// "NAME.recovered.json holds unsaved edits: restore / show / delete / keep".
    case recovery(RecoveryOffer)
  }
  public var purpose: Purpose
  public var label: String
  public var text: String

  /// The key scope that answers this prompt (``KeyBindings``).
  public var scope: KeyScope {
    switch purpose {
    case .confirmOverwrite: return .confirmOverwrite
    case .unsavedChanges: return .unsavedChanges
    case .recovery: return .recovery
    default: return .prompt
    }
  }

  /// Whether the prompt is a question answered by one key (no text is typed).
  public var isQuestion: Bool { scope != .prompt }
}

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
  /// The trade-off view: the varied goal, the cursor (index into the points), the
  /// frontier of a generation, and the one being computed.
  public internal(set) var tradeoffParameter: GoalParameter = .deadline
  public internal(set) var tradeoffCursor = 0
  public internal(set) var frontier: Stamped<Frontier>?
  public internal(set) var frontierRunning: Int?
  /// The knob view: the knob (index into ``SolverKnobs/table``), the selected value row,
  /// and the sweep as it comes in.
  public internal(set) var knobIndex = 0
  public internal(set) var knobRow = 0
  public internal(set) var knobSweep: KnobViewSweep?
  /// The compare view's selected row.
  public internal(set) var compareRow = 0
  /// The loss chart's x axis: epochs instead of time.
  public internal(set) var lossAgainstEpochs = false
  /// The layer view: the level shown.
  public internal(set) var layerLevel = 0
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
    SettingField.allCases.indices.contains(settingRow) ? SettingField.allCases[settingRow] : .targetLoss
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
  private mutating func replanned(message text: String) -> [Effect] {
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

  /// Where unsaved edits go when a signal ends the dashboard: beside the scenario's file
  /// (`NAME.recovered.json`, numbered when taken), never over it; for the built-in
  /// scenario, in the working folder. `exists` tells whether a path is taken.
  public func recoveryPath(exists: (String) -> Bool) -> String {
    let base: String
    if let path {
      base = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
    } else {
      base = suggestedFileName.hasSuffix(".json") ? String(suggestedFileName.dropLast(5)) : suggestedFileName
    }
    var candidate = base + ".recovered.json"
    var n = 2
    while exists(candidate) || candidate == path {
      candidate = base + ".recovered-\(n).json"
      n += 1
    }
    return candidate
  }

  // MARK: Results

  /// Takes a PACT result: shown when it belongs to the current generation, dropped when stale.
  /// - Returns: whether it was shown.
  /// A draft (coarse-knob) result is shown while the full solve runs; `solving` stays set.
  @discardableResult
  public mutating func receive(_ new: SolveOutcome) -> Bool {
    guard accepts(new.generation), solving == new.generation || !new.isDraft else { return false }
    if case .cancelled = new.result.status { return false }
    // A later draft of the same edit (a finished pass of the full solve) replaces an earlier
    // draft when its plan is cheaper; it never replaces the full plan.
    if new.isDraft, let old = outcome, old.generation == new.generation {
      guard old.isDraft, let e = new.result.evaluation, e.isFeasible,
        e.totalJoules < (old.result.evaluation?.totalJoules ?? .infinity)
      else { return false }
    }
    if let old = lastFull { change = PlanChange(from: old, to: new) } else { change = nil }
    outcome = new
    if !new.isDraft {
      lastFull = new
      solving = nil
    }
    placeGraphCursorOnPath()
    let maxScroll = max(0, (new.result.evaluation?.epochs.count ?? 0) - 1)
    planScroll = min(planScroll, maxScroll)
    return true
  }

  /// Takes an exact result for the current generation; drops stale ones.
  @discardableResult
  public mutating func receiveExact(_ new: SolveOutcome) -> Bool {
    guard exactRunning != nil, AppState.sameProblem(new.scenario, scenario) else { return false }
    exactRunning = nil
    switch new.result.status {
    case .cancelled:
      message = StatusMessage("exact solve cancelled")
      return false
    case .infeasible:
      message = StatusMessage("exact: no feasible plan", .error)
    case .budgetExceeded(let budget):
      message = StatusMessage("exact: \(budget)", .error)
    case .refused(let refusal):
      message = StatusMessage("exact: \(refusal)", .error)
    case .solved:
      if let g = gap(exact: new) {
        message = StatusMessage("exact optimum found: PACT is \(Format.percent(g)) above it", .ok)
      } else {
        message = StatusMessage("exact optimum found", .ok)
      }
    }
    exact = new
    return true
  }

  /// Whether two scenarios are the same planning problem (they may differ in knobs).
  static func sameProblem(_ a: Scenario, _ b: Scenario) -> Bool {
    var b = b
    b.solver = a.solver
    return a == b
  }

  /// PACT's relative energy gap to an exact result: (pact − exact) / exact; nil unless both
  /// are of the same problem (the knobs may differ: the optimum does not depend on them).
  public func gap(exact e: SolveOutcome? = nil) -> Double? {
    guard let ex = (e ?? exact), case .solved = ex.result.status, let ej = ex.result.joules, ej > 0,
      let o = outcome, let pj = o.result.joules, o.result.evaluation?.isFeasible == true,
      AppState.sameProblem(o.scenario, ex.scenario)
    else { return nil }
    return Statistics.relativeGap(pj, to: ej)
  }

  /// Takes baseline results for the current generation; drops stale ones.
  @discardableResult
  public mutating func receiveBaselines(generation g: Int, _ results: [BaselineResult]) -> Bool {
    guard accepts(g), showBaselines || view == .compare else { return false }
    baselines = Stamped(g, results)
    return true
  }

  /// Takes what certainty costs, computed beside the baselines; drops stale ones.
  @discardableResult
  public mutating func receiveCertainty(generation g: Int, _ points: [CertaintyPoint]) -> Bool {
    guard accepts(g) else { return false }
    certainty = Stamped(g, points)
    return true
  }

  /// The baselines of the current generation, when shown and known.
  public var currentBaselines: [BaselineResult]? {
    guard showBaselines else { return nil }
    return baselines?.current(generation)
  }

  /// Takes the outcome of a save; runs the action a guard prompt was waiting for.
  public mutating func didSave(path saved: String, text: String, error: String?) -> [Effect] {
    let pending = pendingAfterSave
    pendingAfterSave = nil
    if let error {
      message = StatusMessage("not saved to \(saved): \(error)", .error)
      return []
    }
    document.didSave(to: saved, text: text)
    message = StatusMessage("saved \(saved)", .ok)
    var effects: [Effect] = []
    if let r = restoredRecovery, r.file == saved {
      restoredRecovery = nil
      effects.append(.deleteFile(path: r.path))
    }
    return effects + run(pending)
  }

  /// Carries out an action that waited for unsaved edits to be saved or discarded.
  mutating func run(_ pending: PendingAction?) -> [Effect] {
    switch pending {
    case .quit?:
      requestQuit()
      return [.quit]
    case .open?:
      prompt = Prompt(purpose: .open, label: "open scenario", text: "")
      return []
    case nil:
      return []
    }
  }

  public mutating func didOpen(
    path: String, result: Result<Scenario, InputError>, recovery: RecoveryOffer? = nil
  ) -> [Effect] {
    switch result {
    case .failure(let error):
      let first = error.errors.first.map { "\($0)" } ?? "\(error)"
      message = StatusMessage("cannot open \(path): \(first)", .error)
      return []
    case .success(let opened):
      document.didOpen(opened, at: path)
      restoredRecovery = nil
      defer { if let recovery { offer(recovery) } }
      let effects = replanned(message: "opened \(path)")
      outcome = nil
      lastFull = nil
      change = nil
      nodeRow = 0
      graphLayer = 0
      graphVertex = 0
      planScroll = 0
      return effects
    }
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

  // MARK: Graph cursor

  /// Puts the graph cursor on the chosen path's vertex of the cursor's layer.
  mutating func placeGraphCursorOnPath() {
    guard let graph = outcome?.graph, !graph.layers.isEmpty else {
      graphLayer = 0
      graphVertex = 0
      return
    }
    graphLayer = max(0, min(graphLayer, graph.layers.count - 1))
    if graphLayer < graph.chosenPath.count {
      graphVertex = graph.chosenPath[graphLayer]
    } else {
      graphVertex = min(graphVertex, max(0, graph.layers[graphLayer].count - 1))
    }
  }

  mutating func moveGraphLayer(_ delta: Int) {
    guard let graph = outcome?.graph, !graph.layers.isEmpty else { return }
    let layers = graph.layers
    let from = layers[graphLayer].indices.contains(graphVertex) ? layers[graphLayer][graphVertex] : nil
    let onPath = graph.chosenPath.indices.contains(graphLayer) && graph.chosenPath[graphLayer] == graphVertex
    let target = max(0, min(layers.count - 1, graphLayer + delta))
    guard target != graphLayer else { return }
    graphLayer = target
    if onPath, graph.chosenPath.indices.contains(target) {
      graphVertex = graph.chosenPath[target]
      return
    }
    // Otherwise the nearest vertex by (level, loss) in the new layer.
    var best = 0
    var bestScore = Double.infinity
    if let from {
      for (i, v) in layers[target].enumerated() {
        let score = Double(abs(v.level - from.level)) * 1e6 + abs(v.loss - from.loss)
        if score < bestScore {
          bestScore = score
          best = i
        }
      }
    }
    graphVertex = best
  }

  mutating func moveGraphVertex(_ delta: Int) {
    guard let graph = outcome?.graph else { return }
    let order = graph.vertexOrder(layer: graphLayer)
    guard !order.isEmpty else { return }
    let position = order.firstIndex(of: graphVertex) ?? 0
    graphVertex = order[max(0, min(order.count - 1, position + delta))]
  }
}
