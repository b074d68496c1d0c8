import Foundation
import Testing

@testable import PACTCore

/// PACT and the exact solver: PACT's plans are feasible under PlanEvaluator, the
/// exact solver equals a brute-force enumeration written here, PACT never beats
/// the exact optimum, and infeasible scenarios come with reasons.
@Suite struct SolverTests {
  /// The least energy of any feasible plan, by enumerating every plan: m ≤ K epochs,
  /// each a non-empty subset of the nodes available at that epoch, levels non-decreasing.
  /// Figures come from ``ReferenceModel`` (not from PACTCore's cost model); nil when none is feasible.
  static func bruteForce(_ s: Scenario) -> (joules: Double, plans: Int)? {
    let N = s.nodes.count
    let J = s.levelCount
    let levels = s.model.pruningLevels
    // Per (subset mask, level): seconds and joules, and the loss map as a closure of the reference.
    var seconds = [[Double]](repeating: [Double](repeating: 0, count: J), count: 1 << N)
    var joules = seconds
    for mask in 1..<(1 << N) {
      let set = (0..<N).filter { mask & (1 << $0) != 0 }
      for j in 0..<J {
        let one = ReferenceModel.evaluate(s, [(set, j)])[0]
        seconds[mask][j] = one.seconds
        joules[mask][j] = one.joules
      }
    }
    var best = Double.infinity
    var plans = 0
    var feasible = false
    // Depth-first over plans; the state after the epochs so far is (loss, level, time, energy).
    func visit(_ epoch: Int, _ loss: Double, _ level: Int, _ time: Double, _ energy: Double) {
      if epoch > 1 {
        plans += 1
        if loss <= s.training.targetLoss, time <= s.training.deadlineSeconds, levels[level] <= s.model.deployRemaining {
          feasible = true
          best = min(best, energy)
        }
      }
      guard epoch <= s.training.epochs else { return }
      let available = s.availableNodes(at: epoch)
      for mask in 1..<(1 << N) {
        let set = (0..<N).filter { mask & (1 << $0) != 0 }
        guard set.allSatisfy({ available.contains($0) }) else { continue }
        for j in level..<J {
          let next = ReferenceModel.step(s, loss: loss, previousLevel: level, set: set, level: j)
          visit(epoch + 1, next.loss, j, time + seconds[mask][j], energy + joules[mask][j])
        }
      }
    }
    visit(1, s.training.initialLoss, 0, 0, 0)
    return feasible ? (best, plans) : nil
  }

  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }

  /// An infeasible evaluation: passed as the exact solver's incumbent, it stops the
  /// solver from running PACT first, so the comparison with brute force tests the exact search alone.
  static func noIncumbent(_ s: Scenario) -> PlanEvaluation { PlanEvaluator(scenario: s).evaluate(Plan(epochs: [])) }

  @Test func exactEqualsBruteForceAndPACTNeverBeatsIt() {
    var rng = SeededGenerator(seed: 31)
    var feasible = 0
    var infeasible = 0
    var pactOptimal = 0
    var plansEnumerated = 0
    for trial in 0..<120 {
      let s = RandomScenarios.make(
        &rng, nodes: 1 + trial % 3, epochs: 1 + (trial / 3) % 3, levels: 2 + trial % 2)
      let brute = SolverTests.bruteForce(s)
      let exact = ExactSolver(scenario: s, timeBudgetSeconds: 30).solve(incumbent: SolverTests.noIncumbent(s))
      let pact = PACTSolver(scenario: s).solve()
      plansEnumerated += brute?.plans ?? 0
      if let brute {
        feasible += 1
        #expect(
          exact.status == .solved, "trial \(trial): brute force finds \(brute.joules) J, exact says \(exact.status)")
        if let e = exact.evaluation {
          #expect(e.isFeasible, "trial \(trial): \(e.violations)")
          #expect(
            SolverTests.close(e.totalJoules, brute.joules),
            "trial \(trial): exact \(e.totalJoules) vs brute \(brute.joules)")
        }
        // PACT never beats the optimum; when it finds nothing it counts as +∞.
        if let p = pact.evaluation, pact.status == .solved {
          #expect(
            p.totalJoules >= brute.joules * (1 - 1e-9),
            "trial \(trial): PACT \(p.totalJoules) < optimum \(brute.joules)")
          if SolverTests.close(p.totalJoules, brute.joules) { pactOptimal += 1 }
        }
        // With PACT as incumbent (the default), the exact solver still returns the optimum.
        let seeded = ExactSolver(scenario: s, timeBudgetSeconds: 30).solve()
        #expect(seeded.evaluation.map { SolverTests.close($0.totalJoules, brute.joules) } == true, "trial \(trial)")
      } else {
        infeasible += 1
        #expect(exact.status == .infeasible, "trial \(trial): brute force finds no plan, exact says \(exact.status)")
        #expect(pact.status == .infeasible, "trial \(trial): brute force finds no plan, PACT says \(pact.status)")
        #expect(!exact.infeasibility.isEmpty && !pact.infeasibility.isEmpty, "trial \(trial): no reason given")
      }
    }
    // Both kinds must occur, or the test proves little.
    #expect(feasible >= 20, "feasible \(feasible)")
    #expect(infeasible >= 20, "infeasible \(infeasible)")
    #expect(pactOptimal * 2 >= feasible, "PACT optimal on only \(pactOptimal) of \(feasible)")
    print(
      "solver tests: \(feasible) feasible, \(infeasible) infeasible tiny scenarios, \(plansEnumerated) plans enumerated; PACT optimal on \(pactOptimal)"
    )
  }

  @Test func pactPlansAreFeasibleAndExactlyEvaluated() {
    var rng = SeededGenerator(seed: 77)
    var solved = 0
    for trial in 0..<60 {
      let s = RandomScenarios.make(&rng, nodes: 2 + trial % 6, epochs: 2 + trial % 9, levels: 1 + trial % 4)
      let result = PACTSolver(scenario: s).solve()
      switch result.status {
      case .solved:
        guard let e = result.evaluation else {
          Issue.record("trial \(trial): solved without a plan")
          continue
        }
        solved += 1
        let again = PlanEvaluator(scenario: s).evaluate(e.plan)
        #expect(again.isFeasible, "trial \(trial): \(again.violations)")
        #expect(again == e, "trial \(trial): the attached figures differ from PlanEvaluator's")
        // And from the independent reference.
        let reference = ReferenceModel.evaluate(s, e.plan.epochs.map { ($0.nodes, $0.level) })
        #expect(SolverTests.close(reference.map(\.joules).reduce(0, +), e.totalJoules), "trial \(trial)")
        #expect(SolverTests.close(reference.last?.loss ?? .nan, e.finalLoss), "trial \(trial)")
      case .infeasible:
        #expect(!result.infeasibility.isEmpty, "trial \(trial): infeasible without a reason")
      default:
        Issue.record("trial \(trial): unexpected status \(result.status)")
      }
    }
    #expect(solved >= 15, "only \(solved) of 60 solved")
  }

  @Test func infeasibleForEachReasonSaysWhy() throws {
    // Target below the floor of every deployable level.
    var floorCase = TinyScenario.scenario()
    floorCase.training.targetLoss = 0.2
    // Deadline shorter than any epoch.
    var deadlineCase = TinyScenario.scenario()
    deadlineCase.training.deadlineSeconds = 0.01
    // No node is available at epoch 1, so no plan can start.
    var gapCase = TinyScenario.scenario()
    for i in gapCase.nodes.indices { gapCase.nodes[i].availableEpochs = [EpochWindow(2, 6)] }
    // Too few epochs to reach the target.
    var epochsCase = TinyScenario.scenario()
    epochsCase.training.epochs = 1
    epochsCase.nodes[0].availableEpochs = nil
    epochsCase.training.targetLoss = 0.5
    for (name, s) in [("floor", floorCase), ("deadline", deadlineCase), ("gap", gapCase), ("epochs", epochsCase)] {
      #expect(s.validate().isEmpty, "\(name): \(s.validate())")
      if s.training.epochs <= 3 { #expect(SolverTests.bruteForce(s) == nil, "\(name) should be infeasible") }
      let pact = PACTSolver(scenario: s).solve()
      let exact = ExactSolver(scenario: s).solve()
      #expect(pact.status == .infeasible, "\(name): \(pact.status)")
      #expect(exact.status == .infeasible, "\(name): \(exact.status)")
      #expect(!pact.infeasibility.isEmpty, "\(name): PACT gives no reason")
      #expect(!exact.infeasibility.isEmpty, "\(name): exact gives no reason")
    }
    let floorReasons = PACTSolver(scenario: floorCase).solve().infeasibility.map(\.description).joined(separator: " ")
    #expect(floorReasons.contains("floor"), "\(floorReasons)")
    let gapReasons = PACTSolver(scenario: gapCase).solve().infeasibility.map(\.description).joined(separator: " ")
    #expect(gapReasons.contains("epoch 1") || gapReasons.contains("available"), "\(gapReasons)")
  }

  /// The claims of sample-scenarios/README.md: which samples are feasible, that their plans
  /// use more than one node, that target and deadline bind, and why the infeasible one is.
  @Test func sampleScenariosSolveAsDocumented() throws {
    // (The teaching scenarios are about one knob each: TeachingScenarioTests.)
    for name in SampleFixtures.names where name != "digits-fedavg.json" && !name.hasPrefix("teach-") {
      let s = try Scenario.parse(SampleFixtures.bytes(name), source: name).scenario
      if name.hasPrefix("infeasible") {
        // Proving infeasibility explores the whole graph: small knobs keep it fast in debug builds.
        let result = PACTSolver(scenario: s, knobs: SolverKnobs(lossBins: 8, timeBins: 4, maxSetSize: 3, timeCaps: 2))
          .solve()
        #expect(result.status == .infeasible, "\(name): \(result.status)")
        #expect(
          result.infeasibility.map(\.description).joined().contains("loss floor"), "\(name): \(result.infeasibility)")
        continue
      }
      let result = PACTSolver(scenario: s).solve()
      guard result.status == .solved, let e = result.evaluation else {
        Issue.record("\(name): \(result.status) \(result.infeasibility)")
        continue
      }
      #expect(e.isFeasible)
      #expect(Set(e.plan.epochs.flatMap(\.nodes)).count >= 2, "\(name): everything at one node")
      #expect(e.totalSeconds >= 0.9 * s.training.deadlineSeconds, "\(name): deadline not binding (\(e.totalSeconds) s)")
      #expect(e.finalLoss >= s.training.targetLoss - 0.05, "\(name): target not binding (\(e.finalLoss))")
    }
  }

  /// The passes' own backward table is left out when the work would make it coarser than
  /// ``PACTSolver/leastPassBuckets`` (city-phones-200: room for 16 buckets), while a solve
  /// that asks for so coarse a table (the dashboard's draft: 16) still gets it.
  @Test func coarsePassTablesAreLeftOutUnlessAskedFor() throws {
    let s = try Scenario.parse(SampleFixtures.bytes("city-phones-200.json")).scenario
    let full = PACTSolver(scenario: s).setup(cancel: nil, sharing: nil)
    #expect(full?.statistics.boundBuckets == 0, "\(String(describing: full?.statistics.boundBuckets))")
    #expect(full?.remaining.costToGo.transitionsPerBucket ?? 0 > 0)
    var draft = PACTSolver(scenario: s)
    draft.boundBuckets = 16
    #expect(draft.setup(cancel: nil, sharing: nil)?.statistics.boundBuckets == 16)
  }

  @Test func tightDeadlineSampleMustPruneEarly() throws {
    let s = try Scenario.parse(SampleFixtures.bytes("tight-deadline-prune-early.json")).scenario
    let tight = PACTSolver(scenario: s).solve()
    #expect(tight.plan?.epochs.first?.level ?? 0 > 0, "the tight plan must prune in epoch 1")
    var loose = s
    loose.training.deadlineSeconds = 80
    let relaxed = PACTSolver(scenario: loose).solve()
    #expect(relaxed.plan?.epochs.allSatisfy { $0.level == 0 } == true, "without the tight deadline no pruning pays")
    #expect((relaxed.joules ?? .infinity) < (tight.joules ?? 0))
  }
}
