import Foundation
import PACTCore

/// One subcommand of `pact`: a name, a one-line summary, its command line declared
/// once (``CommandHelp``: arguments and options, which both `--help` and the parsing
/// read), and `run`.
///
/// A new subcommand is a file `<Name>Command.swift` here with a type conforming to
/// this protocol, listed in ``CommandLineInterface/subcommands``.
protocol Subcommand {
  static var name: String { get }
  static var summary: String { get }
  /// The command line: arguments, option groups, description and exit codes.
  static var help: CommandHelp { get }
  /// Runs with the arguments after the subcommand's name; returns the exit code.
  static func run(_ arguments: inout Arguments) throws -> Int32
}

extension Subcommand {
  /// The full `--help` text: usage line, description, options, exit codes.
  static var usage: String { help.usage }
}

/// Dispatches `pact SUBCOMMAND …`, prints help, and maps errors to exit codes.
///
/// The executable calls ``run(_:console:)`` with the process's arguments; tests call it
/// in process with a ``CapturedConsole``.
public enum CommandLineInterface {
  /// Every subcommand, in the order `pact --help` lists them.
  /// Each lives in its own file, `<Name>Command.swift`.
  static var subcommands: [any Subcommand.Type] {
    [
      SolveCommand.self,
      EvaluateCommand.self,
      ValidateCommand.self,
      TUICommand.self,
      CalibrateCommand.self,
      CompareCommand.self,
      SweepCommand.self,
      FrontierCommand.self,
      PlotCommand.self,
      ExportCommand.self,
      BenchCommand.self,
    ]
  }

  /// Runs `pact ARGV…`, writing to `console`; returns the exit code.
  public static func run(_ argv: [String], console: Console = .standard) -> Int32 {
    Console.$current.withValue(console) { dispatch(argv) }
  }

  private static func dispatch(_ argv: [String]) -> Int32 {
    guard let first = argv.first else { return runDefault() }
    if first == "--help" || first == "-h" || first == "help" {
      printOut(overview)
      return ExitCode.ok
    }
    if first == "--version" {
      printOut("pact 0.1.0")
      return ExitCode.ok
    }
    guard let command = subcommands.first(where: { $0.name == first }) else {
      if first.hasPrefix("-") { return runDefault(argv) }
      printError("pact: unknown subcommand \"\(first)\"\n\n\(overview)")
      return ExitCode.badInput
    }
    var arguments = Arguments(Array(argv.dropFirst()), declared: command.help.options)
    if arguments.wantsHelp {
      printOut(command.usage)
      return ExitCode.ok
    }
    do {
      return try command.run(&arguments)
    } catch let error as UsageError {
      printError("pact \(command.name): \(error.message)\n\n\(command.usage)")
      return ExitCode.badInput
    } catch let error as InputError {
      printError(error.description)
      return ExitCode.badInput
    } catch {
      printError("pact \(command.name): \(error)")
      return ExitCode.badInput
    }
  }

  /// `pact` alone (or with only options): the dashboard, when it is built in.
  static func runDefault(_ argv: [String] = []) -> Int32 {
    if let dashboard = subcommands.first(where: { $0.name == "tui" }) {
      var arguments = Arguments(argv, declared: dashboard.help.options)
      do { return try dashboard.run(&arguments) } catch {
        printError("pact: \(error)")
        return ExitCode.badInput
      }
    }
    printOut(overview)
    return ExitCode.ok
  }

  static var overview: String {
    let width = subcommands.map { $0.name.count }.max() ?? 8
    let lines = subcommands.map {
      "  \($0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.summary)"
    }
    return """
      pact — plans energy-minimal cooperative DNN training with pruning (PACT, INFOCOM 2023)

      usage: pact [SUBCOMMAND] [ARGUMENTS] [--help]
             pact                      open the dashboard on the built-in sample scenario

      subcommands:
      \(lines.joined(separator: "\n"))

      exit codes: 0 ok, 1 infeasible, 2 bad input, 130 interrupted or over budget
      """
  }
}

/// Loads a scenario file, printing its warnings to standard error.
func loadScenario(_ path: String) throws(InputError) -> Scenario {
  let (scenario, warnings) = try Scenario.load(path: path)
  for warning in warnings { printError("\(path): \(warning)") }
  return scenario
}
