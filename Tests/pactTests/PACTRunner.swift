import Foundation
import PACTCommands
import Testing

/// Runs `pact` for the tests: in process (the commands are a library) or, where the
/// process itself matters (signals, environment, exit), as the built binary.
enum PACTRunner {
  /// `pact ARGUMENTS…` in process: exit code and what it wrote.
  static func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
    let captured = CapturedConsole()
    let status = CommandLineInterface.run(arguments, console: captured.console)
    return (status, captured.out, captured.err)
  }

  /// The `pact` binary of this build: next to the test bundle, or `.build/debug/pact` from the package root.
  static var binary: URL? {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("pact"),
      Bundle.main.bundleURL.appendingPathComponent("pact"),
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent(".build/debug/pact"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// `pact ARGUMENTS…` as a separate process of the built binary.
  static func spawn(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let binary = try #require(Self.binary, "the pact binary was not built")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }
}
