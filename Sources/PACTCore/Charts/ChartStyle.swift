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
}
