// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "pact",
  products: [
    .executable(name: "pact", targets: ["pact"]),
    .library(name: "PACTCore", targets: ["PACTCore"]),
    .library(name: "PACTDashboard", targets: ["PACTDashboard"]),
  ],
  targets: [
    // The solver core: scenario model, cost model, loss prediction, the
    // time-expanded graph, the PACT and exact solvers, baselines. Foundation only.
    // Optimised in debug builds too: `swift test` runs thousands of solves, ten times
    // faster this way (tests still reach internals with @testable import).
    .target(name: "PACTCore", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
    // ncursesw through a module map; a shim header exposes what Swift 6 cannot read directly.
    .systemLibrary(
      name: "CNcursesw",
      providers: [.apt(["libncursesw5-dev"])]
    ),
    // Views that draw into an in-memory cell buffer, plus the one ncurses backend file.
    .target(name: "PACTDashboard", dependencies: ["PACTCore", "CNcursesw"]),
    // The subcommands as a library: each declares its options once (CommandHelp), and
    // tests run them in process.
    .target(name: "PACTCommands", dependencies: ["PACTCore", "PACTDashboard"]),
    // glibc's allocator thresholds through a module map (``HeapTuning``).
    .systemLibrary(name: "CMalloc"),
    // The executable: main.swift hands the arguments to PACTCommands.
    .executableTarget(name: "pact", dependencies: ["PACTCommands", "CMalloc"]),
    .testTarget(name: "PACTCoreTests", dependencies: ["PACTCore"], resources: [.copy("Fixtures")]),
    .testTarget(
      name: "PACTDashboardTests", dependencies: ["PACTDashboard", "PACTCore"], exclude: ["Snapshots"]),
    .testTarget(name: "pactTests", dependencies: ["PACTCommands", "PACTCore"]),
  ]
)
