/// The bottom line: the open prompt (what is typed, or the question) with the keys
/// that answer it, else the last message and the main keys. Every key shown comes
/// from ``KeyBindings/table``.
public struct StatusLineView: View {
  var state: AppState
  public init(state: AppState) { self.state = state }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    guard area.height >= 1 else { return }
    let bar = theme.status
    buffer.fill(area, " ", bar)
    if let p = state.prompt {
      drawPrompt(p, into: area, buffer: &buffer, theme: theme)
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
    // Key hints fill what is left, from the right end of the message: the first global
    // ones (panel, help, quit), the focused panel's, then the other global ones.
    let global = KeyBindings.hints([.global])
    let local = KeyBindings.hints([state.view == .panels ? .panel(state.focus) : .view(state.view)])
    let hints = state.view == .panels ? Array(global.prefix(3)) + local + global.dropFirst(3) : local + global
    drawHints(hints, from: max(x, area.x), in: area, &buffer, theme)
  }

  func drawPrompt(_ p: Prompt, into area: Rect, buffer: inout Buffer, theme: Theme) {
    let bar = theme.status
    let hints = KeyBindings.hints([p.scope])
    if p.isQuestion {
      // A question: the keys that answer it are the point, so they follow the question,
      // which gives up the start of a long file name to make room for them.
      let answers = hints.reduce(0) { $0 + $1.0.displayWidth + $1.1.displayWidth + 3 }
      let label = p.label.truncatedFromLeft(toWidth: max(12, area.width - answers - 2))
      let x = buffer.write(" \(label) ", x: area.x, y: area.y, theme.statusKey.adding(.bold))
      drawHints(hints, from: x, in: area, &buffer, theme)
      return
    }
    var x = buffer.write(" \(p.label): ", x: area.x, y: area.y, theme.statusKey)
    let hintText = " " + hints.map { "\($0.0) \($0.1)" }.joined(separator: " · ") + " "
    let showHints = area.right - x > hintText.displayWidth + 12
    let room = area.right - x - 1 - (showHints ? hintText.displayWidth : 0)
    x = buffer.write(p.text.truncatedFromLeft(toWidth: room), x: x, y: area.y, bar)
    buffer.set(x: x, y: area.y, "█", bar)
    if showHints {
      buffer.write(hintText, x: area.right - hintText.displayWidth, y: area.y, bar.adding(.dim))
    }
  }

  /// Writes `key what` pairs from column `x` while they fit.
  func drawHints(_ hints: [(String, String)], from x: Int, in area: Rect, _ buffer: inout Buffer, _ theme: Theme) {
    var hx = x
    for (key, what) in hints {
      let need = key.displayWidth + what.displayWidth + 3
      if hx + need > area.right { break }
      hx = buffer.write(" " + key, x: hx, y: area.y, theme.statusKey)
      hx = buffer.write(" " + what + " ", x: hx, y: area.y, theme.status)
    }
  }
}
