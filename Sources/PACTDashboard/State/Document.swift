import PACTCore

/// One step of the undo history: a scenario and the file it belonged to, so that
/// undo never pairs one file's content with another file's name.
public struct UndoEntry: Equatable, Sendable {
  public var scenario: Scenario
  public var path: String?
}

/// The scenario being edited, as a document: its content, its file, the text that
/// file holds, the undo history, what was last saved where, and the save itself.
///
/// A save edits the file's own text in place (``Scenario/fileText()``): only the
/// values that changed are rewritten, so a scenario kept in git saves as a small
/// diff. A document with no text behind it (the built-in scenario, a new file name)
/// is written in the canonical form.
public struct Document: Sendable {
  public private(set) var scenario: Scenario
  /// The file the scenario came from or was last saved to; nil for the built-in scenario.
  public private(set) var path: String?
  /// Earlier states, newest last. Each carries its file: undo across an open returns
  /// to the previous file, name and content together; saving under a new name renames
  /// the current file's entries.
  public private(set) var undoStack: [UndoEntry] = []
  public private(set) var redoStack: [UndoEntry] = []
  /// The content last saved to (or opened from) each file; `""` for the built-in scenario.
  public private(set) var savedVersions: [String: Scenario] = [:]
  /// The text each file held when last opened or saved, what a save edits.
  private var sources: [String: ScenarioSource] = [:]

  public static let undoLimit = 500

  public init(scenario: Scenario, path: String? = nil) {
    self.scenario = scenario
    self.path = path
    savedVersions[path ?? ""] = scenario
    if let path, let source = scenario.source { sources[path] = source }
  }

  /// Whether the content differs from what was last saved to (or opened from) its file.
  public var dirty: Bool { scenario != savedVersions[path ?? ""] }

  /// Makes `edited` current, the present content going on the undo stack.
  mutating func edit(_ edited: Scenario) {
    push()
    redoStack.removeAll()
    scenario = edited
  }

  private mutating func push() {
    undoStack.append(UndoEntry(scenario: scenario, path: path))
    if undoStack.count > Document.undoLimit { undoStack.removeFirst() }
  }

  /// Steps back; the entry made current, or nil when there is nothing to undo.
  mutating func undo() -> UndoEntry? {
    guard let previous = undoStack.popLast() else { return nil }
    redoStack.append(UndoEntry(scenario: scenario, path: path))
    restore(previous)
    return previous
  }

  /// Steps forward again; the entry made current, or nil.
  mutating func redo() -> UndoEntry? {
    guard let next = redoStack.popLast() else { return nil }
    undoStack.append(UndoEntry(scenario: scenario, path: path))
    restore(next)
    return next
  }

  private mutating func restore(_ entry: UndoEntry) {
    path = entry.path
    scenario = entry.scenario
  }

  /// The text a save to `target` writes: the current file's text with only the
  /// changed values rewritten, or the canonical form when there is no text behind it.
  public func saveText(for target: String) -> String {
    var s = scenario
    s.source = sources[target] ?? path.flatMap { sources[$0] }
    return s.fileText()
  }

  /// Records a save of `text` to `saved`: under a new name, the document (and its
  /// history) is renamed.
  mutating func didSave(to saved: String, text: String) {
    if saved != path {
      let old = path
      for i in undoStack.indices where undoStack[i].path == old { undoStack[i].path = saved }
      for i in redoStack.indices where redoStack[i].path == old { redoStack[i].path = saved }
      path = saved
    }
    savedVersions[saved] = scenario
    if let source = ScenarioSource(bytes: Array(text.utf8), of: scenario) { sources[saved] = source }
  }

  /// Makes a file just opened current; the previous document stays one undo away.
  mutating func didOpen(_ opened: Scenario, at openedPath: String) {
    push()
    redoStack.removeAll()
    path = openedPath
    scenario = opened
    savedVersions[openedPath] = opened
    if let source = opened.source { sources[openedPath] = source }
  }
}
