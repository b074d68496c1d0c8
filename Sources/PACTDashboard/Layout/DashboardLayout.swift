/// Where each panel goes for a terminal size: plain arithmetic on rectangles.
///
/// At 100×32 and above every panel is on screen; below that (down to
/// ``minimumWidth``×``minimumHeight``) only the focused panel is, full size, and
/// Tab flips between panels. Smaller terminals get a "too small" notice.
public struct DashboardLayout: Equatable, Sendable {
  public static let minimumWidth = 60
  public static let minimumHeight = 20
  public static let fullWidth = 100
  public static let fullHeight = 32

  public let width: Int
  public let height: Int
  public let header: Rect
  public let status: Rect
  public let panels: [Panel: Rect]
  public let compact: Bool

  public var tooSmall: Bool { width < DashboardLayout.minimumWidth || height < DashboardLayout.minimumHeight }

  public init(width: Int, height: Int, focus: Panel) {
    self.width = width
    self.height = height
    let screen = Rect(x: 0, y: 0, width: width, height: height)
    let (header, rest) = screen.splitTop(1)
    let (body, status) = rest.splitBottom(1)
    self.header = header
    self.status = status
    compact = width < DashboardLayout.fullWidth || height < DashboardLayout.fullHeight
    if width < DashboardLayout.minimumWidth || height < DashboardLayout.minimumHeight {
      panels = [:]
    } else if compact {
      panels = [focus: body]
    } else {
      let topHeight = max(10, body.height * 14 / 38)
      let bottomHeight = max(8, body.height * 10 / 38)
      let (top, rest2) = body.splitTop(topHeight)
      let (middle, bottom) = rest2.splitBottom(bottomHeight)
      let settingsWidth = max(34, width * 28 / 100)
      let (nodes, settings) = top.splitLeft(width - settingsWidth)
      let (graph, loss) = middle.splitLeft(width / 2)
      panels = [.nodes: nodes, .settings: settings, .graph: graph, .loss: loss, .plan: bottom]
    }
  }

  /// The panel under a screen position.
  public func panel(at x: Int, _ y: Int) -> Panel? {
    panels.first { $0.value.contains(x: x, y: y) }?.key
  }
}
