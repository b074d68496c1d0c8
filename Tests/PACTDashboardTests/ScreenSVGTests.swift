import Foundation
import PACTCore
import Testing

@testable import PACTDashboard

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The screen SVG (`S`) as a slide tool needs it: words in one element, merged
/// backgrounds, the theme's own background, a small file.
@Suite struct ScreenSVGTests {
  static func theme(_ name: String) throws -> Theme { try ThemeCatalog().open(name).0 }

  @Test func brailleBecomesOnePathOfDotsAndTextARun() {
    var buffer = Buffer(width: 12, height: 1)
    buffer.write("⣿⠁ab cd", in: buffer.area, row: 0, Style())
    let svg = ScreenSVG.render(buffer, theme: Fixtures.solvedState().theme)
    #expect(svg.components(separatedBy: "<path").count - 1 == 1, "one path for the braille run")
    #expect(svg.components(separatedBy: "h0").count - 1 == 9, "⣿ has 8 dots, ⠁ one")
    #expect(svg.contains(">ab cd</text>"), "one run, its inner space kept")
    #expect(svg.components(separatedBy: "<text").count - 1 == 1)
  }

  @Test func aStyleChangeStartsANewRunAndBackgroundsMerge() {
    var buffer = Buffer(width: 20, height: 2)
    buffer.write("plain ", in: buffer.area, row: 0, Style(fg: .rgb(10, 20, 30)))
    buffer.write(
      "bold", in: Rect(x: 6, y: 0, width: 14, height: 1), row: 0, Style(fg: .rgb(10, 20, 30), modifiers: .bold))
    buffer.fill(Rect(x: 0, y: 1, width: 20, height: 1), " ", Style(bg: .rgb(200, 0, 0)))
    let svg = ScreenSVG.render(buffer, theme: Fixtures.solvedState().theme)
    #expect(svg.contains(">plain</text>"))
    #expect(svg.contains("font-weight=\"bold\">bold</text>"))
    #expect(svg.components(separatedBy: "fill=\"#c80000\"").count - 1 == 1, "a row of one colour is one rectangle")
  }

  @Test func thePageTakesTheThemesBackground() throws {
    // The default theme leaves the background to the terminal and writes light text:
    // the page is dark, not white.
    let dark = ScreenSVG.background(try Self.theme("default"))
    #expect(dark != "#ffffff")
    #expect(ScreenSVG.background(try Self.theme("light")) == "#fafafa")
    #expect(ScreenSVG.background(try Self.theme("high-contrast")) == "#000000")
    #expect(ScreenSVG.background(try Self.theme("monochrome")) == "#ffffff")
  }

  /// A whole dashboard at 160 × 48 is under 80 KB, parses as XML, and its words can be found.
  @Test(arguments: ["default", "light"])
  func aDashboardScreenIsSmallAndSearchable(_ name: String) throws {
    var state = Fixtures.solvedState(width: 160, height: 48, realSolver: true)
    state.setTheme(try Self.theme(name), issues: [])
    let svg = ScreenSVG.render(DashboardView.render(state), theme: state.theme)
    let bytes = svg.utf8.count
    #expect(bytes < 80_000, "\(bytes) bytes")
    _ = try XMLDocument(data: Data(svg.utf8))
    let node = try #require(Fixtures.scenario.nodes.first?.id)
    #expect(svg.contains(node), "the node id \(node) is one searchable string")
    #expect(svg.contains("Nodes"))
  }
}
