/// Sizes and colours shared by pact's charts: large type and a colour-blind-safe
/// palette (Okabe & Ito), so figures read well on slides.
public enum ChartStyle {
  /// PACT's colour (vermillion), drawn on top and thicker.
  public static let pact = "#D55E00"
  /// The exact optimum (black).
  public static let exact = "#000000"
  /// Baselines, in order.
  public static let palette = ["#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F", "#8C564B", "#332288"]
  public static let axis = "#333333"
  public static let grid = "#E5E5E5"
  public static let muted = "#666666"
  public static let titleSize = 20.0
  public static let labelSize = 15.0
  public static let tickSize = 13.0
  public static let legendSize = 14.0

  /// Colour of the `index`-th method of a comparison (`pact`, `exact`, then baselines).
  public static func color(method: String, baselineIndex: Int) -> String {
    switch method {
    case "pact": return pact
    case "exact": return exact
    default: return palette[baselineIndex % palette.count]
    }
  }

  /// Approximate text width in pixels for Helvetica at `size` (for layout only).
  public static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.56 }
}
