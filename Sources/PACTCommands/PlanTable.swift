import PACTCore

/// The plan as a text table: epoch, nodes, level, seconds, joules, loss, and totals.
enum PlanTable {
  static func render(_ evaluation: PlanEvaluation, scenario: Scenario, maxNodeColumn: Int = 48) -> String {
    var rows: [[String]] = [["epoch", "nodes", "level", "remaining", "seconds", "joules", "loss"]]
    for e in evaluation.epochs {
      var ids = e.nodes.map { scenario.nodes[$0].id }.joined(separator: ",")
      if ids.count > maxNodeColumn { ids = String(ids.prefix(maxNodeColumn - 12)) + "… (\(e.nodes.count))" }
      rows.append([
        String(e.epoch), ids, String(e.level), Format.number(e.remaining), Format.number(e.seconds),
        Format.number(e.joules), Format.number(e.loss),
      ])
    }
    rows.append([
      "total", "", "", "", Format.number(evaluation.totalSeconds), Format.number(evaluation.totalJoules),
      Format.number(evaluation.finalLoss),
    ])
    return TextTable.render(rows, rightAligned: [0, 2, 3, 4, 5, 6], separatorBeforeLast: true)
  }
}

/// Plain text tables with aligned columns.
enum TextTable {
  static func render(_ rows: [[String]], rightAligned: Set<Int> = [], separatorBeforeLast: Bool = false) -> String {
    guard let header = rows.first else { return "" }
    var widths = [Int](repeating: 0, count: header.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ row: [String]) -> String {
      row.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
        return rightAligned.contains(i) ? pad + cell : cell + pad
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var out = [line(header), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
    for (i, row) in rows.dropFirst().enumerated() {
      if separatorBeforeLast && i == rows.count - 2 { out.append(out[1]) }
      out.append(line(row))
    }
    return out.joined(separator: "\n")
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }
}
