import Foundation
import PACTCore
import PACTDashboard

/// `pact tui [SCENARIO] [--theme NAME]`: the interactive dashboard (also `pact` alone).
enum TUICommand: Subcommand {
  static let name = "tui"
  static let summary = "open the dashboard (the built-in sample scenario without a file)"
  static let help = CommandHelp(
    name: name, arguments: "[SCENARIO]", alsoUsage: ["pact [--theme NAME]"],
    about: """
      Opens the interactive dashboard on SCENARIO (a scenario JSON file), or on the
      built-in sample scenario when none is given. Every edit replans live; press ?
      inside for the keys.
      """,
    groups: [
      OptionGroup(
        title: "options",
        options: [
          .value(
            "theme", "NAME",
            """
            default, light, high-contrast, monochrome, or a .theme file
            (NO_COLOR or a terminal without colour forces monochrome)
            """),
          .value(
            "trace", "FILE",
            """
            overlay a real run of a trace CSV on the loss chart (its
            real losses and the loss model's rollout, against the time
            its rounds take on the scenario's nodes, which must carry
            the trace's node ids); with --run
            """),
          .value("run", "RUN", "the run of --trace to overlay"),
          .value(
            "record", "FILE.cast",
            "record the session as an asciinema cast (asciinema play FILE.cast); M adds a marker"),
          .value(
            "idle-limit", "S",
            """
            with --record: no pause in the cast longer than S seconds (also written as
            the header's idle_time_limit)
            """),
        ])
    ],
    notes: """
      environment:
        PACT_TRACE_LATENCY=FILE   log per-edit keystroke-to-plan-on-screen milliseconds
      """,
    exitCodes: "0 ok (q or Ctrl-C), 2 bad input or no terminal, 130 ended by SIGTERM/SIGINT/SIGHUP")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    let theme: String?
    let positionals: [String]
    let tracePath: String?
    let runID: String?
    let recordPath: String?
    let idleLimit: Double?
    do throws(UsageError) {
      // Reported here (not by the caller) so that `pact --bogus`, which reaches this
      // command through the default dispatch, gets the same message as `pact tui --bogus`.
      theme = try arguments.option("theme")
      tracePath = try arguments.option("trace")
      runID = try arguments.option("run")
      recordPath = try arguments.option("record")
      idleLimit = try arguments.seconds("idle-limit")
      if idleLimit != nil && recordPath == nil { throw UsageError("--idle-limit goes with --record") }
      if let idleLimit, idleLimit <= 0 { throw UsageError("--idle-limit: must be more than 0 seconds") }
      if (tracePath == nil) != (runID == nil) { throw UsageError("--trace and --run go together") }
      positionals = try arguments.finish(positionals: 0, optional: 1)
      if let theme {
        do { _ = try ThemeCatalog().open(theme) } catch { throw UsageError("--theme: \(error.message)") }
      }
    } catch {
      printError("pact tui: \(error.message)\n\n\(usage)")
      return ExitCode.badInput
    }
    let scenario: Scenario
    let path: String?
    if let file = positionals.first {
      scenario = try loadScenario(file)
      path = file
    } else {
      scenario = DefaultScenario.load()
      path = nil
    }
    var extra: [ChartSeries] = []
    if let tracePath, let runID {
      extra = try TraceSeries.load(tracesPath: tracePath, runID: runID, scenario: scenario)
    }
    guard isatty(0) == 1, isatty(1) == 1 else {
      printError("pact tui: needs an interactive terminal (standard input and output must be a tty)")
      return ExitCode.badInput
    }
    let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    var backend: any TerminalBackend = NcursesBackend(allowColor: !noColor)
    if let recordPath {
      do {
        backend = try CastRecorder(wrapping: backend, path: recordPath, idleLimit: idleLimit)
      } catch {
        backend.shutdown()
        printError("pact tui: --record: \(error)")
        return ExitCode.badInput
      }
    }
    let app = DashboardApp(scenario: scenario, path: path, themeName: theme, backend: backend, extraSeries: extra)
    let ended = app.run()
    if let note = app.recoveryNote { printError("pact: \(note)") }
    if let recordPath { printError("pact: session recorded in \(recordPath) (asciinema play \(recordPath))") }
    return ended ? ExitCode.ok : ExitCode.interrupted
  }
}
