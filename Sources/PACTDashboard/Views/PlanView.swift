import PACTCore

/// The Plan panel: totals and feasibility, the gap to the exact optimum, solve
/// time and knobs, then per epoch the nodes, level, seconds, joules and loss.
public struct PlanView: View {
  var scenario: Scenario
  var outcome: SolveOutcome?
  var gap: Double?
  var exact: SolveOutcome?
  var exactRunning: Bool
  var scroll: Int
  var focused: Bool
  var baselines: [BaselineResult]?
  /// Why the plan changed after the last edit (when it did and the solve is done).
  var why: PlanChangeExplanation?
  /// The live plan against the pinned one (`P`), in words.
  var pinnedWords: String?

  public init(state: AppState) {
    scenario = state.scenario
    outcome = state.outcome
    gap = state.gap()
    exact = state.exact
    exactRunning = state.exactRunning != nil
    scroll = state.planScroll
    baselines = state.currentBaselines
    focused = state.focus == .plan
    why = state.solving == nil ? state.change?.explanation : nil
    if let p = state.pinned, let o = state.outcome {
      pinnedWords = p.difference(now: o.result.evaluation, in: o.scenario).words
    }
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let inner = Block(title: Panel.plan.title, focused: focused, note: "").draw(
      into: area, buffer: &buffer, theme: theme)
    guard inner.height >= 2, inner.width >= 20 else { return }
    guard let o = outcome else {
      buffer.write("solving…", in: inner, row: 0, theme.role(.warning))
      return
    }
    let r = o.result
    // Line 1: outcome and totals.
    var x = inner.x
    let y0 = inner.y
    if let eval = r.evaluation, eval.isFeasible {
      x = buffer.write("✓ feasible ", x: x, y: y0, theme.role(.ok, bold: true))
      let t = o.scenario.training
      let text =
        "\(eval.epochs.count) epochs · \(Format.joules(eval.totalJoules)) · \(Format.seconds(eval.totalSeconds)) ≤ \(Format.seconds(t.deadlineSeconds)) · loss \(Format.number(eval.finalLoss)) ≤ \(Format.number(o.scenario.planningTargetLoss))\(t.confidence.map { " (\(Format.number(t.targetLoss)) at confidence \(Format.number($0 * 100)) %)" } ?? "")"
      buffer.write(text, x: x, y: y0, theme.highlight, maxWidth: inner.right - x)
    } else {
      x = buffer.write("✗ no feasible plan", x: x, y: y0, theme.role(.error, bold: true))
      if r.infeasibility.isEmpty && (r.evaluation?.violations ?? []).isEmpty {
        buffer.write(": " + statusText(r.status), x: x, y: y0, theme.role(.error), maxWidth: inner.right - x)
      }
    }
    // Line 2: gap, solve time, knobs.
    var parts: [String] = []
    let proving = o.isDraft && r.lastPassRan(at: o.scenario.solver)
    if let gap, let ej = exact?.result.joules {
      // A draft's gap is the draft's, not the plan's: said so, so it is not taken for it.
      parts.append(
        (o.isDraft ? "draft's gap to exact " : "gap to exact ")
          + "\(Format.percent(gap)) (optimum \(Format.joules(ej)))")
    } else if exactRunning {
      parts.append("exact: running…")
    } else if let e = exact, case .budgetExceeded(let why) = e.result.status {
      parts.append("exact: \(why)")
    } else if let e = exact, case .refused(let why) = e.result.status {
      parts.append("exact: \(why)")
    } else if let proven = r.provenGapSentence {
      // The last pass's report: the plan is final, its bound not yet.
      let prefix = o.isDraft ? (proving ? "so far " : "draft ") : ""
      parts.append(prefix + proven + (exact == nil && o.scenario.nodes.count <= 14 ? " (x: exact)" : ""))
    } else {
      parts.append("gap: x for exact")
    }
    if proving {
      parts.insert("plan final, proving its bound…", at: 0)
    } else if o.isDraft {
      let grid = r.graph.map { " (\($0.lossBins)×\($0.timeBins) buckets)" } ?? ""
      parts.insert("draft\(grid), refining…", at: 0)
    } else if r.statistics.stoppedBy == .timeBudget {
      parts.insert("time budget reached: best plan so far", at: 0)
    }
    parts.append("solved in \(Format.elapsed(r.solveSeconds))")
    let k = o.scenario.solver
    parts.append(
      "knobs L\(k.lossBins) T\(k.timeBins) set≤\(k.maxSetSize) caps \(k.timeCaps) exh \(k.exhaustiveNodes) P\(k.bucketStates)"
    )
    if let g = o.graph { parts.append("\(g.vertexCount) vertices") }
    if let baselines, let pj = r.evaluation?.totalJoules, r.evaluation?.isFeasible == true {
      let feasible = baselines.filter(\.isFeasible).sorted { $0.evaluation.totalJoules < $1.evaluation.totalJoules }
      if let best = feasible.first {
        let relative = Statistics.relativeGap(pj, to: best.evaluation.totalJoules)
        parts.insert(
          "PACT \(Format.percent(relative, decimals: 1)) vs best baseline \(best.method) \(Format.joules(best.evaluation.totalJoules))",
          at: 1)
      } else {
        parts.insert("no baseline feasible", at: 1)
      }
    }
    buffer.write(parts.joined(separator: " · "), in: inner, row: 1, theme.label)

    if r.evaluation?.isFeasible != true {
      // Why there is no plan, wrapped over the rows below.
      let reasons = r.infeasibility.isEmpty ? (r.evaluation?.violations ?? []) : r.infeasibility.map(\.description)
      var row = 2
      for reason in reasons {
        for (i, line) in reason.wrapped(width: inner.width - 2).enumerated() where row < inner.height {
          buffer.write((i == 0 ? "• " : "  ") + line, in: inner, row: row, theme.role(.error))
          row += 1
        }
      }
      return
    }
    guard let eval = r.evaluation, inner.height >= 4 else { return }
    // Why the plan changed after the last edit, on its own line above the table.
    var top = inner.y + 2
    if let why, inner.height >= 6 {
      let style = why.relativeEnergy < 0 ? theme.role(.better) : theme.role(why.relativeEnergy > 0 ? .worse : .label)
      // Wrapped over two rows when the panel is tall enough, so the term is not cut off.
      let lines = ("changed: " + why.summary).wrapped(width: inner.width, maxLines: inner.height >= 10 ? 2 : 1)
      for (i, line) in lines.enumerated() { buffer.write(line, in: inner, row: 2 + i, style) }
      top += lines.count
    }
    if let pinnedWords, inner.height >= 7 {
      buffer.write("vs pinned: " + pinnedWords, in: inner, row: top - inner.y, theme.role(.path))
      top += 1
    }
    // Epoch table, in as many columns as fit.
    let minColumn = 54
    let columns = max(1, min(3, (inner.width + 2) / (minColumn + 2)))
    let colWidth = (inner.width - (columns - 1) * 2) / columns
    let rows = inner.height - 1 - (top - inner.y)
    let perPage = rows * columns
    let start = max(0, min(scroll, max(0, eval.epochs.count - perPage)))
    let nodeWidth = colWidth - 3 - 1 - 4 - 1 - 8 - 1 - 8 - 1 - 6 - 1
    for c in 0..<columns {
      let cx = inner.x + c * (colWidth + 2)
      let header =
        pad("ep", 3, right: true) + " " + pad("nodes", nodeWidth) + " " + pad("r", 4, right: true) + " "
        + pad("time", 8, right: true) + " " + pad("energy", 8, right: true) + " " + pad("loss", 6, right: true)
      buffer.write(header, x: cx, y: top, theme.label, maxWidth: colWidth)
    }
    for i in 0..<perPage {
      let e = start + i
      guard e < eval.epochs.count else { break }
      let ep = eval.epochs[e]
      let c = i / rows
      let row = i % rows
      let cx = inner.x + c * (colWidth + 2)
      let ids = ep.nodes.map { o.scenario.nodes.indices.contains($0) ? o.scenario.nodes[$0].id : "#\($0)" }
      let pruned = e > 0 && ep.level > eval.epochs[e - 1].level
      let line =
        pad(String(ep.epoch), 3, right: true) + " " + pad(ids.joined(separator: ","), nodeWidth) + " "
        + pad(Format.number(ep.remaining, digits: 2), 4, right: true) + " "
        + pad(Format.seconds(ep.seconds), 8, right: true) + " " + pad(Format.joules(ep.joules), 8, right: true) + " "
        + pad(Format.number(ep.loss, digits: 3), 6, right: true)
      buffer.write(line, x: cx, y: top + 1 + row, pruned ? theme.role(.path) : theme.text, maxWidth: colWidth)
    }
    if eval.epochs.count > perPage {
      let more = " epochs \(start + 1)–\(min(eval.epochs.count, start + perPage)) of \(eval.epochs.count) (↑↓) "
      buffer.write(more, x: area.right - 2 - more.displayWidth, y: area.bottom - 1, theme.label)
    }
  }

  func statusText(_ s: SolveStatus) -> String {
    switch s {
    case .budgetExceeded(let budget): return budget.description
    case .refused(let refusal): return refusal.description
    default: return s.description
    }
  }
}
