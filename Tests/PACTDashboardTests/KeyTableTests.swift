import PACTCore
import Testing

@testable import PACTDashboard

/// The key table is the only place a key is declared: what it lists works, what it
/// does not list does nothing, and the help shows all of it.
@Suite struct KeyTableTests {
  /// Every key a terminal can send as one event, apart from mouse and resize events.
  static let allKeys: [Key] =
    (32...126).map { Key.char(Character(Unicode.Scalar(UInt8($0)))) }
    + "abcdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }
    + [
      .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab, .backspace, .delete,
    ]

  /// What a key can change, to tell whether it did anything.
  static func fingerprint(_ s: AppState) -> String {
    "\(s.focus) \(s.nodeRow) \(s.nodeField) \(s.settingRow) \(s.planScroll) \(s.graphLayer) \(s.graphVertex) "
      + "\(s.showHelp) \(String(describing: s.prompt)) \(String(describing: s.message)) \(s.generation) "
      + "\(s.showBaselines) \(s.quitRequested) \(s.undoStack.count)"
  }

  @Test func undeclaredKeysDoNothingInAnyPanel() {
    for panel in Panel.allCases {
      for key in Self.allKeys {
        let declared =
          KeyBindings.action(for: key, in: .global) != nil || KeyBindings.action(for: key, in: .panel(panel)) != nil
        var state = Fixtures.solvedState(focus: panel)
        state.planScroll = 1
        state.nodeRow = 1
        state.graphLayer = 1
        let before = Self.fingerprint(state)
        let effects = state.handle(key)
        if !declared {
          #expect(effects.isEmpty && Self.fingerprint(state) == before, "\(key) in \(panel) is not in the key table")
        }
      }
    }
  }

  @Test func everyDeclaredKeyIsReachableAndUnambiguous() {
    for scope in KeyBindings.scopes {
      var seen: [Key] = []
      for binding in KeyBindings.bindings(in: scope) {
        for (key, _) in binding.keys {
          #expect(!seen.contains(key), "\(key) is bound twice in \(scope)")
          seen.append(key)
          // A panel key must not be shadowed by a global one.
          if case .panel = scope {
            #expect(KeyBindings.action(for: key, in: .global) == nil, "\(key) in \(scope) is shadowed by a global key")
          }
        }
      }
    }
  }

  @Test func theHelpListsEveryRowOfTheTable() {
    let help = HelpOverlay.sections
    for binding in KeyBindings.table {
      let section = help.first { $0.0 == binding.scope.title }
      #expect(section?.1.contains { $0.0 == binding.label && $0.1 == binding.help } == true, "\(binding.label)")
    }
    // The keys once missing from the help (p, a, H) are in it now.
    let labels = KeyBindings.table.map(\.label).joined(separator: " ")
    for key in ["p", "a", "H"] { #expect(labels.contains(key)) }
  }
}
