import Foundation

/// A hand-written SVG document: elements appended in drawing order, serialised
/// as a standalone SVG 1.1 file (no scripts, no external references).
public struct SVGDocument: Sendable {
  public let width: Double
  public let height: Double
  /// The drawing, one element per line.
  private var elements: [String] = []
  /// Clip paths defined so far (each used by one group).
  private var clips = 0

  /// An empty drawing of this size in pixels.
  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// Text safe inside an element or an attribute value.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }

  /// A coordinate with at most two decimals (`12.5`, `300`).
  public static func coordinate(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    var s = String(format: "%.2f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
  }

  private static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
  }

  /// Adds a line segment.
  public mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil,
    opacity: Double = 1
  ) {
    let c = Self.coordinate
    var a = [
      ("x1", c(x1)), ("y1", c(y1)), ("x2", c(x2)), ("y2", c(y2)), ("stroke", stroke), ("stroke-width", c(width)),
    ]
    if let dash { a.append(("stroke-dasharray", dash)) }
    if opacity < 1 { a.append(("stroke-opacity", c(opacity))) }
    elements.append("<line\(Self.attributes(a))/>")
  }

  /// Adds a rectangle.
  public mutating func rect(
    x: Double, y: Double, width w: Double, height h: Double, fill: String, stroke: String? = nil,
    strokeWidth: Double = 1, opacity: Double? = nil
  ) {
    let c = Self.coordinate
    var a = [("x", c(x)), ("y", c(y)), ("width", c(max(0, w))), ("height", c(max(0, h))), ("fill", fill)]
    if let stroke { a += [("stroke", stroke), ("stroke-width", c(strokeWidth))] }
    if let opacity { a.append(("fill-opacity", c(opacity))) }
    elements.append("<rect\(Self.attributes(a))/>")
  }

  /// Adds a polyline through the points.
  public mutating func polyline(
    _ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dash: String? = nil, opacity: Double = 1
  ) {
    guard points.count > 1 else { return }
    let c = Self.coordinate
    let list = points.map { "\(c($0.x)),\(c($0.y))" }.joined(separator: " ")
    var a = [
      ("points", list), ("fill", "none"), ("stroke", stroke), ("stroke-width", c(width)),
      ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
    ]
    if let dash { a.append(("stroke-dasharray", dash)) }
    if opacity < 1 { a.append(("stroke-opacity", c(opacity))) }
    elements.append("<polyline\(Self.attributes(a))/>")
  }

  /// Adds a circle.
  public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil) {
    let c = Self.coordinate
    var a = [("cx", c(cx)), ("cy", c(cy)), ("r", c(r)), ("fill", fill)]
    if let stroke { a += [("stroke", stroke), ("stroke-width", "1.5")] }
    elements.append("<circle\(Self.attributes(a))/>")
  }

  /// Text anchored at (x, y): `anchor` is start, middle or end; `rotate` in degrees about (x, y).
  public mutating func text(
    _ string: String, x: Double, y: Double, size: Double = 14, anchor: String = "start", weight: String? = nil,
    fill: String = "#222222", rotate: Double? = nil, baseline: String? = nil
  ) {
    let c = Self.coordinate
    var a = [("x", c(x)), ("y", c(y)), ("font-size", c(size)), ("text-anchor", anchor), ("fill", fill)]
    if let weight { a.append(("font-weight", weight)) }
    if let baseline { a.append(("dominant-baseline", baseline)) }
    if let rotate { a.append(("transform", "rotate(\(c(rotate)) \(c(x)) \(c(y)))")) }
    elements.append("<text\(Self.attributes(a))>\(Self.escape(string))</text>")
  }

  /// Starts a group whose drawing is clipped to the rectangle (data past a chosen axis
  /// range is cut at the plot's edge); ``endGroup()`` ends it.
  public mutating func beginClippedGroup(x: Double, y: Double, width w: Double, height h: Double) {
    let c = Self.coordinate
    clips += 1
    elements.append(
      "<clipPath id=\"clip\(clips)\"><rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, w)))\" height=\"\(c(max(0, h)))\"/></clipPath>"
    )
    elements.append("<g clip-path=\"url(#clip\(clips))\">")
  }

  /// Ends the group ``beginClippedGroup(x:y:width:height:)`` started.
  public mutating func endGroup() { elements.append("</g>") }

  /// The complete file.
  public func render() -> String {
    let c = Self.coordinate
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
    out += "<rect x=\"0\" y=\"0\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"#ffffff\"/>\n"
    for e in elements { out += e + "\n" }
    out += "</svg>\n"
    return out
  }
}
