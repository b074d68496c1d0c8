/// The tiny interface between the dashboard and a terminal: draw changed
/// cells, flush, size, and input. The ncurses backend is one; tests use
/// ``MemoryBackend``.
public protocol TerminalBackend: AnyObject {
  /// Columns and rows.
  var size: (width: Int, height: Int) { get }
  /// How many colours the terminal shows.
  var colorDepth: ColorDepth { get }
  /// Draws cells (not yet visible until ``flush()``).
  func draw(_ changes: [(x: Int, y: Int, cell: Cell)])
  /// Makes the drawn cells visible.
  func flush()
  /// Forgets what is on screen (after a resize), so the next frame is drawn whole.
  func clear()
  /// The next key, or nil when none is waiting. Never blocks.
  func readKey() -> Key?
  /// Blocks until input arrives, ``wake()`` is called, or `milliseconds` pass.
  func wait(milliseconds: Int)
  /// Interrupts ``wait(milliseconds:)`` from another thread.
  var wake: @Sendable () -> Void { get }
  /// A termination signal (SIGTERM, SIGINT, SIGHUP) arrived.
  var terminationRequested: Bool { get }
  /// Restores the terminal.
  func shutdown()
}

/// Keeps the previous frame and sends only the changed cells to the backend.
public final class Terminal {
  public let backend: any TerminalBackend
  private var previous: Buffer?

  public init(backend: any TerminalBackend) { self.backend = backend }

  /// Draws `buffer`: the cells that differ from the last frame, then flushes.
  /// - Returns: how many cells were sent.
  @discardableResult
  public func draw(_ buffer: Buffer) -> Int {
    if let p = previous, p.area != buffer.area {
      backend.clear()
      previous = nil
    }
    let changes = buffer.changes(from: previous)
    if !changes.isEmpty { backend.draw(changes) }
    backend.flush()
    previous = buffer
    return changes.count
  }

  /// Forces the next frame to be drawn whole.
  public func invalidate() {
    backend.clear()
    previous = nil
  }
}

/// An in-memory terminal for tests: a buffer the changes are applied to, and scripted keys.
public final class MemoryBackend: TerminalBackend, @unchecked Sendable {
  public var screen: Buffer
  public var keys: [Key]
  public var flushes = 0
  public var cellsDrawn = 0
  public let colorDepth: ColorDepth
  public var terminationRequested = false

  public init(width: Int, height: Int, keys: [Key] = [], colorDepth: ColorDepth = .palette256) {
    screen = Buffer(width: width, height: height)
    self.keys = keys
    self.colorDepth = colorDepth
  }

  public var size: (width: Int, height: Int) { (screen.area.width, screen.area.height) }

  public func draw(_ changes: [(x: Int, y: Int, cell: Cell)]) {
    for c in changes where screen.cell(x: c.x, y: c.y) != nil { screen[c.x, c.y] = c.cell }
    cellsDrawn += changes.count
  }

  public func flush() { flushes += 1 }
  public func clear() {}

  public func readKey() -> Key? {
    guard !keys.isEmpty else { return nil }
    let key = keys.removeFirst()
    if case .resize(let w, let h) = key {
      var resized = Buffer(width: w, height: h)
      for y in 0..<min(h, screen.area.height) {
        for x in 0..<min(w, screen.area.width) { resized[x, y] = screen[x, y] }
      }
      screen = resized
    }
    return key
  }

  public func wait(milliseconds: Int) {}
  public var wake: @Sendable () -> Void { {} }
  public func shutdown() {}
}
