import PACTCore

/// What to do once the unsaved edits are saved or discarded.
public enum PendingAction: Equatable, Sendable {
  case quit
  case open
}

/// An inline prompt on the status line: a value or file name being typed, or a question.
public struct Prompt: Equatable, Sendable {
  public enum Purpose: Equatable, Sendable {
    case node(NodeField)
    case setting(SettingField)
    case saveAs
    /// "FILE exists; overwrite? (y/n)": only `y` runs the write (saving the scenario,
    /// or the screen as an SVG).
    case confirmOverwrite(String, then: [Effect])
    case open
    /// "unsaved changes: save / discard / cancel", then the pending action.
    case unsavedChanges(PendingAction)
    /// A file name for the screen as an SVG.
    case saveScreen
    /// "NAME.recovered.json holds unsaved edits: restore / show / delete / keep".
    case recovery(RecoveryOffer)
  }
  public var purpose: Purpose
  public var label: String
  public var text: String

  /// The key scope that answers this prompt (``KeyBindings``).
  public var scope: KeyScope {
    switch purpose {
    case .confirmOverwrite: return .confirmOverwrite
    case .unsavedChanges: return .unsavedChanges
    case .recovery: return .recovery
    default: return .prompt
    }
  }

  /// Whether the prompt is a question answered by one key (no text is typed).
  public var isQuestion: Bool { scope != .prompt }
}
