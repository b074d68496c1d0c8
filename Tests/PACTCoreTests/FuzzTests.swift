import Foundation
import Testing

@testable import PACTCore

/// Deterministic fuzzing of every sample scenario (issue 6): chains of random
/// mutations — deleted and duplicated fields, wrong types, extreme numbers,
/// NaN spelled as strings, huge arrays, truncated JSON, invalid UTF-8, random
/// byte edits — through `Scenario.parse` and, when the result is still valid,
/// `PlanEvaluator` and `PACTSolver` at small knobs. Zero crashes; every
/// rejection names a field path or a line and column.
///
/// `PACT_FUZZ_ITERATIONS` (default 2400), `PACT_FUZZ_SEED` (default 1) and
/// `PACT_FUZZ_SOLVES` (PACT runs on accepted documents, default 60) scale it:
///
///     PACT_FUZZ_ITERATIONS=20000 PACT_FUZZ_SOLVES=400 swift test --filter FuzzTests
@Suite struct FuzzTests {
  static func setting(_ name: String, default value: Int) -> Int {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? value
  }

  /// What one mutation did, to decide what the rejection must say.
  enum Mutation {
    case tree(JSONPath)
    case bytes
  }

  struct Counts {
    var documents = 0
    var accepted = 0
    var solved = 0
    var rejected = 0
    var syntaxErrors = 0
    var fieldErrors = 0
  }

  /// One random mutation of the tree `root` (whose member paths are `paths`).
  static func mutateTree(_ root: JSONValue, _ paths: [JSONPath], _ rng: inout SeededGenerator) -> (JSONValue, JSONPath)?
  {
    guard let path = paths.randomElement(using: &rng) else { return nil }
    let steps = path.steps[...]
    switch Int.random(in: 0..<5, using: &rng) {
    case 0:
      return (ScenarioMutator.edit(root, at: steps) { _ in nil }, path)
    case 1:
      let bad = ScenarioMutator.badValues.randomElement(using: &rng)?.1 ?? .null
      return (ScenarioMutator.edit(root, at: steps) { _ in bad }, path)
    case 2:
      let choice = Int.random(in: 0..<5, using: &rng)
      return (ScenarioMutator.edit(root, at: steps) { ScenarioMutator.wrongType(for: $0, choice: choice) }, path)
    case 3:
      guard case .key = path.steps.last else { return nil }
      return (ScenarioMutator.edit(root, at: steps, duplicate: true) { $0 }, path)
    default:
      guard case .array = ScenarioMutator.value(root, at: steps) else { return nil }
      let count = Int.random(in: 10...2_000, using: &rng)
      return (ScenarioMutator.edit(root, at: steps) { ScenarioMutator.huge($0, count: count) }, path)
    }
  }

  /// One random byte-level mutation.
  static func mutateBytes(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
    guard !bytes.isEmpty else { return [0xFF] }
    var out = bytes
    let at = Int.random(in: 0..<out.count, using: &rng)
    switch Int.random(in: 0..<5, using: &rng) {
    case 0:
      out.removeSubrange(at...)  // truncate
    case 1:
      let bad: [[UInt8]] = [
        [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x80], [0xF5, 0x80, 0x80, 0x80],
      ]
      out.insert(contentsOf: bad.randomElement(using: &rng) ?? [0xFF], at: at)
    case 2:
      out[at] = UInt8.random(in: 0...255, using: &rng)
    case 3:
      out.removeSubrange(at..<min(out.count, at + Int.random(in: 1...40, using: &rng)))
    default:
      let junk = Array(",:{}[]\"\\0-e.9 \n".utf8)
      out.insert(junk[Int.random(in: 0..<junk.count, using: &rng)], at: at)
    }
    return out
  }

  @Test func fuzzEverySampleScenario() throws {
    let iterations = FuzzTests.setting("PACT_FUZZ_ITERATIONS", default: 2_400)
    let seed = FuzzTests.setting("PACT_FUZZ_SEED", default: 1)
    let solveBudget = FuzzTests.setting("PACT_FUZZ_SOLVES", default: 60)
    let names = SampleFixtures.names
    #expect(names.count >= 6)
    let bases = try names.map { name -> (JSONValue, [JSONPath]) in
      let root = try JSONParser.parse(SampleFixtures.bytes(name))
      return (root, ScenarioMutator.paths(root))
    }
    var rng = SeededGenerator(seed: UInt64(seed))
    var counts = Counts()
    for iteration in 0..<iterations {
      let f = iteration % names.count
      var (root, paths) = bases[f]
      var mutations: [Mutation] = []
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        // Byte edits come last (they may leave no tree to mutate).
        if Int.random(in: 0..<4, using: &rng) == 0 {
          mutations.append(.bytes)
        } else if let (mutated, path) = FuzzTests.mutateTree(root, paths, &rng) {
          paths = ScenarioMutator.paths(mutated)
          root = mutated
          mutations.append(.tree(path))
        }
      }
      // Pretty-printed (multi-line, so syntax errors have lines) or compact, alternately.
      var bytes = iteration % 2 == 0 ? ScenarioMutator.bytes(root) : Array(JSONWriter.compact(root).utf8)
      for case .bytes in mutations { bytes = FuzzTests.mutateBytes(bytes, &rng) }
      counts.documents += 1
      let label = "iteration \(iteration) (\(names[f]), seed \(seed))"
      switch ParseOutcome.of(bytes) {
      case .rejected(let error):
        counts.rejected += 1
        if error.isSyntaxError { counts.syntaxErrors += 1 } else { counts.fieldErrors += 1 }
        #expect(error.namesLocations, "\(label): \(error)")
        // A single tree mutation must be named by the rejection.
        if mutations.count == 1, case .tree(let path) = mutations[0], let key = path.lastKey {
          #expect(error.mentions(key), "\(label): \(path) mutated, but: \(error)")
        }
      case .accepted(let scenario):
        counts.accepted += 1
        let solve = counts.solved < solveBudget
        if Exercise.run(scenario, maximumEpochs: solve ? 60 : 0, maximumNodes: solve ? 40 : 0) { counts.solved += 1 }
      }
    }
    #expect(counts.documents == iterations)
    #expect(counts.accepted > 0 && counts.syntaxErrors > 0 && counts.fieldErrors > 0)
    print(
      "fuzz: \(counts.documents) documents from \(names.count) samples (seed \(seed)): \(counts.rejected) rejected "
        + "(\(counts.syntaxErrors) syntax, \(counts.fieldErrors) field errors), \(counts.accepted) accepted and evaluated, "
        + "\(counts.solved) solved by PACT at small knobs")
  }
}
