import PACTCore

extension AppState {
  /// The background work the open view needs for the current generation.
  func viewEffects() -> [Effect] {
    switch view {
    case .tradeoff:
      return [.frontier(generation: generation, scenario: scenario, parameter: tradeoffParameter)]
    case .knobs:
      return [.knobSweep(generation: generation, scenario: scenario, knob: knobIndex)]
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
      case .tradeoff:
        let all = GoalParameter.allCases
        tradeoffParameter = all[((all.firstIndex(of: tradeoffParameter) ?? 0) + 1) % all.count]
      case .knobs:
        knobIndex = (knobIndex + 1) % SolverKnobs.table.count
      default:
        return []
      }
    } else {
      if view != .panels { effects.append(.cancelViews) }
      view = target
      if target == .knobs, case .knob(let id) = selectedSetting { knobIndex = SolverKnobs.index(of: id) }
    }
    switch target {
    case .tradeoff:
      frontier = nil
      frontierRunning = generation
      tradeoffCursor = 0
      message = StatusMessage("trade-off: energy vs \(tradeoffParameter.rawValue) (f: next goal, Enter: adopt)")
    case .knobs:
      knobSweep = nil
      knobRow = 0
      let knob = SolverKnobs.table[knobIndex]
      message = StatusMessage("knob \(knob.name): \(knob.help)")
      // The gap needs the optimum: start the exact solver when it can run and is not known.
      if exact == nil, exactRunning == nil, scenario.nodes.count <= AppState.knobViewExactNodes {
        effects += startExact()
      }
    case .compare:
      compareRow = 0
      if baselines?.generation != generation { effects.append(.baselines(generation: generation, scenario: scenario)) }
      message = StatusMessage("compare: PACT, the optimum (x) and the baselines")
    case .layer:
      layerLevel =
        outcome?.graph.flatMap { g in
          g.layers.indices.contains(graphLayer) && g.layers[graphLayer].indices.contains(graphVertex)
            ? g.layers[graphLayer][graphVertex].level : nil
        } ?? 0
      message = StatusMessage("layer \(graphLayer): states of one level in the (time, loss) plane")
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
    if view == .knobs { settingRow = SettingField.knob(SolverKnobs.table[knobIndex].id).row }
    view = .panels
    message = nil
    return [.cancelViews]
  }

  /// Keys inside a full view.
  mutating func handleView(_ action: Action) -> [Effect] {
    switch (view, action) {
    case (_, .cancel): return closeView()
    case (.tradeoff, .left): tradeoffCursor = max(0, tradeoffCursor - 1)
    case (.tradeoff, .right): tradeoffCursor = min(max(0, (frontier?.value.points.count ?? 1) - 1), tradeoffCursor + 1)
    case (.tradeoff, .first): tradeoffCursor = 0
    case (.tradeoff, .last): tradeoffCursor = max(0, (frontier?.value.points.count ?? 1) - 1)
    case (.tradeoff, .edit): return adoptTradeoffValue()
    case (.knobs, .up): knobRow = max(0, knobRow - 1)
    case (.knobs, .down): knobRow = min(max(0, (knobSweep?.points.count ?? 1) - 1), knobRow + 1)
    case (.knobs, .left): return cycleKnob(by: -1)
    case (.knobs, .right): return cycleKnob(by: 1)
    case (.knobs, .edit): return adoptKnobValue()
    case (.compare, .up): compareRow = max(0, compareRow - 1)
    case (.compare, .down): compareRow = min(max(0, compareRows.count - 1), compareRow + 1)
    case (.layer, .up): layerLevel = max(0, layerLevel - 1)
    case (.layer, .down): layerLevel = min(max(0, scenario.levelCount - 1), layerLevel + 1)
    case (.layer, .left): moveGraphLayer(-1)
    case (.layer, .right): moveGraphLayer(1)
    default: break
    }
    return []
  }

  mutating func cycleKnob(by delta: Int) -> [Effect] {
    let n = SolverKnobs.table.count
    knobIndex = (knobIndex + delta + n) % n
    knobSweep = nil
    knobRow = 0
    let knob = SolverKnobs.table[knobIndex]
    message = StatusMessage("knob \(knob.name): \(knob.help)")
    return [.cancelViews] + viewEffects()
  }

  /// Enter in the trade-off view: the cursor's value becomes the scenario's (undoable).
  mutating func adoptTradeoffValue() -> [Effect] {
    guard let f = frontier?.value, f.points.indices.contains(tradeoffCursor) else { return [] }
    let value = f.points[tradeoffCursor].value
    let edited = f.parameter.applying(value, to: scenario)
    return apply(edited, "\(f.parameter.path) = \(f.parameter.format(value)) (from the trade-off)")
  }

  /// Enter in the knob view: the selected value becomes the knob's (undoable).
  mutating func adoptKnobValue() -> [Effect] {
    guard let sweep = knobSweep, sweep.points.indices.contains(knobRow) else { return [] }
    let knob = SolverKnobs.table[sweep.knob]
    var edited = scenario
    edited.solver[keyPath: knob.keyPath] = sweep.points[knobRow].value
    return apply(edited, "solver.\(knob.name) = \(sweep.points[knobRow].value) (from the knob view)")
  }

  /// Takes a frontier computed in the background; drops stale ones.
  @discardableResult
  public mutating func receiveFrontier(generation g: Int, _ f: Frontier) -> Bool {
    guard accepts(g), view == .tradeoff, f.parameter == tradeoffParameter else { return false }
    frontier = Stamped(g, f)
    frontierRunning = nil
    // The cursor starts on the scenario's own value.
    tradeoffCursor =
      f.points.indices.min { abs(f.points[$0].value - f.scenarioValue) < abs(f.points[$1].value - f.scenarioValue) }
      ?? 0
    return true
  }

  /// Takes one more point of the knob view's sweep; drops stale ones.
  @discardableResult
  public mutating func receiveSweepPoint(generation g: Int, knob: Int, _ point: KnobSweep.Point, total: Int) -> Bool {
    guard accepts(g), view == .knobs, knob == knobIndex else { return false }
    var sweep = knobSweep ?? KnobViewSweep(generation: g, knob: knob, points: [], total: total)
    if sweep.generation != g || sweep.knob != knob {
      sweep = KnobViewSweep(generation: g, knob: knob, points: [], total: total)
    }
    sweep.points.append(point)
    knobSweep = sweep
    if let current = sweep.points.firstIndex(where: {
      $0.value == scenario.solver[keyPath: SolverKnobs.table[knob].keyPath]
    }) {
      if sweep.points.count == 1 || knobRow == 0 { knobRow = current }
    }
    return true
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
