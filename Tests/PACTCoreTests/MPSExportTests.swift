import PACTCore
import Testing

@Suite struct MPSExportTests {
  /// A small scenario solved at coarse knobs, so the graph is small.
  func solved() throws -> (Scenario, SolveResult, TimeExpandedGraph) {
    var scenario = BaselineTestScenarios.small(epochs: 10)
    scenario.solver = SolverKnobs(lossBins: 12, timeBins: 8)
    let result = PACTSolver(scenario: scenario).solve()
    let graph = try #require(result.graph)
    return (scenario, result, graph)
  }

  /// The sections of a free MPS file and the rows/columns it declares.
  struct Parsed {
    var sections: [String] = []
    var rows: [String: String] = [:]
    var columns: Set<String> = []
    var columnRowsValid = true
    var binaries: Set<String> = []
    var rhs: [String: Double] = [:]
  }

  func parse(_ text: String) -> Parsed {
    var p = Parsed()
    var section = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("*") || line.isEmpty { continue }
      let fields = line.split(separator: " ").map(String.init)
      if !line.hasPrefix(" ") {
        section = fields[0]
        p.sections.append(section)
        continue
      }
      switch section {
      case "ROWS": p.rows[fields[1]] = fields[0]
      case "COLUMNS":
        if fields.contains("'MARKER'") { continue }
        p.columns.insert(fields[0])
        var i = 1
        while i + 1 < fields.count {
          if p.rows[fields[i]] == nil || Double(fields[i + 1]) == nil { p.columnRowsValid = false }
          i += 2
        }
      case "RHS":
        var i = 1
        while i + 1 < fields.count {
          p.rhs[fields[i]] = Double(fields[i + 1])
          i += 2
        }
      case "BOUNDS": if fields[0] == "BV" { p.binaries.insert(fields[2]) }
      default: break
      }
    }
    return p
  }

  @Test func fileStructureMatchesTheGraph() throws {
    let (scenario, _, graph) = try solved()
    let model = MPSExport(graph: graph, scenario: scenario)
    let parsed = parse(model.mps())
    #expect(parsed.sections == ["NAME", "ROWS", "COLUMNS", "RHS", "BOUNDS", "ENDATA"])
    #expect(parsed.rows.count == model.rowCount)
    #expect(model.rowCount == 1 + graph.vertexCount + 2)
    #expect(parsed.columns.count == model.columnCount)
    #expect(model.columnCount == model.edges.count + model.terminals.count)
    #expect(parsed.columnRowsValid)
    #expect(parsed.binaries == parsed.columns)
    #expect(parsed.rows["ENERGY"] == "N")
    #expect(parsed.rows["DEADLINE"] == "L")
    #expect(parsed.rhs["R0"] == 1)
    #expect(parsed.rhs["SINK"] == 1)
    #expect(parsed.rhs["DEADLINE"] == scenario.training.deadlineSeconds)
  }

  @Test func reExpansionContainsEveryKeptParentEdge() throws {
    let (scenario, _, graph) = try solved()
    let model = MPSExport(graph: graph, scenario: scenario, edges: .consistent)
    let edges = Set(model.edges.map { "\($0.epoch):\($0.from)>\($0.to)#\($0.decision)" })
    for k in 1..<graph.layers.count {
      for (v, vertex) in graph.layers[k].enumerated() {
        #expect(edges.contains("\(k):\(vertex.parent)>\(v)#\(vertex.decision)"))
      }
    }
  }

  /// The least energy from the start to a terminal over the exported edges (deadline row aside).
  func shortestPath(_ model: MPSExport, _ graph: TimeExpandedGraph) -> Double {
    var distance = graph.layers.map { [Double](repeating: .infinity, count: $0.count) }
    distance[0][0] = 0
    for e in model.edges.sorted(by: { $0.epoch < $1.epoch }) {
      distance[e.epoch][e.to] = min(distance[e.epoch][e.to], distance[e.epoch - 1][e.from] + e.joules)
    }
    return model.terminals.map { distance[$0.layer][$0.vertex] }.min() ?? .infinity
  }

  /// With consistent edges the shortest path is PACT's energy; with all edges it is no more.
  @Test func shortestPathOverExportedEdgesIsPACTsEnergy() throws {
    let (scenario, result, graph) = try solved()
    let pact = try #require(result.evaluation)
    let consistent = MPSExport(graph: graph, scenario: scenario, edges: .consistent)
    #expect(abs(shortestPath(consistent, graph) - pact.totalJoules) <= 1e-9 * pact.totalJoules)
    let all = MPSExport(graph: graph, scenario: scenario, edges: .all)
    #expect(all.edges.count >= consistent.edges.count)
    #expect(shortestPath(all, graph) <= pact.totalJoules * (1 + 1e-9))
  }

  @Test func chosenColumnsDecodeToThePlan() throws {
    let (scenario, result, graph) = try solved()
    let model = MPSExport(graph: graph, scenario: scenario, edges: .consistent)
    var columns: [String] = []
    for edge in graph.chosenEdges {
      let d = graph.layers[edge.epoch][edge.to].decision
      let i = try #require(
        model.edges.firstIndex {
          $0.epoch == edge.epoch && $0.from == edge.from && $0.to == edge.to && $0.decision == Int(d)
        })
      columns.append("X\(i)")
    }
    #expect(model.plan(columns: columns.reversed(), graph: graph) == result.plan)
    #expect(model.plan(columns: Array(columns.dropFirst()), graph: graph) == nil)
  }
}
