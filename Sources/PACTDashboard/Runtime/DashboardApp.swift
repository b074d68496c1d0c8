import Foundation
import PACTCore

/// The dashboard's main loop: reads keys, updates the ``AppState``, runs its
/// effects (solves off the input thread, files, themes), and draws frames.
public final class DashboardApp {
  public private(set) var state: AppState
  private let terminal: Terminal
  private let backend: any TerminalBackend
  private let worker: SolveWorker
  private let catalog: ThemeCatalog
  private let trace: LatencyTrace
  private let forceMonochrome: Bool

  /// - Parameters:
  ///   - themeName: a theme name or file; nil for `default` (monochrome under NO_COLOR).
  public init(
    scenario: Scenario, path: String?, themeName: String?, backend: any TerminalBackend,
    solvers: Solvers = .standard, catalog: ThemeCatalog = ThemeCatalog(),
    tracePath: String? = ProcessInfo.processInfo.environment["PACT_TRACE_LATENCY"],
    extraSeries: [ChartSeries] = []
  ) {
    self.backend = backend
    self.catalog = catalog
    terminal = Terminal(backend: backend)
    worker = SolveWorker(solvers: solvers, wake: backend.wake)
    trace = LatencyTrace(path: tracePath)
    forceMonochrome = backend.colorDepth == .none
    state = AppState(scenario: scenario, path: path, themeNames: catalog.names)
    state.fileExists = { FileManager.default.fileExists(atPath: $0) }
    state.extraSeries = extraSeries
    let name = forceMonochrome ? "monochrome" : (themeName ?? "default")
    do {
      let (theme, issues) = try catalog.open(name)
      state.setTheme(theme, issues: issues, lowColor: backend.colorDepth != .palette256)
      if issues.isEmpty { state.message = nil }
    } catch {
      state.message = StatusMessage("\(error.message); using default", .error)
    }
    let s = backend.size
    state.size = (s.width, s.height)
    state.recording = backend is CastRecorder
    if let path { offerRecovery(beside: path) }
  }

  /// Offers a recovery file newer than `path`, or says why one cannot be read.
  private func offerRecovery(beside path: String) {
    let (offer, note) = RecoveryFiles.find(beside: path)
    if let offer {
      state.offer(offer)
    } else if let note {
      state.message = StatusMessage(note, .error)
    }
  }

  /// Runs until the user quits or a termination signal arrives; restores the terminal.
  /// - Parameter maxIterations: a bound for tests.
  /// - Returns: false when a termination signal (SIGTERM, SIGINT, SIGHUP) ended it.
  @discardableResult
  public func run(maxIterations: Int = .max) -> Bool {
    perform(state.start(), keyTime: LatencyTrace.now())
    var iterations = 0
    while !state.quitRequested && !backend.terminationRequested && iterations < maxIterations {
      iterations += 1
      render()
      let busy =
        state.solving != nil || state.exactRunning != nil || state.tradeoff.running != nil
        || (state.knobs.sweep.map { !$0.isDone } ?? (state.view == .knobs))
      backend.wait(milliseconds: busy ? 200 : 2000)
      while let key = backend.readKey() {
        let t = LatencyTrace.now()
        if key == .ctrl("l") {
          terminal.invalidate()
          continue
        }
        perform(state.handle(key), keyTime: t)
        if state.quitRequested { break }
      }
      for event in worker.drain() {
        switch event {
        case .plan(let outcome): state.receive(outcome)
        case .exact(let outcome): state.receiveExact(outcome)
        case .baselines(let generation, let results): state.receiveBaselines(generation: generation, results)
        case .certainty(let generation, let points): state.receiveCertainty(generation: generation, points)
        case .frontier(let generation, let f): state.receiveFrontier(generation: generation, f)
        case .sweepPoint(let generation, let knob, let point, let total):
          state.receiveSweepPoint(generation: generation, knob: knob, point, total: total)
        }
      }
    }
    let signalled = backend.terminationRequested && !state.quitRequested
    worker.cancelAll()
    backend.shutdown()
    if signalled { writeRecoveryFile() }
    return !signalled
  }

  /// What happened to unsaved edits when a signal ended the dashboard (for the command
  /// to print once the terminal is restored); nil when there were none.
  public private(set) var recoveryNote: String?

  /// A signal ends the dashboard at once; unsaved edits go to a recovery file beside
  /// the scenario's file (``AppState/recoveryPath(exists:)``), never over it.
  func writeRecoveryFile() {
    guard state.dirty else { return }
    let path = state.recoveryPath { FileManager.default.fileExists(atPath: $0) }
    do {
      try AtomicFile.write(state.document.saveText(for: path), to: path, keepBackup: false)
      recoveryNote = "unsaved edits written to \(path)\(state.path.map { " (\($0) is unchanged)" } ?? "")"
    } catch {
      recoveryNote = "unsaved edits could not be written: \(error)"
    }
  }

  /// Draws the current state and reports a shown plan to the latency trace.
  public func render() {
    let s = backend.size
    if s.width != state.size.width || s.height != state.size.height { state.size = (s.width, s.height) }
    terminal.draw(DashboardView.render(state))
    if let o = state.outcome, o.isDraft || state.solving == nil {
      trace.shown(generation: o.generation, draft: o.isDraft, solveSeconds: o.result.solveSeconds)
    }
  }

  func perform(_ effects: [Effect], keyTime: UInt64) {
    for effect in effects {
      switch effect {
      case .solve(let generation, let scenario):
        trace.began(generation: generation, at: keyTime)
        worker.submit(generation: generation, scenario: scenario)
      case .exact(let generation, let scenario):
        worker.submitExact(generation: generation, scenario: scenario)
      case .cancelExact:
        worker.cancelExact()
      case .baselines(let generation, let scenario):
        worker.submitBaselines(generation: generation, scenario: scenario)
      case .save(let path, let text):
        let outcome: String?
        do {
          try AtomicFile.write(text, to: path)
          outcome = nil
        } catch {
          outcome = error.reason
        }
        perform(state.didSave(path: path, text: text, error: outcome), keyTime: keyTime)
      case .open(let path):
        let result: Result<Scenario, InputError>
        do { result = .success(try Scenario.load(path: path).scenario) } catch { result = .failure(error) }
        perform(state.didOpen(path: path, result: result), keyTime: keyTime)
        if case .success = result { offerRecovery(beside: path) }
      case .loadTheme(let name):
        if forceMonochrome {
          state.message = StatusMessage("this terminal shows no colour: monochrome theme only")
        } else {
          do {
            let (theme, issues) = try catalog.open(name)
            state.setTheme(theme, issues: issues, lowColor: backend.colorDepth != .palette256)
          } catch {
            state.message = StatusMessage(error.message, .error)
          }
        }
      case .frontier(let generation, let scenario, let parameter):
        worker.submitFrontier(generation: generation, scenario: scenario, parameter: parameter)
      case .knobSweep(let generation, let scenario, let knob):
        worker.submitSweep(generation: generation, scenario: scenario, knob: knob)
      case .cancelViews:
        worker.cancelViews()
      case .saveScreen(let path):
        let svg = ScreenSVG.render(DashboardView.render(state), theme: state.theme)
        do {
          try AtomicFile.write(svg, to: path, keepBackup: false)
          state.didSaveScreen(path: path, error: nil)
        } catch {
          state.didSaveScreen(path: path, error: error.reason)
        }
      case .castMarker(let label):
        if let recorder = backend as? CastRecorder { state.didMark(recorder.mark(label)) }
      case .deleteFile(let path):
        do {
          try FileManager.default.removeItem(atPath: path)
          state.didDelete(path: path, error: nil)
        } catch {
          state.didDelete(path: path, error: (error as NSError).localizedDescription)
        }
      case .quit:
        break
      }
    }
  }
}
