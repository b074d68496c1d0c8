import PACTCore

/// The "Goal & knobs" panel: target, deadline, epochs, deployment level, pruning
/// levels, and the solver's approximation knobs, one editable row each.
public struct SettingsView: View {
  var scenario: Scenario
  var selected: Int
  var focused: Bool
  /// First row shown (``AppState/settingScroll``).
  var scroll: Int

  public init(state: AppState) {
    scenario = state.scenario
    selected = state.settingRow
    focused = state.focus == .settings
    scroll = state.settingScroll
  }

  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) {
    let inner = Block(title: Panel.settings.title, focused: focused).draw(into: area, buffer: &buffer, theme: theme)
    guard inner.height >= 1, inner.width >= 8 else { return }
    let fields = SettingField.allCases
    let labelWidth = min(16, inner.width / 2)
    let offset = max(0, min(scroll, fields.count - 1))
    for row in 0..<inner.height {
      let i = offset + row
      guard i < fields.count else { break }
      let f = fields[i]
      let y = inner.y + row
      let isSelected = i == selected
      let base = isSelected ? theme.selected : theme.text
      if isSelected { buffer.fill(inner.row(row), " ", base) }
      let labelStyle = isSelected ? base : (f.isKnob ? theme.label : theme.text)
      buffer.write(pad(f.label, labelWidth), x: inner.x, y: y, labelStyle)
      var value = f.format(scenario)
      if f == .goal(.deadline) {
        let d = scenario.training.deadlineSeconds
        value += d >= 600 ? " s (\(Format.seconds(d)))" : " s"
      }
      if f == .goal(.deploy), let j = scenario.firstDeployableLevel { value += " (level \(j))" }
      let valueStyle = isSelected && focused ? theme.cursor : (isSelected ? base : theme.highlight.adding([]))
      let w = inner.width - labelWidth - 1
      buffer.write(pad(value, min(w, value.displayWidth)), x: inner.x + labelWidth + 1, y: y, valueStyle, maxWidth: w)
    }
  }
}
