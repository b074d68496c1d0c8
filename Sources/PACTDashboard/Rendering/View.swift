/// Something that draws itself into a rectangle of a buffer. Views never touch
/// the terminal; what they show is passed in when they are made.
public protocol View {
  func draw(into area: Rect, buffer: inout Buffer, theme: Theme)
}

/// A bordered box with a title; returns the inner rectangle for the content.
public struct Block: Sendable {
  public var title: String
  public var focused: Bool
  /// Text at the right end of the top border (counts, state).
  public var note: String

  public init(title: String, focused: Bool, note: String = "") {
    self.title = title
    self.focused = focused
    self.note = note
  }

  /// Draws the border and the title, fills the inside, and returns the inside.
  @discardableResult
  public func draw(into area: Rect, buffer: inout Buffer, theme: Theme) -> Rect {
    guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
    let border = theme.border(focused: focused)
    buffer.fill(area, " ", theme.text)
    let (h, v) = focused ? ("━", "┃") : ("─", "│")
    let corners: [Character] = focused ? ["┏", "┓", "┗", "┛"] : ["╭", "╮", "╰", "╯"]
    for x in area.x + 1..<area.right - 1 {
      buffer.set(x: x, y: area.y, Character(h), border)
      buffer.set(x: x, y: area.bottom - 1, Character(h), border)
    }
    for y in area.y + 1..<area.bottom - 1 {
      buffer.set(x: area.x, y: y, Character(v), border)
      buffer.set(x: area.right - 1, y: y, Character(v), border)
    }
    buffer.set(x: area.x, y: area.y, corners[0], border)
    buffer.set(x: area.right - 1, y: area.y, corners[1], border)
    buffer.set(x: area.x, y: area.bottom - 1, corners[2], border)
    buffer.set(x: area.right - 1, y: area.bottom - 1, corners[3], border)
    let titleText = " \(title) "
    let titleEnd = buffer.write(
      titleText, x: area.x + 2, y: area.y, focused ? theme.title.fg(theme[.borderFocus]) : theme.title,
      maxWidth: area.width - 4)
    if !note.isEmpty {
      let noteText = " \(note) "
      let start = max(titleEnd + 1, area.right - 2 - noteText.displayWidth)
      buffer.write(noteText, x: start, y: area.y, theme.label, maxWidth: area.right - 2 - start)
    }
    return area.inset(1)
  }
}

/// Left- or right-aligned text of a fixed display width (truncated with `…`).
func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
  guard width > 0 else { return "" }
  let t = text.truncated(toWidth: width)
  let space = String(repeating: " ", count: max(0, width - t.displayWidth))
  return right ? space + t : t + space
}
