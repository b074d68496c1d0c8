import PACTCore

extension AppState {
  /// Asks what to do with a recovery file found beside the file just opened.
  public mutating func offer(_ recovery: RecoveryOffer) {
    let count = recovery.differences(from: scenario).count
    prompt = Prompt(
      purpose: .recovery(recovery),
      label:
        "\(recovery.path) is newer and holds unsaved edits (\(count) value\(count == 1 ? " differs" : "s differ")):",
      text: "")
  }

  mutating func answerRecovery(_ offer: RecoveryOffer, _ action: Action?) -> [Effect] {
    switch action {
    case .answerRestore?:
      prompt = nil
      restoredRecovery = offer
      var effects = apply(offer.recovered, "restored the edits of \(offer.path), unsaved; w saves them and deletes it")
      if effects.isEmpty {
        // The recovery file says what the file says: nothing to restore.
        restoredRecovery = nil
        effects = [.deleteFile(path: offer.path)]
        message = StatusMessage("\(offer.path) holds nothing the file lacks; deleted")
      }
      return effects
    case .answerShowDifferences?:
      // Shown in the question itself, which stays open.
      let lines = offer.differences(from: scenario)
      let shown = lines.prefix(4).joined(separator: "; ")
      let more = lines.count > 4 ? " (+\(lines.count - 4) more)" : ""
      prompt = Prompt(
        purpose: .recovery(offer),
        label: lines.isEmpty ? "\(offer.path) differs in nothing:" : "\(offer.path) differs: \(shown)\(more);",
        text: "")
      return []
    case .answerDelete?:
      prompt = nil
      return [.deleteFile(path: offer.path)]
    case .answerCancel?:
      prompt = nil
      message = StatusMessage("kept \(offer.path); it is offered again when \(offer.file) is opened")
      return []
    default:
      return []
    }
  }

  /// Takes the outcome of deleting a file.
  public mutating func didDelete(path: String, error: String?) {
    if let error {
      message = StatusMessage("could not delete \(path): \(error)", .error)
    } else if message?.kind != .ok {
      message = StatusMessage("deleted \(path)", .ok)
    } else if let m = message {
      message = StatusMessage("\(m.text); deleted \(path)", .ok)
    }
  }
}
