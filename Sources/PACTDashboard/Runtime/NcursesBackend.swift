import CNcursesw
import Foundation
import Synchronization

/// Set by the signal handler; read by the input loop.
private let terminationSignal = Atomic<Int32>(0)
/// The write end of the wake pipe, for the signal handler.
private let signalWakeDescriptor = Atomic<Int32>(-1)

/// Async-signal-safe: records the signal and wakes the input loop, which then
/// restores the terminal (endwin) and exits.
private func onTerminationSignal(_ signal: Int32) {
  terminationSignal.store(signal, ordering: .relaxed)
  let fd = signalWakeDescriptor.load(ordering: .relaxed)
  if fd >= 0 {
    var byte: UInt8 = 1
    _ = write(fd, &byte, 1)
  }
}

/// The only file that calls ncurses: wide-character output (setcchar/add_wch),
/// colour pairs cached by (fg, bg), keys and mouse clicks, and a self-pipe so
/// solver threads and signals wake the input loop.
public final class NcursesBackend: TerminalBackend, @unchecked Sendable {
  public let colorDepth: ColorDepth
  private var pairs: [Int: Int32] = [:]
  private var nextPair: Int32 = 1
  private let maxPairs: Int32
  private let wakeRead: Int32
  private let wakeWrite: Int32
  private var active = true

  /// Starts curses on the controlling terminal.
  /// - Parameter allowColor: false forces attributes only (NO_COLOR).
  public init(allowColor: Bool) {
    setlocale(LC_ALL, "")
    var fds: [Int32] = [-1, -1]
    if pipe(&fds) != 0 { fds = [-1, -1] }
    wakeRead = fds[0]
    wakeWrite = fds[1]
    for fd in fds where fd >= 0 {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    signalWakeDescriptor.store(wakeWrite, ordering: .relaxed)
    initscr()
    raw()
    noecho()
    nonl()
    keypad(pact_stdscr(), true)
    nodelay(pact_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    var depth = ColorDepth.none
    if allowColor && has_colors() {
      start_color()
      use_default_colors()
      depth = ColorDepth.forTerminal(colors: Int(pact_colors()))
    }
    colorDepth = depth
    maxPairs = Int32(min(Int(pact_color_pairs()), 32767))
    mousemask(pact_button1_pressed() | pact_button4_pressed() | pact_button5_pressed(), nil)
    mouseinterval(0)
    for s in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] { signal(s, onTerminationSignal) }
    signal(SIGPIPE, SIG_IGN)
  }

  deinit { shutdown() }

  public var size: (width: Int, height: Int) { (Int(pact_cols()), Int(pact_lines())) }

  public var terminationRequested: Bool { terminationSignal.load(ordering: .relaxed) != 0 }

  public var wake: @Sendable () -> Void {
    let fd = wakeWrite
    return {
      var byte: UInt8 = 0
      _ = write(fd, &byte, 1)
    }
  }

  /// The colour pair for (fg, bg), allocated on first use; 0 when pairs run out.
  private func pair(_ style: Style) -> Int32 {
    guard colorDepth != .none else { return 0 }
    let fg = colorDepth.index(of: style.fg)
    let bg = colorDepth.index(of: style.bg)
    if fg < 0 && bg < 0 { return 0 }
    let key = (fg + 1) * 1024 + (bg + 1)
    if let p = pairs[key] { return p }
    guard nextPair < maxPairs else { return 0 }
    let p = nextPair
    guard init_pair(Int16(p), Int16(fg), Int16(bg)) == OK else { return 0 }
    nextPair += 1
    pairs[key] = p
    return p
  }

  private func attributes(_ m: Modifiers) -> attr_t {
    var a = pact_a_normal()
    if m.contains(.bold) { a |= pact_a_bold() }
    if m.contains(.dim) { a |= pact_a_dim() }
    if m.contains(.underline) { a |= pact_a_underline() }
    if m.contains(.reverse) { a |= pact_a_reverse() }
    if m.contains(.italic) { a |= pact_a_italic() }
    return a
  }

  public func draw(_ changes: [(x: Int, y: Int, cell: Cell)]) {
    var text = [wchar_t](repeating: 0, count: 6)
    for change in changes where !change.cell.isContinuation {
      // A two-column character is drawn once, from its first cell; curses covers the second.
      var i = 0
      for scalar in change.cell.symbol.unicodeScalars where i < 5 {
        text[i] = wchar_t(bitPattern: scalar.value)
        i += 1
      }
      if i == 0 {
        text[0] = 32
        i = 1
      }
      text[i] = 0
      var style = change.cell.style
      if colorDepth == .none, style.bg != .terminalDefault, !style.modifiers.contains(.reverse) {
        // Without colour a coloured background is the only mark of selection: keep it visible.
        style.modifiers.insert(.reverse)
      }
      _ = pact_put_cell(Int32(change.y), Int32(change.x), text, attributes(style.modifiers), pair(style))
    }
  }

  public func flush() { refresh() }

  public func clear() {
    erase()
    clearok(pact_stdscr(), true)
  }

  public func readKey() -> Key? {
    var ch: wint_t = 0
    let r = wget_wch(pact_stdscr(), &ch)
    if r == ERR { return nil }
    if r == KEY_CODE_YES { return functionKey(Int32(ch)) ?? readKey() }
    switch ch {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26:
      guard let scalar = Unicode.Scalar(UInt32(ch) + 96) else { return nil }
      return .ctrl(Character(scalar))
    default:
      guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
      return .char(Character(scalar))
    }
  }

  private func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END: return .end
    case KEY_ENTER: return .enter
    case KEY_BTAB: return .backTab
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_RESIZE: return .resize(Int(pact_cols()), Int(pact_lines()))
    case KEY_MOUSE:
      var event = MEVENT()
      guard getmouse(&event) == OK else { return nil }
      if event.bstate & pact_button4_pressed() != 0 { return .scrollUp }
      if pact_button5_pressed() != 0, event.bstate & pact_button5_pressed() != 0 { return .scrollDown }
      return .click(x: Int(event.x), y: Int(event.y))
    default: return nil
    }
  }

  public func wait(milliseconds: Int) {
    var fds = [
      pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
    ]
    _ = poll(&fds, nfds_t(fds.count), Int32(milliseconds))
    if fds[1].revents != 0 {
      var scratch = [UInt8](repeating: 0, count: 64)
      while read(wakeRead, &scratch, scratch.count) > 0 {}
    }
  }

  public func shutdown() {
    guard active else { return }
    active = false
    endwin()
    signalWakeDescriptor.store(-1, ordering: .relaxed)
  }
}
