/// Sizes and neutral colours shared by pact's charts: large type, so figures read well
/// on slides. (The colours of methods and guides are in ``Palette``.)
public enum ChartStyle {
  public static let axis = "#333333"
  public static let grid = "#E5E5E5"
  public static let muted = "#666666"
  public static let titleSize = 20.0
  public static let labelSize = 15.0
  public static let tickSize = 13.0
  public static let legendSize = 14.0

  /// Approximate text width in pixels for Helvetica at `size` (for layout only).
  public static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.56 }

  /// `text` broken at spaces into lines of at most `width` pixels at `size` (bold type
  /// taken 10 % wider), at most `maxLines` of them; cut text ends with `…`.
  public static func wrap(_ text: String, width: Double, size: Double, bold: Bool = false, maxLines: Int) -> [String] {
    let perChar = size * 0.56 * (bold ? 1.1 : 1)
    let limit = max(8, Int(width / perChar))
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if current.isEmpty || current.count + 1 + word.count <= limit {
        current += (current.isEmpty ? "" : " ") + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    guard lines.count > maxLines, maxLines > 0 else { return lines }
    var kept = Array(lines.prefix(maxLines))
    kept[maxLines - 1] = String(kept[maxLines - 1].prefix(limit - 1)) + "…"
    return kept
  }
}
