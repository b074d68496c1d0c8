import Foundation
import Testing

@testable import PACTCore

/// Saving writes every field back and keeps what pact does not read (``Scenario/fileText()``
/// edits the file's own text), and a scenario with no file encodes canonically (``Scenario/json()``).
@Suite struct ScenarioEncodingTests {
  /// The tiny scenario with keys pact does not know at the top, in the model and in a node.
  static let annotated = TinyScenario.text
    .replacingOccurrences(of: "\"name\": \"tiny\",", with: "\"name\": \"tiny\",\n  \"notes\": \"kept\",")
    .replacingOccurrences(
      of: "\"name\": \"m\",", with: "\"name\": \"m\", \"source\": {\"paper\": \"arXiv 2212.02304\"},"
    )
    .replacingOccurrences(
      of: "{ \"id\": \"a\", \"name\": \"phone\",",
      with: "{ \"id\": \"a\", \"location\": [48.1, 11.6], \"name\": \"phone\",")

  static func keys(_ value: JSONValue?) -> [String] {
    guard case .object(let members)? = value else { return [] }
    return members.map(\.key)
  }

  @Test func unknownKeysSurviveASaveInTheirPlace() throws {
    let (loaded, warnings) = try Scenario.parse(Array(Self.annotated.utf8))
    #expect(warnings.map(\.path).sorted() == ["model.source", "nodes[0].location", "notes"])
    var edited = loaded
    edited.training.targetLoss = 1.1
    edited.nodes[0].watts = 4
    edited.nodes.swapAt(0, 2)  // nodes are matched by id, not by position
    let text = edited.fileText()
    let reread = try JSONParser.parse(text)
    #expect(Self.keys(reread).prefix(3) == ["name", "notes", "description"])
    #expect(reread["notes"] == .string("kept"))
    #expect(Self.keys(reread["model"]).prefix(3) == ["name", "source", "parameters"])
    #expect(reread["model"]?["source"]?["paper"] == .string("arXiv 2212.02304"))
    guard case .array(let nodes)? = reread["nodes"] else {
      Issue.record("no nodes")
      return
    }
    #expect(nodes[2]["id"] == .string("a"))
    #expect(Self.keys(nodes[2]).prefix(3) == ["id", "location", "name"])
    #expect(nodes[2]["location"] == .array([.number(48.1), .number(11.6)]))
    #expect(nodes[2]["watts"] == .number(4))
    // The edits are there and the file reads back as the edited scenario.
    let (back, _) = try Scenario.parse(Array(text.utf8))
    #expect(back == edited)
    #expect(back.training.targetLoss == 1.1)
  }

  @Test func aNewNodeHasNoUnknownKeysAndAFieldAtItsDefaultKeepsItsKey() throws {
    var s = try Scenario.parse(Array(Self.annotated.utf8)).scenario
    var extra = s.nodes[0]
    extra.id = "z"
    s.nodes.append(extra)
    s.nodes[0].radioWatts = 0  // at its default: the key the file has stays, with the new value
    let reread = try JSONParser.parse(s.fileText())
    guard case .array(let nodes)? = reread["nodes"] else { return }
    #expect(nodes.count == 4)
    #expect(nodes[3]["location"] == nil, "a node that was not in the file has no unknown keys")
    #expect(nodes[0]["radioWatts"] == .number(0))
    #expect(try Scenario.parse(Array(s.fileText().utf8)).scenario == s)
    // Encoded without its file, the same scenario leaves the default out.
    guard case .array(let plain)? = s.json()["nodes"] else { return }
    #expect(plain[0]["radioWatts"] == nil)
  }

  @Test func aScenarioBuiltInCodeEncodesCanonically() throws {
    var s = TinyScenario.scenario()
    s.source = nil
    let back = try Scenario.parse(Array(JSONWriter.write(s.json()).utf8)).scenario
    #expect(back == s)
    #expect(Self.keys(s.json()) == ["name", "description", "model", "training", "nodes", "loss", "solver"])
  }
}
