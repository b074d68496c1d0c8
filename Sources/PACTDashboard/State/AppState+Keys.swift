import Foundation
import PACTCore

extension AppState {
  /// Updates the state for one key and returns what the app must do.
  public mutating func handle(_ key: Key) -> [Effect] {
    if case .resize(let w, let h) = key {
      size = (w, h)
      return []
    }
    if prompt != nil { return handlePrompt(key) }
    if key == .ctrl("c") {
      requestQuit()
      return [.quit]
    }
    if showHelp {
      switch key {
      case .char("q"):
        requestQuit()
        return [.quit]
      case .down, .char("j"), .scrollDown: helpScroll += 1
      case .up, .char("k"), .scrollUp: helpScroll = max(0, helpScroll - 1)
      case .pageDown: helpScroll += 10
      case .pageUp: helpScroll = max(0, helpScroll - 10)
      default: showHelp = false
      }
      return []
    }
    switch key {
    case .char("q"):
      requestQuit()
      return [.quit]
    case .char("?"), .char("H"):
      showHelp = true
      helpScroll = 0
      return []
    case .tab:
      focus = focus.next
      return []
    case .backTab:
      focus = focus.previous
      return []
    case .char("u"):
      return undo()
    case .ctrl("r"), .char("U"):
      return redo()
    case .char("x"):
      return startExact()
    case .char("b"):
      showBaselines.toggle()
      message = StatusMessage(showBaselines ? "baselines on the loss chart" : "baselines hidden")
      if showBaselines, baselines?.generation != generation {
        return [.baselines(generation: generation, scenario: scenario)]
      }
      return []
    case .escape:
      if exactRunning != nil {
        exactRunning = nil
        message = StatusMessage("exact solve cancelled")
        return [.cancelExact]
      }
      message = nil
      return []
    case .char("w"):
      prompt = Prompt(purpose: .saveAs, label: "save as", text: path ?? suggestedFileName)
      return []
    case .char("o"):
      prompt = Prompt(purpose: .open, label: "open scenario", text: "")
      return []
    case .char("t"):
      let names = themeNames.isEmpty ? ["default"] : themeNames
      let i = names.firstIndex(of: theme.name).map { ($0 + 1) % names.count } ?? 0
      return [.loadTheme(names[i])]
    case .click(let x, let y):
      return handleClick(x: x, y: y)
    default:
      break
    }
    switch focus {
    case .nodes: return handleNodes(key)
    case .settings: return handleSettings(key)
    case .graph: return handleGraph(key)
    case .loss: return []
    case .plan: return handlePlan(key)
    }
  }

  var suggestedFileName: String {
    let base = scenario.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
    return String(base) + ".json"
  }

  mutating func startExact() -> [Effect] {
    if exactRunning != nil {
      message = StatusMessage("exact solve already running (Esc cancels)")
      return []
    }
    if let e = exact, e.generation == generation {
      message = StatusMessage("exact optimum already known")
      return []
    }
    exactRunning = generation
    message = StatusMessage("exact solve running… (Esc cancels)")
    return [.exact(generation: generation, scenario: scenario)]
  }

  // MARK: Panels

  mutating func handleNodes(_ key: Key) -> [Effect] {
    let count = scenario.nodes.count
    switch key {
    case .up, .char("k"): nodeRow = max(0, nodeRow - 1)
    case .down, .char("j"): nodeRow = min(max(0, count - 1), nodeRow + 1)
    case .pageUp: nodeRow = max(0, nodeRow - 10)
    case .pageDown: nodeRow = min(max(0, count - 1), nodeRow + 10)
    case .home: nodeRow = 0
    case .end: nodeRow = max(0, count - 1)
    case .left, .char("h"): nodeField = NodeField(rawValue: max(0, nodeField.rawValue - 1)) ?? nodeField
    case .right, .char("l"):
      nodeField = NodeField(rawValue: min(NodeField.allCases.count - 1, nodeField.rawValue + 1)) ?? nodeField
    case .char("+"), .char("="), .char("-"), .char("_"):
      guard let i = selectedNode else { return [] }
      let up = key == .char("+") || key == .char("=")
      var s = scenario
      s.nodes[i] = nodeField.step(s.nodes[i], up: up, epochs: s.training.epochs)
      return apply(s, "\(s.nodes[i].id).\(nodeField.key) = \(nodeField.format(s.nodes[i], epochs: s.training.epochs))")
    case .enter, .char("e"):
      guard let i = selectedNode else { return [] }
      prompt = Prompt(
        purpose: .node(nodeField), label: "\(scenario.nodes[i].id).\(nodeField.key)",
        text: nodeField == .availability
          ? EpochRanges.format(scenario.nodes[i].availableEpochs, epochs: scenario.training.epochs)
          : rawValue(of: nodeField, scenario.nodes[i]))
    case .char("n"), .char("a"):
      return addNode(copying: nil)
    case .char("d"):
      guard let i = selectedNode else { return [] }
      return addNode(copying: i)
    case .char("r"), .delete:
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

  mutating func handleSettings(_ key: Key) -> [Effect] {
    let count = SettingField.allCases.count
    switch key {
    case .up, .char("k"): settingRow = max(0, settingRow - 1)
    case .down, .char("j"): settingRow = min(count - 1, settingRow + 1)
    case .home: settingRow = 0
    case .end: settingRow = count - 1
    case .char("+"), .char("="), .char("-"), .char("_"), .char("l"), .char("h"), .right, .left:
      let up = key == .char("+") || key == .char("=") || key == .char("l") || key == .right
      let field = selectedSetting
      let s = field.step(scenario, up: up)
      return apply(s, "\(field.key) = \(field.format(s))")
    case .enter, .char("e"):
      let field = selectedSetting
      prompt = Prompt(purpose: .setting(field), label: field.key, text: field.format(scenario))
    default: break
    }
    return []
  }

  mutating func handleGraph(_ key: Key) -> [Effect] {
    switch key {
    case .left, .char("h"): moveGraphLayer(-1)
    case .right, .char("l"): moveGraphLayer(1)
    case .up, .char("k"): moveGraphVertex(-1)
    case .down, .char("j"): moveGraphVertex(1)
    case .pageUp: moveGraphVertex(-10)
    case .pageDown: moveGraphVertex(10)
    case .home: moveGraphLayer(-100_000)
    case .end: moveGraphLayer(100_000)
    case .char("g"), .char("p"): placeGraphCursorOnPath()
    default: break
    }
    return []
  }

  mutating func handlePlan(_ key: Key) -> [Effect] {
    let epochs = outcome?.result.evaluation?.epochs.count ?? 0
    switch key {
    case .up, .char("k"), .scrollUp: planScroll = max(0, planScroll - 1)
    case .down, .char("j"), .scrollDown: planScroll = min(max(0, epochs - 1), planScroll + 1)
    case .pageUp: planScroll = max(0, planScroll - 10)
    case .pageDown: planScroll = min(max(0, epochs - 1), planScroll + 10)
    case .home: planScroll = 0
    case .end: planScroll = max(0, epochs - 1)
    default: break
    }
    return []
  }

  mutating func handleClick(x: Int, y: Int) -> [Effect] {
    let layout = DashboardLayout(width: size.width, height: size.height, focus: focus)
    guard let panel = layout.panel(at: x, y), let rect = layout.panels[panel] else { return [] }
    focus = panel
    switch panel {
    case .nodes:
      let visible = max(1, rect.height - 3)
      let offset = NodesView.scrollOffset(selected: nodeRow, visible: visible)
      let row = y - rect.y - 2 + offset
      if row >= 0, row < scenario.nodes.count { nodeRow = row }
    case .settings:
      let row = y - rect.y - 1
      if row >= 0, row < SettingField.allCases.count { settingRow = row }
    case .graph:
      // The vertex nearest the click in the clicked layer's column.
      guard let graph = outcome?.graph, let geometry = GraphGeometry(graph: graph, inner: rect.inset(1)),
        let k = geometry.layer(atColumn: x, layerCount: graph.layers.count)
      else { return [] }
      var best: Int?
      var bestDistance = Int.max
      for (i, v) in graph.layers[k].enumerated() {
        let (_, vy) = geometry.cell(layer: k, v)
        let d = abs(vy - y)
        if d < bestDistance || (d == bestDistance && graph.chosenPath.indices.contains(k) && graph.chosenPath[k] == i) {
          bestDistance = d
          best = i
        }
      }
      if let best {
        graphLayer = k
        graphVertex = best
      }
    default: break
    }
    return []
  }

  // MARK: Prompt

  mutating func handlePrompt(_ key: Key) -> [Effect] {
    guard var p = prompt else { return [] }
    switch key {
    case .escape, .ctrl("c"), .ctrl("g"):
      prompt = nil
      message = StatusMessage("cancelled")
      return []
    case .backspace:
      if !p.text.isEmpty { p.text.removeLast() }
      prompt = p
      return []
    case .ctrl("u"):
      p.text = ""
      prompt = p
      return []
    case .char(let c):
      if case .confirmOverwrite(let target) = p.purpose {
        prompt = nil
        if c == "y" || c == "Y" { return saveEffects(target) }
        message = StatusMessage("not saved")
        return []
      }
      p.text.append(c)
      prompt = p
      return []
    case .enter:
      prompt = nil
      return submit(p)
    default:
      return []
    }
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
        message = StatusMessage("not saved: no file name")
        return []
      }
      if FileManager.default.fileExists(atPath: text) {
        prompt = Prompt(purpose: .confirmOverwrite(text), label: "\(text) exists; overwrite? (y/n)", text: "")
        return []
      }
      return saveEffects(text)
    case .confirmOverwrite(let target):
      return saveEffects(target)
    case .open:
      guard !text.isEmpty else { return [] }
      message = StatusMessage("opening \(text)…")
      return [.open(path: text)]
    }
  }

  func saveEffects(_ target: String) -> [Effect] {
    [.save(path: target, text: JSONWriter.write(scenario.json()))]
  }
}
