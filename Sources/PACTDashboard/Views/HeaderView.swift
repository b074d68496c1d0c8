import PACTCore

/// The top line: scenario name and file, solve state, energy and what the last edit changed.
public struct HeaderView: View {
  public var state: AppState
  public init(state: AppState) { self.state = state }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    guard area.height >= 1 else { return }
    let bar = theme.status
    buffer.fill(area, " ", bar)
    var x = buffer.write(" pact ", x: area.x, y: area.y, theme.statusKey)
    let file = state.path.map { " · " + ($0.split(separator: "/").last.map(String.init) ?? $0) } ?? " · built-in"
    x = buffer.write(
      " \(state.scenario.name)\(file)\(state.dirty ? " [modified]" : "") ", x: x, y: area.y, bar,
      maxWidth: area.width / 2)

    var right: [(String, Style)] = []
    if state.solving != nil, let o = state.outcome, o.isDraft, o.generation == state.solving,
      let j = o.result.joules
    {
      right.append(("◌ draft \(Format.joules(j)), refining… ", bar.fg(theme[.warning])))
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
    let width = right.reduce(0) { $0 + $1.0.count }
    var rx = max(x + 1, area.right - width)
    for (text, style) in right { rx = buffer.write(text, x: rx, y: area.y, style, maxWidth: area.right - rx) }
  }
}

/// The bottom line: the prompt while typing, else the last message and the main keys.
public struct StatusLineView: View {
  public var state: AppState
  public init(state: AppState) { self.state = state }

  public static let hints: [(String, String)] = [
    ("Tab", "panel"), ("↑↓←→", "move"), ("+/-", "change"), ("e", "edit"), ("n/d/r", "node"), ("x", "exact"),
    ("b", "baselines"),
    ("u/^R", "undo/redo"), ("w", "save"), ("o", "open"), ("t", "theme"), ("?", "help"), ("q", "quit"),
  ]

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    guard area.height >= 1 else { return }
    let bar = theme.status
    buffer.fill(area, " ", bar)
    if let p = state.prompt {
      var x = buffer.write(" \(p.label): ", x: area.x, y: area.y, theme.statusKey)
      let room = area.right - x - 1
      let shown = p.text.count > room ? "…" + String(p.text.suffix(max(0, room - 1))) : p.text
      x = buffer.write(shown, x: x, y: area.y, bar)
      buffer.set(x: x, y: area.y, "█", bar)
      let hint = " Enter apply · Esc cancel "
      if area.right - x > hint.count + 4 { buffer.write(hint, x: area.right - hint.count, y: area.y, bar.adding(.dim)) }
      return
    }
    var x = area.x
    if let m = state.message {
      let color: ThemeKey = m.kind == .error ? .error : (m.kind == .ok ? .ok : .statusFg)
      x =
        buffer.write(
          " " + m.text + " ", x: x, y: area.y, bar.fg(theme[color]).adding(m.kind == .error ? .bold : []),
          maxWidth: area.width) + 1
    }
    // Key hints fill what is left, from the right end of the message.
    var hx = max(x, area.x)
    for (key, what) in StatusLineView.hints {
      let need = key.count + what.count + 3
      if hx + need > area.right { break }
      hx = buffer.write(" " + key, x: hx, y: area.y, theme.statusKey)
      hx = buffer.write(" " + what + " ", x: hx, y: area.y, bar)
    }
  }
}
