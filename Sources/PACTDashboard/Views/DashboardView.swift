/// The whole screen: header, the panels laid out by ``DashboardLayout``, the
/// status line, and the help overlay.
public struct DashboardView: View {
  public var state: AppState
  public init(state: AppState) { self.state = state }

  /// Draws the screen into a new buffer of the state's size.
  public static func render(_ state: AppState) -> Buffer {
    var buffer = Buffer(width: state.size.width, height: state.size.height)
    DashboardView(state: state).draw(into: buffer.area, buffer: &buffer, theme: state.theme)
    return buffer
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    buffer.fill(area, " ", theme.text)
    let layout = DashboardLayout(width: area.width, height: area.height, focus: state.focus)
    if layout.tooSmall {
      let lines = [
        "terminal too small",
        "need \(DashboardLayout.minimumWidth)×\(DashboardLayout.minimumHeight), have \(area.width)×\(area.height)",
        "q quits",
      ]
      for (i, line) in lines.enumerated() {
        let y = area.y + max(0, area.height / 2 - 1) + i
        if y >= area.bottom { break }
        buffer.write(
          line, x: area.x + max(0, (area.width - line.displayWidth) / 2), y: y,
          i == 0 ? theme.role(.error, bold: true) : theme.text)
      }
      return
    }
    HeaderView(state: state).draw(into: layout.header, buffer: &buffer, theme: theme)
    if state.view != .panels {
      let body = Rect(
        x: area.x, y: layout.header.bottom, width: area.width, height: layout.status.y - layout.header.bottom)
      fullView(state.view).draw(into: body, buffer: &buffer, theme: theme)
      StatusLineView(state: state).draw(into: layout.status, buffer: &buffer, theme: theme)
      if state.showHelp { HelpOverlay(scroll: state.helpScroll).draw(into: area, buffer: &buffer, theme: theme) }
      return
    }
    for (panel, rect) in layout.panels.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      panelView(panel).draw(into: rect, buffer: &buffer, theme: theme)
    }
    if layout.compact, let rect = layout.panels[state.focus] {
      // Which panel this is, and that Tab shows the others.
      let names = Panel.allCases.map { $0 == state.focus ? "[\($0.title)]" : $0.title }.joined(separator: " ")
      let text = " Tab: " + names + " "
      if text.displayWidth < rect.width - 4 {
        buffer.write(text, x: rect.right - 1 - text.displayWidth, y: rect.bottom - 1, theme.label)
      }
    }
    StatusLineView(state: state).draw(into: layout.status, buffer: &buffer, theme: theme)
    if state.showHelp { HelpOverlay(scroll: state.helpScroll).draw(into: area, buffer: &buffer, theme: theme) }
  }

  func fullView(_ view: BodyView) -> any View {
    switch view {
    case .tradeoff: return TradeoffView(state: state)
    case .knobs: return KnobView(state: state)
    case .compare: return CompareView(state: state)
    case .layer: return LayerView(state: state)
    case .panels: return PlanView(state: state)
    }
  }

  func panelView(_ panel: Panel) -> any View {
    switch panel {
    case .nodes: return NodesView(state: state)
    case .settings: return SettingsView(state: state)
    case .graph: return GraphView(state: state)
    case .loss: return LossChartView(state: state)
    case .plan: return PlanView(state: state)
    }
  }
}
