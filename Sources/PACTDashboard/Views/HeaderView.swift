import PACTCore

/// The top line: scenario name and file, solve state, energy and what the last edit changed.
public struct HeaderView: View {
  var state: AppState
  public init(state: AppState) { self.state = state }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    guard area.height >= 1 else { return }
    let bar = theme.status
    buffer.fill(area, " ", bar)
    var x = buffer.write(" pact ", x: area.x, y: area.y, theme.statusKey)
    let file = state.path.map { " · " + ($0.split(separator: "/").last.map(String.init) ?? $0) } ?? " · built-in"
    // The name and file are cut (ending in …) before "[modified]" is.
    let modified = state.dirty ? " [modified]" : ""
    let room = max(0, area.width / 2 - 2 - modified.displayWidth)
    x = buffer.write(
      " \((state.scenario.name + file).truncated(toWidth: room))\(modified) ", x: x, y: area.y, bar,
      maxWidth: area.width / 2)

    var right: [(String, Style)] = []
    if state.solving != nil, let o = state.outcome, o.isDraft, o.generation == state.solving,
      let j = o.result.joules
    {
      // The last pass's report: the plan is final, its bound still being proven.
      let proving = o.result.lastPassRan(at: o.scenario.solver)
      let text = proving ? "◌ \(Format.joules(j)), proving… " : "◌ draft \(Format.joules(j)), refining… "
      right.append((text, bar.fg(theme[.warning])))
    } else if state.solving != nil {
      right.append(("◌ solving… ", bar.fg(theme[.warning])))
    } else if let o = state.outcome {
      if let eval = o.result.evaluation, eval.isFeasible {
        right.append(("● \(Format.joules(eval.totalJoules)) ", bar.fg(theme[.ok]).adding(.bold)))
      } else {
        right.append(("✗ infeasible ", bar.fg(theme[.error]).adding(.bold)))
      }
    }
    if let c = state.change, state.solving == nil || state.outcome?.isDraft == true {
      if let d = c.joulesDelta, d != 0, let total = state.outcome?.result.joules {
        let old = total - d
        let pct = old != 0 ? " (\(Format.percent(d / old, decimals: 1)))" : ""
        right.append(("\(d > 0 ? "+" : "−")\(Format.joules(abs(d)))\(pct) ", bar.fg(theme[d < 0 ? .better : .worse])))
      } else if c.joulesDelta == 0 {
        right.append(("±0 J ", bar))
      }
      if !c.gained.isEmpty { right.append(("+" + c.gained.joined(separator: " +") + " ", bar.fg(theme[.better]))) }
      if !c.lost.isEmpty { right.append(("−" + c.lost.joined(separator: " −") + " ", bar.fg(theme[.worse]))) }
    }
    if state.exactRunning != nil { right.append(("exact… ", bar.fg(theme[.warning]))) }
    let width = right.reduce(0) { $0 + $1.0.displayWidth }
    var rx = max(x + 1, area.right - width)
    for (text, style) in right { rx = buffer.write(text, x: rx, y: area.y, style, maxWidth: area.right - rx) }
  }
}
