import PACTCore

extension AppState {
  /// Takes the outcome of a save; runs the action a guard prompt was waiting for.
  public mutating func didSave(path saved: String, text: String, error: String?) -> [Effect] {
    let pending = pendingAfterSave
    pendingAfterSave = nil
    if let error {
      message = StatusMessage("not saved to \(saved): \(error)", .error)
      return []
    }
    document.didSave(to: saved, text: text)
    message = StatusMessage("saved \(saved)", .ok)
    var effects: [Effect] = []
    if let r = restoredRecovery, r.file == saved {
      restoredRecovery = nil
      effects.append(.deleteFile(path: r.path))
    }
    return effects + run(pending)
  }

  /// Carries out an action that waited for unsaved edits to be saved or discarded.
  mutating func run(_ pending: PendingAction?) -> [Effect] {
    switch pending {
    case .quit?:
      requestQuit()
      return [.quit]
    case .open?:
      prompt = Prompt(purpose: .open, label: "open scenario", text: "")
      return []
    case nil:
      return []
    }
  }

  public mutating func didOpen(path: String, result: Result<Scenario, InputError>) -> [Effect] {
    switch result {
    case .failure(let error):
      let first = error.errors.first.map { "\($0)" } ?? "\(error)"
      message = StatusMessage("cannot open \(path): \(first)", .error)
      return []
    case .success(let opened):
      document.didOpen(opened, at: path)
      restoredRecovery = nil
      let effects = replanned(message: "opened \(path)")
      outcome = nil
      lastFull = nil
      change = nil
      nodeRow = 0
      graphLayer = 0
      graphVertex = 0
      planScroll = 0
      return effects
    }
  }

  /// Where unsaved edits go when a signal ends the dashboard: beside the scenario's file
  /// (`NAME.recovered.json`, numbered when taken), never over it; for the built-in
  /// scenario, in the working folder. `exists` tells whether a path is taken.
  public func recoveryPath(exists: (String) -> Bool) -> String {
    let base: String
    if let path {
      base = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
    } else {
      base = suggestedFileName.hasSuffix(".json") ? String(suggestedFileName.dropLast(5)) : suggestedFileName
    }
    var candidate = base + ".recovered.json"
    var n = 2
    while exists(candidate) || candidate == path {
      candidate = base + ".recovered-\(n).json"
      n += 1
    }
    return candidate
  }
}
