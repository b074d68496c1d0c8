import PACTCore

extension AppState {
  // MARK: Prompt

  mutating func handlePrompt(_ key: Key, _ p: Prompt) -> [Effect] {
    let action = KeyBindings.action(for: key, in: p.scope)
    switch p.purpose {
    case .recovery(let offer):
      return answerRecovery(offer, action)
    case .confirmOverwrite(let target, let write):
      switch action {
      case .answerYes?:
        prompt = nil
        return write
      case .answerNo?:
        prompt = nil
        pendingAfterSave = nil
        message = StatusMessage("not saved; \(target) is unchanged")
      default: break
      }
      return []
    case .unsavedChanges(let pending):
      switch action {
      case .answerSave?:
        pendingAfterSave = pending
        prompt = Prompt(purpose: .saveAs, label: "save as", text: path ?? suggestedFileName)
      case .answerDiscard?:
        prompt = nil
        message = StatusMessage("edits discarded")
        return run(pending)
      case .answerCancel?:
        prompt = nil
        message = StatusMessage("cancelled; the edits are kept")
      default: break
      }
      return []
    default:
      break
    }
    var p = p
    switch action {
    case .promptCancel?:
      prompt = nil
      pendingAfterSave = nil
      message = StatusMessage("cancelled")
    case .promptBackspace?:
      if !p.text.isEmpty { p.text.removeLast() }
      prompt = p
    case .promptClear?:
      p.text = ""
      prompt = p
    case .promptApply?:
      prompt = nil
      return submit(p)
    default:
      guard case .char(let c) = key else { return [] }
      if c.isControlCharacter {
        message = StatusMessage("control characters are not accepted here", .error)
        return []
      }
      p.text.append(c)
      prompt = p
    }
    return []
  }

  mutating func submit(_ p: Prompt) -> [Effect] {
    let text = p.text.trimmingSpaces
    switch p.purpose {
    case .node(let field):
      guard let i = selectedNode else { return [] }
      do {
        var s = scenario
        s.nodes[i] = try field.parse(text, into: s.nodes[i], epochs: s.training.epochs)
        return apply(s, "\(s.nodes[i].id).\(field.key) = \(field.format(s.nodes[i], epochs: s.training.epochs))")
      } catch {
        message = StatusMessage("not applied: nodes[\(i)].\(error.message)", .error)
        return []
      }
    case .setting(let field):
      do {
        let s = try field.parse(text, into: scenario)
        return apply(s, "\(field.key) = \(field.format(s))")
      } catch {
        message = StatusMessage(
          "not applied: \(error.message.hasPrefix(field.key) ? "" : field.key + ": ")\(error.message)", .error)
        return []
      }
    case .saveAs:
      guard !text.isEmpty else {
        pendingAfterSave = nil
        message = StatusMessage("not saved: no file name")
        return []
      }
      guard !text.contains(where: \.isControlCharacter) else {
        pendingAfterSave = nil
        message = StatusMessage("not saved: a file name cannot hold control characters", .error)
        return []
      }
      return confirmingOverwrite(text, saveEffects(text))
    case .open:
      guard !text.isEmpty else { return [] }
      guard !text.contains(where: \.isControlCharacter) else {
        message = StatusMessage("not opened: a file name cannot hold control characters", .error)
        return []
      }
      message = StatusMessage("opening \(text)…")
      return [.open(path: text)]
    case .saveScreen:
      guard !text.isEmpty, !text.contains(where: \.isControlCharacter) else {
        message = StatusMessage("not saved: give a file name without control characters", .error)
        return []
      }
      return confirmingOverwrite(text, [.saveScreen(path: text)])
    case .confirmOverwrite, .unsavedChanges, .recovery:
      return []
    }
  }

  /// `write` at once when `target` does not exist, else after "overwrite? (y/n)".
  mutating func confirmingOverwrite(_ target: String, _ write: [Effect]) -> [Effect] {
    guard fileExists(target) else { return write }
    prompt = Prompt(
      purpose: .confirmOverwrite(target, then: write), label: "\(target) exists; overwrite? (y/n)", text: "")
    return []
  }

  func saveEffects(_ target: String) -> [Effect] {
    [.save(path: target, text: document.saveText(for: target))]
  }
}
