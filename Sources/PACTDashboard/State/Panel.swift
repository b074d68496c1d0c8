/// The dashboard's panels, in Tab order.
public enum Panel: Int, CaseIterable, Sendable {
  case nodes, settings, graph, loss, plan

  public var title: String {
    switch self {
    case .nodes: return "Nodes"
    case .settings: return "Goal & knobs"
    case .graph: return "Time-expanded graph"
    case .loss: return "Loss"
    case .plan: return "Plan"
    }
  }

  public var next: Panel { Panel(rawValue: (rawValue + 1) % Panel.allCases.count) ?? .nodes }
  public var previous: Panel {
    Panel(rawValue: (rawValue + Panel.allCases.count - 1) % Panel.allCases.count) ?? .nodes
  }
}
