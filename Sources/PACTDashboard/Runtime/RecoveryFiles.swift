import Foundation
import PACTCore

/// Finds the recovery files a signal left beside a scenario file
/// (``AppState/recoveryPath(exists:)`` names them): blocking file work, so it lives in
/// the runtime, not in the state.
enum RecoveryFiles {
  /// The newest readable recovery file beside `path` that is newer than `path`, and a
  /// note for one that exists but cannot be read (never ignored silently).
  static func find(beside path: String) -> (offer: RecoveryOffer?, note: String?) {
    let fm = FileManager.default
    let base = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
    func modified(_ p: String) -> Date? { (try? fm.attributesOfItem(atPath: p))?[.modificationDate] as? Date }
    let fileDate = modified(path) ?? .distantPast
    var candidates = [base + ".recovered.json"] + (2...20).map { base + ".recovered-\($0).json" }
    candidates = candidates.filter { fm.fileExists(atPath: $0) && (modified($0) ?? .distantPast) > fileDate }
    candidates.sort { (modified($0) ?? .distantPast) > (modified($1) ?? .distantPast) }
    var note: String?
    for candidate in candidates {
      do {
        let recovered = try Scenario.load(path: candidate).scenario
        return (RecoveryOffer(path: candidate, file: path, recovered: recovered), nil)
      } catch {
        note =
          note
          ?? "\(candidate) is newer than \(path) but cannot be read: \(error.errors.first.map { "\($0)" } ?? "\(error)")"
      }
    }
    return (nil, note)
  }
}
