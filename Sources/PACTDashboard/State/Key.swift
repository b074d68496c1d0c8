/// A key press or mouse event, independent of the terminal library.
public enum Key: Equatable, Sendable {
  case char(Character)
  /// Ctrl plus a letter (`ctrl("r")` is Ctrl-R).
  case ctrl(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  /// The terminal was resized to (width, height).
  case resize(Int, Int)
  /// A mouse button press at a cell.
  case click(x: Int, y: Int)
  case scrollUp, scrollDown
}
