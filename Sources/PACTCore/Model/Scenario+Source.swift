/// The text a scenario was read from, and what pact read in it: what lets a save
/// rewrite only the values that changed (``Scenario/fileText()``).
public struct ScenarioSource: Sendable {
  /// The file's text, parsed with the place of every value.
  public let tree: JSONSourceTree
  /// pact's fields of the scenario that text holds, defaults included.
  public let written: JSONValue

  /// `bytes` as the source of `scenario` (which was decoded from them); nil when they
  /// are not JSON.
  public init?(bytes: [UInt8], of scenario: Scenario) {
    guard let tree = try? JSONSourceTree(bytes: bytes) else { return nil }
    self.tree = tree
    written = scenario.plainJSON(includingDefaults: true)
  }
}

extension Scenario {
  /// The file text of this scenario. Read from a file (``source``), it is that file
  /// with only the values that changed rewritten, in the file's own layout: untouched
  /// values keep their spelling (`4.0e13`), one-line objects stay on one line, keys
  /// pact does not read stay, keys at their default are neither added nor dropped,
  /// nodes are matched by id and a new node is written like its neighbour
  /// (``JSONSourceEditor``). Without a source, the canonical form (``json()``).
  public func fileText() -> String {
    guard let source else { return JSONWriter.write(json()) }
    return JSONSourceEditor.edit(
      source.tree, from: source.written, to: plainJSON(includingDefaults: true), lean: plainJSON(),
      keyedArrays: ["nodes": "id"])
  }

  /// This scenario with `text` (just written) as its source, so the next save edits that.
  public func savedAs(_ text: String) -> Scenario {
    var copy = self
    copy.source = ScenarioSource(bytes: Array(text.utf8), of: self)
    return copy
  }
}
