import Foundation
import Testing

/// Ctrl-C, SIGTERM and the time budget stop a long exact solve cleanly: exit code
/// 130, a message, promptly. (Tests/e2e/cli-signals.sh also covers compare, sweep, plot.)
@Suite(.serialized) struct SignalTests {
  /// A 12-node, 40-epoch generated scenario on which the exact solver runs for minutes.
  static func slowScenario() throws -> URL {
    let generated = try CalibrateCommandTests.run(["bench", "--generate", "12,40,6,3"])
    try #require(generated.status == 0, "\(generated.err)")
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("pact-slow-\(UUID().uuidString).json")
    try generated.out.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  /// Runs `pact solve FILE --exact --time-budget 600`, sends `signal` after `delay` seconds,
  /// and returns the exit status, stderr, and seconds from the signal to the exit.
  static func interrupted(by signal: Int32, after delay: Double) throws -> (status: Int32, err: String, seconds: Double)
  {
    let file = try slowScenario()
    defer { try? FileManager.default.removeItem(at: file) }
    let binary = try #require(PACTRunner.binary, "the pact binary was not built")
    let process = Process()
    process.executableURL = binary
    process.arguments = ["solve", file.path, "--exact", "--time-budget", "600"]
    let err = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = err
    try process.run()
    Thread.sleep(forTimeInterval: delay)
    try #require(process.isRunning, "the solve ended before the signal")
    let sent = ContinuousClock.now
    kill(process.processIdentifier, signal)
    let text = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let seconds = (ContinuousClock.now - sent) / .seconds(1)
    return (process.terminationStatus, String(decoding: text, as: UTF8.self), seconds)
  }

  @Test(arguments: [SIGINT, SIGTERM])
  func signalStopsTheExactSolverWith130(_ signal: Int32) throws {
    let result = try Self.interrupted(by: signal, after: 1)
    #expect(result.status == 130, "\(result.err)")
    #expect(result.err.contains("interrupted"), "\(result.err)")
    // The e2e script holds this to 2 s; tests share the machine with other tests, so allow more.
    #expect(result.seconds < 4, "stopped \(result.seconds) s after the signal")
  }

  @Test func timeBudgetEndsWith130AndAMessage() throws {
    let file = try Self.slowScenario()
    defer { try? FileManager.default.removeItem(at: file) }
    let clock = ContinuousClock.now
    let result = try CalibrateCommandTests.run(["solve", file.path, "--exact", "--time-budget", "1"])
    let seconds = (ContinuousClock.now - clock) / .seconds(1)
    #expect(result.status == 130, "\(result.err)")
    #expect(result.err.contains("time budget of 1 s ran out"), "\(result.err)")
    #expect(seconds < 5, "took \(seconds) s")
  }
}
