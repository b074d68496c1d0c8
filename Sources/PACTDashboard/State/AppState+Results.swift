import PACTCore

extension AppState {
  // MARK: Results

  /// Takes a PACT result: shown when it belongs to the current generation, dropped when stale.
  /// - Returns: whether it was shown.
  /// A draft (coarse-knob) result is shown while the full solve runs; `solving` stays set.
  @discardableResult
  public mutating func receive(_ new: SolveOutcome) -> Bool {
    guard accepts(new.generation), solving == new.generation || !new.isDraft else { return false }
    if case .cancelled = new.result.status { return false }
    // A later draft of the same edit (a finished pass of the full solve) replaces an earlier
    // draft when its plan is cheaper — or as cheap, when it is the last pass's (the plan is
    // then final while its bound is proven); it never replaces the full plan.
    if new.isDraft, let old = outcome, old.generation == new.generation {
      let before = old.result.evaluation?.totalJoules ?? .infinity
      guard old.isDraft, let e = new.result.evaluation, e.isFeasible,
        e.totalJoules < before || (e.totalJoules <= before && new.result.lastPassRan(at: new.scenario.solver))
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
}
