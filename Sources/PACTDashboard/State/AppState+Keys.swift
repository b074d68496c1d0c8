import PACTCore

extension AppState {
  /// Updates the state for one key and returns what the app must do.
  ///
  /// Keys are looked up in ``KeyBindings/table``: the open prompt's scope, else the
  /// help's, else the global scope and then the focused panel's.
  public mutating func handle(_ key: Key) -> [Effect] {
    if case .resize(let w, let h) = key {
      size = (w, h)
      settleScroll()
      return []
    }
    if let p = prompt { return handlePrompt(key, p) }
    if showHelp {
      switch KeyBindings.action(for: key, in: .help) {
      case .helpScrollDown?: helpScroll += 1
      case .helpScrollUp?: helpScroll = max(0, helpScroll - 1)
      case .helpPageDown?: helpScroll += 10
      case .helpPageUp?: helpScroll = max(0, helpScroll - 10)
      case .quit?: return quit()
      default: showHelp = false
      }
      return []
    }
    if case .click(let x, let y) = key {
      let effects = handleClick(x: x, y: y)
      settleScroll()
      return effects
    }
    let effects: [Effect]
    if view != .panels, let action = KeyBindings.action(for: key, in: .view(view)) {
      effects = handleView(action)
    } else if let action = KeyBindings.action(for: key, in: .global) {
      effects = perform(action)
    } else if view != .panels {
      effects = []
    } else if let action = KeyBindings.action(for: key, in: .panel(focus)) {
      switch focus {
      case .nodes: effects = handleNodes(action)
      case .settings: effects = handleSettings(action)
      case .graph: effects = handleGraph(action)
      case .loss:
        if action == .lossAxis { lossAgainstEpochs.toggle() }
        message = StatusMessage("loss chart against \(lossAgainstEpochs ? "epochs" : "time")")
        effects = []
      case .plan: effects = handlePlan(action)
      }
    } else {
      effects = []
    }
    settleScroll()
    return effects
  }

  /// Runs a global action.
  mutating func perform(_ action: Action) -> [Effect] {
    switch action {
    case .quit: return quit()
    case .help:
      showHelp = true
      helpScroll = 0
    case .nextPanel:
      focus = focus.next
      return closeView()
    case .previousPanel:
      focus = focus.previous
      return closeView()
    case .tradeoffView: return open(.tradeoff)
    case .knobView: return open(.knobs)
    case .compareView: return open(.compare)
    case .saveScreen:
      prompt = Prompt(purpose: .saveScreen, label: "save the screen as", text: suggestedScreenFileName)
    case .pin:
      // In the trade-off view, a pin without this goal's frontier takes it (not unpinned).
      if view == .tradeoff, pinned != nil, pinned?.frontier?.parameter != tradeoff.parameter,
        let f = tradeoff.frontier?.current(generation)
      {
        pinned?.frontier = f
        message = StatusMessage("pinned the \(f.parameter.rawValue) trade-off too (P unpins)")
        return []
      }
      if pinned != nil {
        pinned = nil
        message = StatusMessage("unpinned")
        return []
      }
      guard let o = outcome, !o.isDraft || solving == nil else {
        message = StatusMessage("nothing to pin yet: the plan is being solved", .error)
        return []
      }
      let f = tradeoff.frontier?.current(generation)
      pinned = Pinned(scenario: o.scenario, evaluation: o.result.evaluation, frontier: f)
      message = StatusMessage(
        "pinned \(o.result.evaluation.map { Format.joules($0.totalJoules) } ?? "no plan")"
          + (f != nil ? " and the \(f!.parameter.rawValue) trade-off" : "")
          + ": edit, and the views draw it beside the live plan (P unpins)")
      return []
    case .castMarker:
      guard recording else {
        message = StatusMessage("no cast is being recorded (start with pact tui --record FILE.cast)", .error)
        return []
      }
      return [.castMarker(label: markerLabel)]

    case .undo: return undo()
    case .redo: return redo()
    case .exact: return startExact()
    case .baselines:
      showBaselines.toggle()
      message = StatusMessage(showBaselines ? "baselines on the loss chart" : "baselines hidden")
      if showBaselines, baselines?.generation != generation {
        return [.baselines(generation: generation, scenario: scenario)]
      }
    case .cancel:
      if exactRunning != nil {
        exactRunning = nil
        message = StatusMessage("exact solve cancelled")
        return [.cancelExact]
      }
      message = nil
    case .save:
      prompt = Prompt(purpose: .saveAs, label: "save as", text: path ?? suggestedFileName)
    case .open:
      if dirty { return askAboutUnsavedEdits(then: .open) }
      prompt = Prompt(purpose: .open, label: "open scenario", text: "")
    case .theme:
      let names = themeNames.isEmpty ? ["default"] : themeNames
      let i = names.firstIndex(of: theme.name).map { ($0 + 1) % names.count } ?? 0
      return [.loadTheme(names[i])]
    default: break
    }
    return []
  }

  /// `q` and Ctrl-C: quit at once, or ask first when edits are unsaved.
  mutating func quit() -> [Effect] {
    if dirty { return askAboutUnsavedEdits(then: .quit) }
    requestQuit()
    return [.quit]
  }

  mutating func askAboutUnsavedEdits(then pending: PendingAction) -> [Effect] {
    showHelp = false
    let file = path.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? "the built-in scenario"
    prompt = Prompt(
      purpose: .unsavedChanges(pending), label: "unsaved changes to \(file):", text: "")
    return []
  }

  /// `SCENARIO-screen.svg`, or `SCENARIO-screen-2.svg` … when taken.
  var suggestedScreenFileName: String {
    let base = String(suggestedFileName.dropLast(5)) + "-screen"
    var name = base + ".svg"
    var n = 2
    while fileExists(name) {
      name = base + "-\(n).svg"
      n += 1
    }
    return name
  }

  var suggestedFileName: String {
    let base = scenario.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
    return String(base) + ".json"
  }

  mutating func startExact() -> [Effect] {
    if exactRunning != nil {
      message = StatusMessage("exact solve already running (Esc cancels)")
      return []
    }
    if exact != nil {
      message = StatusMessage("exact optimum already known (kept until the problem changes)")
      return []
    }
    exactRunning = generation
    exactScenario = scenario
    message = StatusMessage("exact solve running… (Esc cancels)")
    return [.exact(generation: generation, scenario: scenario)]
  }

  // MARK: Panels

  mutating func handleClick(x: Int, y: Int) -> [Effect] {
    let layout = DashboardLayout(width: size.width, height: size.height, focus: focus)
    guard let panel = layout.panel(at: x, y), let rect = layout.panels[panel] else { return [] }
    focus = panel
    switch panel {
    case .nodes:
      let row = y - rect.y - 2 + nodeScroll
      if y >= rect.y + 2, row < scenario.nodes.count { nodeRow = row }
    case .settings:
      let row = y - rect.y - 1 + settingScroll
      if y >= rect.y + 1, row < SettingField.allCases.count { settingRow = row }
    case .graph:
      // The vertex nearest the click in the clicked layer's column.
      guard let graph = outcome?.graph, let geometry = GraphGeometry(graph: graph, inner: rect.inset(1)),
        let k = geometry.layer(atColumn: x, layerCount: graph.layers.count)
      else { return [] }
      var best: Int?
      var bestDistance = Int.max
      for (i, v) in graph.layers[k].enumerated() {
        let (_, vy) = geometry.cell(layer: k, v)
        let d = abs(vy - y)
        if d < bestDistance || (d == bestDistance && graph.chosenPath.indices.contains(k) && graph.chosenPath[k] == i) {
          bestDistance = d
          best = i
        }
      }
      if let best {
        graphLayer = k
        graphVertex = best
      }
    default: break
    }
    return []
  }
}

extension Character {
  /// Whether the character is (or holds) a control character (C0, DEL, C1): never
  /// accepted in a prompt or a file name.
  var isControlCharacter: Bool {
    unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }
  }
}
