import Foundation

/// A plain-text chart of a run's real losses against the predicted rollout,
/// for terminals without colour: `●` real, `○` predicted, `◉` where both fall
/// in one cell, and `|` marks on the axis where the pruning level changes.
public enum TraceChart {
  /// The chart of `prediction`, `height` rows by up to `width` columns of plot.
  public static func render(_ prediction: TracePrediction, width: Int = 64, height: Int = 14) -> String {
    let rounds = prediction.real.count
    guard rounds > 1 else { return "(one round: nothing to plot)" }
    let plotWidth = max(8, min(width, 400))
    let rows = max(4, min(height, 100))
    let values = (prediction.real + prediction.rollout).filter(\.isFinite)
    guard var low = values.min(), var high = values.max() else { return "(no finite values to plot)" }
    if high - low < 1e-9 {
      low -= 0.5
      high += 0.5
    }
    let pad = 0.04 * (high - low)
    low = max(0, low - pad)
    high += pad
    var grid = Array(repeating: Array(repeating: Character(" "), count: plotWidth), count: rows)
    func column(_ k: Int) -> Int { Int((Double(k) / Double(rounds - 1) * Double(plotWidth - 1)).rounded()) }
    func row(_ v: Double) -> Int {
      let t = (v - low) / (high - low)
      return min(rows - 1, max(0, rows - 1 - Int((t * Double(rows - 1)).rounded())))
    }
    for k in 0..<rounds {
      let c = column(k)
      if prediction.rollout[k].isFinite { grid[row(prediction.rollout[k])][c] = "○" }
    }
    for k in 0..<rounds {
      let c = column(k)
      let r = row(prediction.real[k])
      grid[r][c] = grid[r][c] == "○" ? "◉" : "●"
    }
    let labelWidth = 7
    var lines: [String] = []
    for (i, line) in grid.enumerated() {
      let value = high - (high - low) * Double(i) / Double(rows - 1)
      let label = (i == 0 || i == rows - 1 || i == rows / 2) ? Format.number(value, digits: 3) : ""
      lines.append(String(repeating: " ", count: max(0, labelWidth - label.count)) + label + " ┤" + String(line))
    }
    var axis = Array(repeating: Character("─"), count: plotWidth)
    for k in 1..<rounds where prediction.levels[k] != prediction.levels[k - 1] { axis[column(k)] = "┼" }
    lines.append(String(repeating: " ", count: labelWidth) + " └" + String(axis))
    let last = "round \(rounds - 1)"
    let gap = max(1, plotWidth - 7 - last.count)
    lines.append(String(repeating: " ", count: labelWidth + 2) + "round 0" + String(repeating: " ", count: gap) + last)
    lines.append(
      String(repeating: " ", count: labelWidth + 2) + "● real   ○ predicted rollout   ◉ both   ┼ pruning step")
    return lines.joined(separator: "\n")
  }

  /// Round, level, real, rollout, one-step and rollout error, one line per round.
  public static func table(_ prediction: TracePrediction) -> String {
    var lines = ["round  level      real   rollout  one-step   error"]
    for k in prediction.real.indices {
      let error =
        k == 0
        ? "" : String(format: "%+6.1f %%", (prediction.rollout[k] - prediction.real[k]) / prediction.real[k] * 100)
      lines.append(
        String(
          format: "%5d  %5d  %8.4f  %8.4f  %8.4f  ", k, prediction.levels[k], prediction.real[k], prediction.rollout[k],
          prediction.oneStep[k]) + error)
    }
    return lines.joined(separator: "\n")
  }
}
