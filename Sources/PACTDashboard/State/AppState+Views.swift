import PACTCore

extension AppState {
  /// The background work the open view needs for the current generation.
  func viewEffects() -> [Effect] {
    switch view {
    case .tradeoff:
      return [.frontier(generation: generation, scenario: scenario, parameter: tradeoff.parameter)]
    case .knobs:
      return [.knobSweep(generation: generation, scenario: scenario, knob: knobs.knob)]
    default:
      return []
    }
  }

  /// Opens `target` (or, when it is already open, cycles what it shows: the trade-off's
  /// goal, the knob view's knob); the same key again cycles, Esc returns to the panels.
  mutating func open(_ target: BodyView) -> [Effect] {
    var effects: [Effect] = []
    if view == target {
      switch target {
      case .tradeoff: tradeoff.nextGoal()
      case .knobs: knobs.cycle(by: 1)
      default:
        return []
      }
    } else {
      if view != .panels { effects.append(.cancelViews) }
      view = target
      if target == .knobs, case .knob(let id) = selectedSetting { knobs = KnobState(knob: id) }
    }
    switch target {
    case .tradeoff:
      tradeoff.restart(computing: generation)
      message = StatusMessage("trade-off: energy vs \(tradeoff.parameter.rawValue) (f: next goal, Enter: adopt)")
    case .knobs:
      knobs.restart()
      let knob = SolverKnobs.knob(knobs.knob)
      message = StatusMessage("knob \(knob.name): \(knob.help)")
      // The gap needs the optimum: start the exact solver when it can run and is not known.
      if exact == nil, exactRunning == nil, scenario.nodes.count <= AppState.knobViewExactNodes {
        effects += startExact()
      }
    case .compare:
      compare = CompareState()
      if baselines?.generation != generation { effects.append(.baselines(generation: generation, scenario: scenario)) }
      message = StatusMessage("compare: PACT, the optimum (x) and the baselines")
    case .layer:
      layer.level =
        outcome?.graph.flatMap { g in
          g.layers.indices.contains(graphLayer) && g.layers[graphLayer].indices.contains(graphVertex)
            ? g.layers[graphLayer][graphVertex].level : nil
        } ?? 0
      // The axes kept for this layer and level stay (to compare grids across knob changes).
      if layer.kept(layer: graphLayer) == nil { fitLayerAxes() }
      message = StatusMessage(
        "layer \(graphLayer): states of one level in the (time, loss) plane · +/- \(knobs.knob.rawValue)")
    case .panels:
      break
    }
    return effects + viewEffects()
  }

  /// Up to this many nodes the knob view starts the exact solver for its gaps.
  static let knobViewExactNodes = 12

  /// Back to the panels, stopping the view's background work.
  mutating func closeView() -> [Effect] {
    guard view != .panels else { return [] }
    // The knob chosen in the knob view stays chosen: the settings row follows it, so
    // `e` or +/- then edits that knob, not the one the view was opened on.
    if view == .knobs { settingRow = SettingField.knob(knobs.knob).row }
    view = .panels
    message = nil
    return [.cancelViews]
  }

  /// Keys inside a full view: Esc closes it; the rest go to the view's own state, and
  /// what a view asks beyond itself (an edit, another sweep, the graph cursor) is done here.
  mutating func handleView(_ action: Action) -> [Effect] {
    if action == .cancel { return closeView() }
    switch view {
    case .tradeoff:
      if case .adopt(let parameter, let value) = tradeoff.handle(action) {
        let edited = parameter.applying(value, to: scenario)
        return apply(edited, "\(parameter.path) = \(parameter.format(value)) (from the trade-off)")
      }
    case .knobs:
      switch knobs.handle(action) {
      case .none: break
      case .sweepAgain:
        let knob = SolverKnobs.knob(knobs.knob)
        message = StatusMessage("knob \(knob.name): \(knob.help)")
        return [.cancelViews] + viewEffects()
      case .adopt(let id, let value):
        var edited = scenario
        edited.solver[id] = value
        return apply(edited, "solver.\(id.rawValue) = \(value) (from the knob view)")
      }
    case .compare:
      compare.handle(action, rows: compareRows.count)
    case .layer:
      switch layer.handle(action, levels: scenario.levelCount) {
      case .none: break
      case .moveLayer(let delta):
        moveGraphLayer(delta)
        fitLayerAxes()
      case .fitAxes: fitLayerAxes()
      case .stepKnob(let up):
        // The knob chosen in the knob view (lossBins at first): the grid changes on the same axes.
        let knob = knobs.knob
        let edited = SettingField.knob(knob).step(scenario, up: up)
        guard edited.solver[knob] != scenario.solver[knob] else { return [] }
        return apply(edited, "solver.\(knob.rawValue) = \(edited.solver[knob]) (from the layer view)")
      }
    case .panels:
      break
    }
    return []
  }

  /// Fits the layer view's axes to the states of the layer and level shown now.
  mutating func fitLayerAxes() {
    guard let o = outcome, let graph = o.result.graph, graphLayer >= 1 else {
      return layer.keep(nil, layer: graphLayer)
    }
    let inspection = LayerInspection(scenario: o.scenario, graph: graph, layer: graphLayer, level: layer.level)
    layer.keep(inspection.fittedAxes, layer: graphLayer)
  }

  /// Takes a frontier computed in the background; drops stale ones.
  @discardableResult
  public mutating func receiveFrontier(generation g: Int, _ f: Frontier) -> Bool {
    guard accepts(g), view == .tradeoff else { return false }
    return tradeoff.receive(generation: g, f)
  }

  /// Takes one more point of the knob view's sweep; drops stale ones.
  @discardableResult
  public mutating func receiveSweepPoint(generation g: Int, knob: KnobName, _ point: KnobSweep.Point, total: Int)
    -> Bool
  {
    guard accepts(g), view == .knobs else { return false }
    return knobs.receive(generation: g, knob: knob, point, total: total, current: scenario.solver[knob])
  }

  /// The compare view's rows: PACT, the exact optimum when known, every baseline.
  public var compareRows: [CompareRow] {
    var rows: [CompareRow] = []
    if let o = outcome {
      rows.append(
        CompareRow(
          method: "pact", evaluation: o.result.evaluation, status: o.result.status.description,
          solveSeconds: o.result.solveSeconds, notes: o.result.infeasibility.map(\.description)))
    }
    if let p = pinned {
      rows.append(
        CompareRow(
          method: "pinned", evaluation: p.evaluation, status: p.evaluation == nil ? "no plan" : "solved",
          solveSeconds: 0, notes: []))
    }
    if let e = exact {
      rows.append(
        CompareRow(
          method: "exact", evaluation: e.result.evaluation, status: e.result.status.description,
          solveSeconds: e.result.solveSeconds, notes: []))
    }
    if let current = baselines?.current(generation) {
      for r in current {
        rows.append(
          CompareRow(
            method: r.method, evaluation: r.evaluation, status: r.isFeasible ? "solved" : "infeasible",
            solveSeconds: r.solveSeconds, notes: r.notes + r.evaluation.violations))
      }
    }
    let optimum = exact?.result.evaluation.flatMap { $0.isFeasible ? $0.totalJoules : nil }
    for i in rows.indices {
      if let o = optimum, o > 0, let e = rows[i].evaluation, e.isFeasible {
        rows[i].gap = Statistics.relativeGap(e.totalJoules, to: o)
      }
    }
    return rows
  }
}
