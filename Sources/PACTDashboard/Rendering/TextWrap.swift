extension String {
  /// The text in lines of at most `width` columns, broken at spaces (a word wider than
  /// the line is cut); the whole text as one line when `width` is 4 or less.
  func wrapped(width: Int) -> [String] {
    guard width > 4 else { return [self] }
    var lines: [String] = []
    var current = ""
    for word in split(separator: " ") {
      if current.isEmpty {
        current = String(word)
      } else if current.displayWidth + 1 + word.displayWidth <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
      while current.displayWidth > width {
        let head = current.prefix(columns: width)
        lines.append(head)
        current = String(current.dropFirst(head.count))
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
