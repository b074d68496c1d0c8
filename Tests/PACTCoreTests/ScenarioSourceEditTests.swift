import Foundation
import Testing

@testable import PACTCore

/// Saves that are small diffs (issue 19): a scenario read from a file is written back
/// with only the values that changed rewritten, in the file's own layout.
@Suite struct ScenarioSourceEditTests {
  static func load(_ text: String) throws -> Scenario {
    try Scenario.parse(Array(text.utf8), source: "test").scenario
  }

  /// Lines of `a` and `b` that differ, when both have the same number of lines (else nil).
  static func changedLines(_ a: String, _ b: String) -> [String]? {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false)
    let y = b.split(separator: "\n", omittingEmptySubsequences: false)
    guard x.count == y.count else { return nil }
    return zip(x, y).filter { $0 != $1 }.map { String($1) }
  }

  /// The written text reads back as exactly the scenario that was saved.
  static func expectReadsBack(_ text: String, _ scenario: Scenario, _ comment: String) {
    let back = try? load(text)
    #expect(back == scenario, "\(comment): the written file reads back differently\n\(text)")
  }

  @Test func everySampleSavedUnchangedIsByteForByteTheSame() throws {
    for name in SampleFixtures.names {
      let bytes = SampleFixtures.bytes(name)
      let s = try Scenario.parse(bytes, source: name).scenario
      #expect(s.fileText() == String(decoding: bytes, as: UTF8.self), "\(name)")
    }
  }

  @Test func everySampleWithOneValueChangedDiffersInOneLine() throws {
    let edits: [(String, (inout Scenario) -> Void)] = [
      ("deadline", { $0.training.deadlineSeconds += 7 }),
      ("target", { $0.training.targetLoss *= 0.9 }),
      ("first node's samples", { $0.nodes[0].samples += 1 }),
      ("last node's watts", { $0.nodes[$0.nodes.count - 1].watts += 0.5 }),
    ]
    for name in SampleFixtures.names {
      let original = String(decoding: SampleFixtures.bytes(name), as: UTF8.self)
      let s = try Scenario.parse(SampleFixtures.bytes(name), source: name).scenario
      for (what, edit) in edits {
        var changed = s
        edit(&changed)
        let text = changed.fileText()
        let lines = Self.changedLines(original, text)
        #expect(lines?.count == 1, "\(name), \(what): changed lines \(lines ?? ["(line count differs)"])")
        Self.expectReadsBack(text, changed, "\(name), \(what)")
      }
    }
  }

  static let oneLine = """
    {
      "name": "one-line",
      "notes": "kept as it is",
      "model": { "name": "m", "parameters": 1.0e6, "flopsPerSample": 4.0e13, "pruningLevels": [1.0, 0.5, 0.25] },
      "training": { "epochs": 6, "targetLoss": 1.2, "deadlineSeconds": 200, "initialLoss": 2.3 },
      "nodes": [
        { "id": "a", "kind": "device", "flops": 1.0e10, "watts": 3.0, "uplinkBitsPerSecond": 1e7, "downlinkBitsPerSecond": 5E7, "radioWatts": 0, "samples": 500, "site": "roof" },
        { "id": "b", "kind": "device", "flops": 2.0e10, "watts": 4.0, "uplinkBitsPerSecond": 1e7, "downlinkBitsPerSecond": 5E7, "radioWatts": 0, "samples": 700 }
      ],
      "loss": { "model": "pact-v1", "rate": 0.05, "stepsExponent": 0.4, "remainingExponent": 0.9, "floor": 0.3, "floorGrowth": 0.001, "floorExponent": 3.0, "pruneShock": 0.2, "skewPenalty": 1.0 }
    }

    """

  @Test func oneLineObjectsExponentsUnknownAndDefaultKeysSurviveAnEdit() throws {
    var s = try Self.load(Self.oneLine)
    s.nodes[1].watts = 4.5
    let text = s.fileText()
    let lines = Self.changedLines(Self.oneLine, text)
    #expect(lines?.count == 1)
    #expect(
      lines?.first
        == #"    { "id": "b", "kind": "device", "flops": 2.0e10, "watts": 4.5, "uplinkBitsPerSecond": 1e7, "downlinkBitsPerSecond": 5E7, "radioWatts": 0, "samples": 700 }"#
    )
    #expect(text.contains("4.0e13") && text.contains("\"notes\"") && text.contains("\"site\": \"roof\""))
    #expect(!text.contains("\"solver\""), "no section added for knobs left at their default")
    Self.expectReadsBack(text, s, "one-line")
  }

  @Test func aKnobChangeAddsOnlyThatKnob() throws {
    var s = try Self.load(Self.oneLine)
    s.solver.lossBins = 77
    let text = s.fileText()
    #expect(text.contains("\"solver\": {\n    \"lossBins\": 77\n  }\n}"), "\(text)")
    #expect(!text.contains("timeBins"))
    Self.expectReadsBack(text, s, "knob")
  }

  @Test func aDefaultValueIsWrittenNotDropped() throws {
    var s = try Self.load(Self.oneLine)
    s.nodes[0].radioWatts = 2
    var text = s.fileText()
    #expect(text.contains("\"radioWatts\": 2, \"samples\": 500"))
    s = s.savedAs(text)
    s.nodes[0].radioWatts = 0
    text = s.fileText()
    #expect(text == Self.oneLine, "back at the default, the key stays with 0:\n\(text)")
  }

  @Test func anAddedNodeIsWrittenLikeItsNeighbourAndADeletedOneIsCut() throws {
    var s = try Self.load(Self.oneLine)
    var c = s.nodes[1]
    c.id = "c"
    c.name = "c"
    c.samples = 900
    s.nodes.insert(c, at: 2)
    let added = s.fileText()
    #expect(
      added.contains(
        #"""
        "samples": 700 },
            { "id": "c", "kind": "device", "flops": 2.0e10, "watts": 4.0, "uplinkBitsPerSecond": 1e7, "downlinkBitsPerSecond": 5E7, "radioWatts": 0, "samples": 900 }
          ],
        """#), "\(added)")
    Self.expectReadsBack(added, s, "added")
    s = s.savedAs(added)
    s.nodes.remove(at: 0)
    let removed = s.fileText()
    #expect(!removed.contains("\"site\"") && !removed.contains("\"id\": \"a\""))
    #expect(removed.contains("\"nodes\": [\n    { \"id\": \"b\""), "\(removed)")
    Self.expectReadsBack(removed, s, "removed first")
    s = s.savedAs(removed)
    s.nodes.removeLast()
    let removedLast = s.fileText()
    #expect(removedLast.contains("\"samples\": 700 }\n  ],"), "\(removedLast)")
    Self.expectReadsBack(removedLast, s, "removed last")
  }

  @Test func anyIndentationAndMinifiedText() throws {
    let base = try Self.load(Self.oneLine)
    let minified = JSONWriter.compact(try JSONParser.parse(Self.oneLine))
    let tabbed = JSONWriter.write(try JSONParser.parse(Self.oneLine)).replacingOccurrences(of: "  ", with: "\t")
    let four = JSONWriter.write(try JSONParser.parse(Self.oneLine)).replacingOccurrences(of: "  ", with: "    ")
    for (name, text) in [("minified", minified), ("tabs", tabbed), ("four spaces", four)] {
      var s = try Self.load(text)
      #expect(s == base)
      #expect(s.fileText() == text, "\(name): unchanged")
      s.training.deadlineSeconds = 321
      var c = s.nodes[0]
      c.id = "z"
      s.nodes.append(c)
      s.nodes.remove(at: 1)
      let out = s.fileText()
      Self.expectReadsBack(out, s, name)
      if name != "minified" {
        #expect(Self.changedLines(text, out) == nil || out.contains("\t") == (name == "tabs"), "\(name)")
        #expect(out.contains("\"deadlineSeconds\": 321"), "\(name)")
      } else {
        #expect(!out.contains("\n"), "minified stays on one line: \(out)")
      }
    }
  }

  @Test func anOptionalFieldRemovedIsCutWithItsComma() throws {
    let bytes = SampleFixtures.bytes("digits-fedavg.json")
    var s = try Scenario.parse(bytes, source: "digits").scenario
    #expect(s.training.confidence != nil)
    s.training.confidence = nil
    let text = s.fileText()
    #expect(!text.contains("\"confidence\""))
    #expect(text.contains("\"aggregationSeconds\": 0.2\n  },"), "\(text.prefix(1500))")
    Self.expectReadsBack(text, s, "confidence removed")
  }

  /// Random edits of every sample (values, nodes added and removed, knobs, loss
  /// coefficients): the written text always reads back as the edited scenario.
  @Test func randomEditsAlwaysReadBack() throws {
    var rng = SplitMix(seed: 19)
    for name in SampleFixtures.names {
      var s = try Scenario.parse(SampleFixtures.bytes(name), source: name).scenario
      for round in 0..<25 {
        switch rng.next() % 7 {
        case 0: s.training.deadlineSeconds *= 1.1
        case 1: s.nodes[Int(rng.next() % UInt64(s.nodes.count))].samples += 3
        case 2:
          var n = s.nodes[Int(rng.next() % UInt64(s.nodes.count))]
          n.id += "-copy\(round)"
          s.nodes.insert(n, at: Int(rng.next() % UInt64(s.nodes.count + 1)))
        case 3: if s.nodes.count > 2 { s.nodes.remove(at: Int(rng.next() % UInt64(s.nodes.count))) }
        case 4: s.solver.timeBins += 1
        case 5: s.loss.rate *= 1.01
        default: s.nodes[0].radioWatts = s.nodes[0].radioWatts == 0 ? 0.7 : 0
        }
        let text = s.fileText()
        Self.expectReadsBack(text, s, "\(name) round \(round)")
        if round % 5 == 4 { s = s.savedAs(text) }
      }
    }
  }
}

/// A small deterministic generator for the tests above.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
