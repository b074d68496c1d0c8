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

  /// ``wrapped(width:)`` in at most `maxLines` lines; when text is left over, the last
  /// line ends with `…`, so a cut sentence never reads as a whole one.
  func wrapped(width: Int, maxLines: Int) -> [String] {
    let lines = wrapped(width: width)
    guard maxLines > 0 else { return [] }
    guard lines.count > maxLines else { return lines }
    var kept = Array(lines.prefix(maxLines))
    kept[maxLines - 1] = kept[maxLines - 1].prefix(columns: max(1, width - 1)) + "…"
    return kept
  }
}
