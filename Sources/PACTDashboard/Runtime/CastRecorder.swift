import Foundation

/// Records a dashboard session as an asciicast v2 file (what `asciinema play` replays):
/// a JSON header line `{"version": 2, "width", "height", "timestamp", "env"}`, then one
/// `[seconds, "o", text]` line per flushed frame, where `text` is the ANSI output that
/// draws the frame's changed cells (cursor moves, 24-bit SGR colours, the symbols), and
/// `[seconds, "r", "WxH"]` when the terminal is resized, and `[seconds, "m", label]` for
/// a marker (the `M` key: a player can jump to it).
///
/// With an idle limit, the header carries `idle_time_limit` and the recorded times
/// themselves never pause longer than it, so a cast replays without long waits in any
/// player.
///
/// It wraps the real backend: every call goes through unchanged. Lines are appended as
/// they happen, so a session that ends abruptly still leaves a playable prefix.
public final class CastRecorder: TerminalBackend {
  private let inner: any TerminalBackend
  private let handle: FileHandle
  private let start = ContinuousClock.now
  private var pending = ""
  private var lastSize: (width: Int, height: Int)
  private var lastStyle: Style?
  /// The longest pause kept between two events, in seconds (nil: every pause as it was).
  public let idleLimit: Double?
  /// Seconds of pauses cut so far (time beyond the idle limit).
  private var cut = 0.0
  private var lastEvent = 0.0
  /// Markers written so far.
  public private(set) var markers = 0

  /// Creates (or truncates) `path` and writes the header.
  /// - Throws: when the file cannot be created.
  public init(wrapping inner: any TerminalBackend, path: String, idleLimit: Double? = nil) throws {
    self.inner = inner
    self.idleLimit = idleLimit
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else {
      throw CastError(description: "cannot create \(path)")
    }
    self.handle = handle
    lastSize = inner.size
    var header: [String: Any] = [
      "version": 2, "width": lastSize.width, "height": lastSize.height,
      "timestamp": Int(Date().timeIntervalSince1970),
      "env": ["TERM": "xterm-256color", "SHELL": "/bin/sh"], "title": "pact",
    ]
    if let idleLimit { header["idle_time_limit"] = idleLimit }
    write(line: header)
    pending = "\u{1B}[?25l\u{1B}[2J"
  }

  public var size: (width: Int, height: Int) {
    let s = inner.size
    if s != lastSize {
      lastSize = s
      write(line: [elapsed, "r", "\(s.width)x\(s.height)"])
    }
    return s
  }

  public var colorDepth: ColorDepth { inner.colorDepth }

  public func draw(_ changes: [(x: Int, y: Int, cell: Cell)]) {
    inner.draw(changes)
    var lastX = -2
    var lastY = -1
    for c in changes where !c.cell.isContinuation {
      if c.y != lastY || c.x != lastX { pending += "\u{1B}[\(c.y + 1);\(c.x + 1)H" }
      if c.cell.style != lastStyle {
        pending += Self.sgr(c.cell.style)
        lastStyle = c.cell.style
      }
      pending.append(c.cell.symbol)
      lastX = c.x + (c.cell.isWide ? 2 : 1)
      lastY = c.y
    }
  }

  public func flush() {
    inner.flush()
    guard !pending.isEmpty else { return }
    write(line: [elapsed, "o", pending])
    pending = ""
  }

  public func clear() {
    inner.clear()
    pending += "\u{1B}[0m\u{1B}[2J"
    lastStyle = nil
  }

  public func readKey() -> Key? { inner.readKey() }
  public func wait(milliseconds: Int) { inner.wait(milliseconds: milliseconds) }
  public var wake: @Sendable () -> Void { inner.wake }
  public var terminationRequested: Bool { inner.terminationRequested }

  /// Writes a marker event named `label`; returns its number (1, 2, …).
  @discardableResult
  public func mark(_ label: String) -> Int {
    flush()
    markers += 1
    write(line: [elapsed, "m", label])
    return markers
  }

  public func shutdown() {
    inner.shutdown()
    write(line: [elapsed, "o", "\u{1B}[0m\u{1B}[?25h\r\n"])
    try? handle.close()
  }

  /// The time of an event now: the session's time, less the pauses cut beyond the idle limit.
  private var elapsed: Double {
    let d = ContinuousClock.now - start
    let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    var t = seconds - cut
    if let idleLimit, t - lastEvent > idleLimit {
      cut += t - lastEvent - idleLimit
      t = lastEvent + idleLimit
    }
    lastEvent = t
    return (t * 1000).rounded() / 1000
  }

  private func write(line object: Any) {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
    handle.write(data + Data("\n".utf8))
  }

  /// The SGR sequence that sets `style` from scratch.
  static func sgr(_ style: Style) -> String {
    var codes = ["0"]
    if style.modifiers.contains(.bold) { codes.append("1") }
    if style.modifiers.contains(.dim) { codes.append("2") }
    if style.modifiers.contains(.italic) { codes.append("3") }
    if style.modifiers.contains(.underline) { codes.append("4") }
    if style.modifiers.contains(.reverse) { codes.append("7") }
    if case .rgb(let r, let g, let b) = style.fg { codes.append("38;2;\(r);\(g);\(b)") }
    if case .rgb(let r, let g, let b) = style.bg { codes.append("48;2;\(r);\(g);\(b)") }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }
}

/// A cast file that cannot be written.
public struct CastError: Error, CustomStringConvertible {
  public var description: String
}
