import PACTCore

/// The keys of each panel (Nodes, Settings, Graph, Plan): moving the selection and
/// editing what it selects.
extension AppState {
  mutating func handleNodes(_ action: Action) -> [Effect] {
    let count = scenario.nodes.count
    switch action {
    case .up: nodeRow = max(0, nodeRow - 1)
    case .down: nodeRow = min(max(0, count - 1), nodeRow + 1)
    case .pageUp: nodeRow = max(0, nodeRow - 10)
    case .pageDown: nodeRow = min(max(0, count - 1), nodeRow + 10)
    case .first: nodeRow = 0
    case .last: nodeRow = max(0, count - 1)
    case .left: nodeField = NodeField(rawValue: max(0, nodeField.rawValue - 1)) ?? nodeField
    case .right:
      nodeField = NodeField(rawValue: min(NodeField.allCases.count - 1, nodeField.rawValue + 1)) ?? nodeField
    case .increase, .decrease:
      guard let i = selectedNode else { return [] }
      if nodeField.isText {
        message = StatusMessage("\(nodeField.key) is text: e types a new one")
        return []
      }
      var s = scenario
      s.nodes[i] = nodeField.step(s.nodes[i], up: action == .increase, epochs: s.training.epochs)
      return apply(s, "\(s.nodes[i].id).\(nodeField.key) = \(nodeField.format(s.nodes[i], epochs: s.training.epochs))")
    case .edit:
      guard let i = selectedNode else { return [] }
      prompt = Prompt(
        purpose: .node(nodeField), label: "\(scenario.nodes[i].id).\(nodeField.key)",
        text: nodeField == .availability
          ? EpochRanges.format(scenario.nodes[i].availableEpochs, epochs: scenario.training.epochs)
          : rawValue(of: nodeField, scenario.nodes[i]))
    case .newNode:
      return addNode(copying: nil)
    case .duplicateNode:
      guard let i = selectedNode else { return [] }
      return addNode(copying: i)
    case .removeNode:
      guard let i = selectedNode else { return [] }
      if count <= 1 {
        message = StatusMessage("not applied: nodes: must list at least one node", .error)
        return []
      }
      var s = scenario
      let removed = s.nodes.remove(at: i)
      return apply(s, "removed \(removed.id)")
    default: break
    }
    return []
  }

  /// The value as typed text (full precision for numbers).
  func rawValue(of field: NodeField, _ node: Node) -> String {
    switch field {
    case .flops: return JSONWriter.number(node.flops)
    case .watts: return JSONWriter.number(node.watts)
    case .uplink: return JSONWriter.number(node.uplinkBitsPerSecond)
    case .downlink: return JSONWriter.number(node.downlinkBitsPerSecond)
    case .radioWatts: return JSONWriter.number(node.radioWatts)
    case .samples: return String(node.samples)
    case .availability: return EpochRanges.format(node.availableEpochs, epochs: scenario.training.epochs)
    case .kind: return node.kind
    case .name: return node.name
    }
  }

  /// Adds a node: a copy of node `source`, or a new phone-class device.
  mutating func addNode(copying source: Int?) -> [Effect] {
    var s = scenario
    var node: Node
    if let source {
      node = s.nodes[source]
    } else {
      let classes = s.nodes.first?.labelHistogram?.count
      node = Node(
        id: "n", name: "new-device", kind: "phone", flops: 1.5e11, watts: 4, uplinkBitsPerSecond: 2e7,
        downlinkBitsPerSecond: 8e7, radioWatts: 1.2, samples: 1000,
        labelHistogram: classes.map { Array(repeating: 1000 / Double($0), count: $0) })
    }
    let base = source.map { s.nodes[$0].id } ?? "n"
    var k = 2
    var id = source == nil ? "n\(s.nodes.count)" : "\(base)-\(k)"
    while s.nodes.contains(where: { $0.id == id }) {
      k += 1
      id = source == nil ? "n\(s.nodes.count + k)" : "\(base)-\(k)"
    }
    node.id = id
    if source != nil { node.name = node.name + " (copy)" } else { node.name = id }
    let at = (source ?? (s.nodes.count - 1)) + 1
    s.nodes.insert(node, at: at)
    let effects = apply(s, source == nil ? "added \(id)" : "duplicated \(s.nodes[source ?? 0].id) as \(id)")
    if !effects.isEmpty { nodeRow = at }
    return effects
  }

  mutating func handleSettings(_ action: Action) -> [Effect] {
    let count = SettingField.allCases.count
    switch action {
    case .up, .down, .first, .last:
      switch action {
      case .up: settingRow = max(0, settingRow - 1)
      case .down: settingRow = min(count - 1, settingRow + 1)
      case .first: settingRow = 0
      default: settingRow = count - 1
      }
      // A knob says what it trades as it is selected (as in the knob view).
      if case .knob(let id) = selectedSetting {
        let knob = SolverKnobs.knob(id)
        message = StatusMessage("\(knob.name): \(knob.help) (s: its knob view)")
      }
    case .increase, .decrease:
      let field = selectedSetting
      let s = field.step(scenario, up: action == .increase)
      return apply(s, "\(field.key) = \(field.format(s))")
    case .edit:
      let field = selectedSetting
      prompt = Prompt(purpose: .setting(field), label: field.key, text: field.format(scenario))
    default: break
    }
    return []
  }

  mutating func handleGraph(_ action: Action) -> [Effect] {
    switch action {
    case .left: moveGraphLayer(-1)
    case .right: moveGraphLayer(1)
    case .up: moveGraphVertex(-1)
    case .down: moveGraphVertex(1)
    case .pageUp: moveGraphVertex(-10)
    case .pageDown: moveGraphVertex(10)
    case .first: moveGraphLayer(-100_000)
    case .last: moveGraphLayer(100_000)
    case .backToPath: placeGraphCursorOnPath()
    case .layerView: return open(.layer)
    default: break
    }
    return []
  }

  mutating func handlePlan(_ action: Action) -> [Effect] {
    let epochs = outcome?.result.evaluation?.epochs.count ?? 0
    switch action {
    case .up: planScroll = max(0, planScroll - 1)
    case .down: planScroll = min(max(0, epochs - 1), planScroll + 1)
    case .pageUp: planScroll = max(0, planScroll - 10)
    case .pageDown: planScroll = min(max(0, epochs - 1), planScroll + 10)
    case .first: planScroll = 0
    case .last: planScroll = max(0, epochs - 1)
    default: break
    }
    return []
  }
}
