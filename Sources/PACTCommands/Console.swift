import Foundation

/// Where a command's output goes: standard output and standard error by default, or
/// buffers when a test runs a command in process.
///
/// Commands write through ``printOut(_:terminator:)`` and ``printError(_:)``, which
/// read the task-local ``current``; ``CommandLineInterface/run(_:console:)`` binds it.
public struct Console: Sendable {
  let out: @Sendable (String) -> Void
  let err: @Sendable (String) -> Void

  public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
    self.out = out
    self.err = err
  }

  /// The process's standard output (buffered, as `print` is) and standard error.
  public static let standard = Console(
    out: { text in Swift.print(text, terminator: "") },
    err: { text in FileHandle.standardError.write(Data(text.utf8)) })

  /// The console commands write to (task-local).
  @TaskLocal public static var current = Console.standard
}

/// A console that keeps what is written, for running commands in process.
public final class CapturedConsole: @unchecked Sendable {
  private let lock = NSLock()
  private var outText = ""
  private var errText = ""

  public init() {}

  /// What was written to standard output so far.
  public var out: String { lock.withLock { outText } }
  /// What was written to standard error so far.
  public var err: String { lock.withLock { errText } }

  public var console: Console {
    Console(
      out: { [self] text in lock.withLock { outText += text } },
      err: { [self] text in lock.withLock { errText += text } })
  }
}

/// Writes `text` to the command's standard output.
func printOut(_ text: String, terminator: String = "\n") {
  Console.current.out(text + terminator)
}

/// Writes a line to the command's standard error.
func printError(_ text: String) {
  Console.current.err(text + "\n")
}
