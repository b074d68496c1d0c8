import PACTCore
import Testing

@testable import PACTDashboard

/// The dashboard draws each method in its palette slot's theme colour, distinct in every
/// coloured theme, and a dimmed curve in the colour its legend shows.
@Suite struct PaletteThemeTests {
  @Test(arguments: ["default", "light", "high-contrast"])
  func methodsAndGuidesAreDistinctInTheTheme(_ name: String) throws {
    let (theme, issues) = try ThemeCatalog().open(name)
    #expect(issues.isEmpty)
    let keys = (["pact", "exact"] + Palette.baselines).map(Palette.themeKey(method:)) + [.target, .deadline]
    let colours = keys.map { theme[$0].hex }
    #expect(Set(colours).count == colours.count, "\(name): \(zip(keys, colours).map { "\($0.0) \($0.1)" })")
  }

  @Test func compareCurvesKeepTheirColourWhenNotSelected() {
    let baselines = Baselines.all().map { policy in
      var r = policy.run(on: Fixtures.scenario)
      r.solveSeconds = 0.002
      return r
    }
    var state = ViewSnapshotTests.stateWithExact(width: 120, height: 40)
    _ = state.handle(.char("c"))
    _ = state.receiveBaselines(generation: state.generation, baselines)
    let buffer = DashboardView.render(state)
    // Every braille cell of the chart is in a method's colour (dim unless selected),
    // never in the label grey the legend does not show.
    var seen: Set<String> = []
    for y in 0..<buffer.area.height {
      for x in 0..<buffer.area.width {
        let cell = buffer[x, y]
        guard let u = cell.symbol.unicodeScalars.first, (0x2801...0x28FF).contains(u.value) else { continue }
        #expect(cell.style.fg != state.theme[.label], "a grey curve at \(x),\(y)")
        seen.insert(cell.style.fg.hex)
      }
    }
    let methodColours = Set(
      (["pact", "exact"] + Palette.baselines).map { state.theme[Palette.themeKey(method: $0)].hex })
    #expect(seen.isSubset(of: methodColours), "\(seen)")
    #expect(seen.count >= 3)
  }
}
