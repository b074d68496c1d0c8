import Foundation
import PACTCore

/// `pact bench`: release-build timings of the solvers on generated scenarios.
enum BenchCommand: Subcommand {
  static let name = "bench"
  static let summary = "release-build timings of the solvers"
  static let help = CommandHelp(
    name: name, arguments: "",
    about: """
      Times the solvers on scenarios from ScenarioGenerator (seeded, so every run
      sees the same instances). Build with `swift build -c release` and run
      `.build/release/pact bench`; debug builds are an order of magnitude slower.
      """,
    beforeOptions: """
      suites:
        gap     PACT at default knobs vs the exact optimum on --scenarios (default 200)
                generated scenarios of each shape 5 × 8 × 3, 7 × 10 × 4 and 10 × 12 × 5
                (nodes × epochs × levels): median and worst gap, feasibility of every
                PACT plan, the worst seeds; plus the speed ratio to the exact solver on
                three 10-node, 20-epoch, 5-level scenarios
        speed   median PACT solve time on 20 nodes × 50 epochs × 5 levels and on
                1,000 nodes × 100 epochs × 10 levels
        scale   PACT time and memory from 10 to 10,000 nodes and 10 to 500 epochs,
                with the fitted growth exponents
        frontier  a 20-point deadline frontier and a 20-point target frontier against
                one solve of the same scenario (ratios from one run), on generated
                20 × 50 × 5 and 200 × 50 × 5 scenarios
        targets the solver's targets in one run: 20 × 50 × 5, 1,000 × 100 × 10 and
                10,000 × 100 × 10 solves, the full plan of every sample scenario
                (--samples), the hard 14 × 20 × 6 instances (seeds 1–8, then 9–40
                once each), PACT against the exact solver on 10 × 20 × 5 and
                12 × 16 × 5, bounds above the optimum and median proven gaps
                (--scenarios per gap-suite shape, default 40)
        all     gap, speed, scale and frontier (default)
      """,
    groups: [
      OptionGroup(
        title: "options",
        options: [
          .value("suite", "NAME", "gap, speed, scale, frontier, targets or all (default all)"),
          .value("samples", "DIR", "the sample scenarios the targets suite solves (default sample-scenarios)"),
          .value("runs", "N", "timed repetitions per measurement (default 5; medians are reported)"),
          .value("scenarios", "N", "instances per shape in the gap suite (default 200)"),
          .flag("json", "machine-readable results"),
          .value("shapes", "LIST", "the gap suite's shapes, NODESxEPOCHSxLEVELS,… (default 5x8x3,7x10x4,10x12x5)"),
          .value("first-seed", "N", "the gap suite's first seed (default 1): other instances of the same shapes"),
          .flag(
            "hard",
            """
            the gap suite (and --generate) on hard instances: tight deadlines, three
            availability windows on most nodes, one- or two-class label histograms
            """),
          .value(
            "generate", "N,K,J[,SEED]",
            """
            print the generated scenario of N nodes, K epochs, J levels
            (seed default 42) instead of timing anything
            """),
        ]),
      .knobs("approximation knobs, overridden in the gap and speed suites"),
    ],
    exitCodes: "0 ok, 2 bad input")

  static func run(_ arguments: inout Arguments) throws -> Int32 {
    let suite = try arguments.option("suite") ?? "all"
    let runs = try arguments.integer("runs", in: 1...1000) ?? 5
    let countOption = try arguments.integer("scenarios", in: 1...10000)
    let count = countOption ?? 200
    let json = arguments.flag("json")
    let knobs = try arguments.knobOverrides()
    let firstSeed = try arguments.integer("first-seed", in: 1...1_000_000_000) ?? 1
    let hard = arguments.flag("hard")
    let samples = try arguments.option("samples") ?? "sample-scenarios"
    var shapes = Benchmarks.gapShapes
    if let text = try arguments.option("shapes") {
      shapes = try text.split(separator: ",").map { part throws(UsageError) in
        let n = part.split(separator: "x").compactMap { Int($0) }
        guard n.count == 3, n.allSatisfy({ $0 > 0 }) else {
          throw UsageError("--shapes takes NODESxEPOCHSxLEVELS,…, e.g. 7x10x4,10x12x5")
        }
        return (n[0], n[1], n[2])
      }
    }
    if let shape = try arguments.option("generate") {
      _ = try arguments.finish(positionals: 0)
      let parts = shape.split(separator: ",").map { Int($0) }
      guard parts.count >= 3, parts.count <= 4, parts.allSatisfy({ ($0 ?? 0) > 0 }) else {
        throw UsageError("--generate takes NODES,EPOCHS,LEVELS[,SEED], e.g. 20,50,5,42")
      }
      let generator =
        hard
        ? ScenarioGenerator.hard(nodes: parts[0]!, epochs: parts[1]!, levels: parts[2]!)
        : ScenarioGenerator(nodes: parts[0]!, epochs: parts[1]!, levels: parts[2]!)
      printOut(JSONWriter.write(generator.make(seed: UInt64(parts.count == 4 ? parts[3]! : 42)).json()), terminator: "")
      return ExitCode.ok
    }
    _ = try arguments.finish(positionals: 0)
    guard ["gap", "speed", "scale", "frontier", "targets", "all"].contains(suite) else {
      throw UsageError("unknown suite \"\(suite)\"")
    }
    var results: [(key: String, value: JSONValue)] = [("machine", .string(Benchmarks.machine()))]
    #if DEBUG
      printError("pact bench: this is a debug build; figures are not representative (swift build -c release)")
      results.append(("build", .string("debug")))
    #else
      results.append(("build", .string("release")))
    #endif
    if !json { printOut("machine: \(Benchmarks.machine())") }
    if suite == "gap" || suite == "all" {
      results.append(
        (
          "gap",
          Benchmarks.gap(
            count: count, runs: runs, log: !json, knobs: knobs, shapes: shapes,
            speedRatio: shapes.map { "\($0)" } == Benchmarks.gapShapes.map { "\($0)" } && !hard,
            firstSeed: UInt64(firstSeed), hard: hard)
        ))
    }
    if suite == "speed" || suite == "all" {
      results.append(("speed", Benchmarks.speed(runs: runs, log: !json, knobs: knobs)))
    }
    if suite == "scale" || suite == "all" { results.append(("scale", Benchmarks.scale(runs: runs, log: !json))) }
    if suite == "frontier" || suite == "all" {
      results.append(("frontier", Benchmarks.frontier(runs: runs, log: !json)))
    }
    if suite == "targets" {
      if !json { printOut("targets (release build, medians of --runs):") }
      let measured = Benchmarks.targets(
        runs: runs, samples: URL(fileURLWithPath: samples), instances: countOption ?? 40, log: !json)
      results.append(("targets", measured.json))
    }
    if json { printOut(JSONWriter.write(.object(results)), terminator: "") }
    return ExitCode.ok
  }
}
