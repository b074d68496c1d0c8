import Foundation
import Synchronization
import Testing

@testable import PACTCore

/// Saves never lose data: the previous version survives as `NAME~`, failures leave
/// the existing file intact, and no temporary file is ever left behind.
@Suite struct AtomicFileTests {
  /// A fresh temporary folder, removed by the caller.
  static func folder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pact-atomic-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Temporary files AtomicFile left in `dir` (they start with "." and hold ".tmp-").
  static func leftovers(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.contains(".tmp-") }
  }

  @Test func writesANewFileWithoutBackup() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/plan.json"
    try AtomicFile.write("first", to: path)
    #expect(Self.read(path) == "first")
    #expect(!FileManager.default.fileExists(atPath: path + "~"))
    #expect(Self.leftovers(dir).isEmpty)
  }

  @Test func overwriteKeepsThePreviousContentAsBackup() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/scenario.json"
    try AtomicFile.write("one", to: path)
    try AtomicFile.write("two", to: path)
    #expect(Self.read(path) == "two")
    #expect(Self.read(path + "~") == "one")
    try AtomicFile.write("three", to: path)
    #expect(Self.read(path) == "three")
    #expect(Self.read(path + "~") == "two", "the backup is the version just replaced")
    #expect(Self.leftovers(dir).isEmpty)
    // The backup is a separate file: rewriting the target does not change it.
    try AtomicFile.write("four", to: path, keepBackup: false)
    #expect(Self.read(path + "~") == "two")
  }

  @Test func unicodeAndEmptyTextRoundTrip() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/ünïcode ✓.json"
    let text = "{\"name\": \"cœur — 心\", \"n\": 1e-300}\n"
    try AtomicFile.write(text, to: path)
    #expect(Self.read(path) == text)
    try AtomicFile.write("", to: path)
    #expect(Self.read(path) == "")
    #expect(Self.read(path + "~") == text)
  }

  /// A read-only folder: the write fails with a clear error and the old file stays.
  /// Root writes through folder permissions, so the test only runs where they bind.
  @Test(.enabled(if: getuid() != 0, "root writes into read-only folders"))
  func readOnlyDirectoryKeepsTheExistingFile() throws {
    let dir = try Self.folder()
    defer {
      chmod(dir, 0o755)
      try? FileManager.default.removeItem(atPath: dir)
    }
    let path = dir + "/scenario.json"
    try AtomicFile.write("precious", to: path)
    chmod(dir, 0o555)
    try failsAndLeavesTheFile(path: path, existing: "precious", dir: dir)
  }

  /// Between any two file-system steps of a save (where SIGKILL could fall), the target
  /// is a whole version and `NAME~`, once it exists, is a whole earlier version.
  @Test func everyStepOfASaveLeavesTheTargetAndTheBackupWhole() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/scenario.json"
    try AtomicFile.write("v0", to: path)
    for version in 1...4 {
      let before = Self.read(path)
      let hadBackup = FileManager.default.fileExists(atPath: path + "~")
      let seen = Mutex<[AtomicFile.Step]>([])
      let problems = Mutex<[String]>([])
      try AtomicFile.$stepObserver.withValue({ step in
        seen.withLock { $0.append(step) }
        let target = Self.read(path)
        if target != before && target != "v\(version)" {
          problems.withLock { $0.append("\(step): target is \(target ?? "missing")") }
        }
        if hadBackup || version > 1, Self.read(path + "~") == nil {
          problems.withLock { $0.append("\(step): \(path)~ is missing") }
        }
      }) {
        try AtomicFile.write("v\(version)", to: path)
      }
      #expect(problems.withLock { $0 }.isEmpty, "\(problems.withLock { $0 })")
      #expect(seen.withLock { $0 } == [.temporaryWritten, .backupStaged, .backupReplaced, .targetReplaced])
      #expect(Self.read(path + "~") == before)
      #expect(Self.leftovers(dir).isEmpty)
    }
  }

  /// Temporary files of pact's naming left by a killed save are removed by the next
  /// save; those of a process still running (pid 1) are left alone.
  @Test func staleTemporaryFilesAreCleanedOnTheNextSave() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/scenario.json"
    try AtomicFile.write("one", to: path)
    // A pid that is not running: the largest pid the kernel hands out, plus one.
    let deadPID = 4_194_305
    let stale = [".scenario.json.tmp-\(deadPID)-17", ".scenario.json~.tmp-\(deadPID)-18"]
    let alive = ".scenario.json.tmp-1-19"
    let unrelated = [".other.json.tmp-\(deadPID)-20", ".scenario.json.tmp-notapid"]
    for name in stale + [alive] + unrelated {
      try "partial".write(toFile: dir + "/" + name, atomically: false, encoding: .utf8)
    }
    try AtomicFile.write("two", to: path)
    for name in stale { #expect(!FileManager.default.fileExists(atPath: dir + "/" + name), "\(name) left") }
    for name in [alive] + unrelated {
      #expect(FileManager.default.fileExists(atPath: dir + "/" + name), "\(name) removed")
    }
    #expect(Self.read(path) == "two" && Self.read(path + "~") == "one")
  }

  /// A path under a folder that does not exist: a clear error, nothing created.
  @Test func missingDirectoryThrowsAClearError() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try failsAndLeavesTheFile(path: dir + "/no/such/folder/plan.json", existing: nil, dir: dir)
    #expect(!FileManager.default.fileExists(atPath: dir + "/no"))
  }

  /// A regular file where a folder is expected (fails even for root): the file stays intact.
  @Test func fileWhereAFolderIsExpectedKeepsTheFile() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let blocker = dir + "/scenario.json"
    try AtomicFile.write("precious", to: blocker)
    try failsAndLeavesTheFile(path: blocker + "/plan.json", existing: nil, dir: dir)
    #expect(Self.read(blocker) == "precious")
    #expect(!FileManager.default.fileExists(atPath: blocker + "~"))
  }

  /// A folder where the file should go (rename cannot replace it): error, folder intact, no temp file.
  @Test func directoryAtTheTargetPathFailsCleanly() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let target = dir + "/out.json"
    try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
    try AtomicFile.write("inside", to: target + "/keep.txt")
    try failsAndLeavesTheFile(path: target, existing: nil, dir: dir)
    #expect(Self.read(target + "/keep.txt") == "inside")
    #expect(!FileManager.default.fileExists(atPath: target + "~"), "no backup copy of the folder")
    var caught: AtomicFile.WriteError?
    do { try AtomicFile.write("text", to: target) } catch { caught = error }
    #expect(caught?.reason == "is a folder")
  }

  /// A private file stays private when it is replaced.
  @Test func overwriteKeepsPermissions() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/private.json"
    try AtomicFile.write("one", to: path)
    chmod(path, 0o600)
    try AtomicFile.write("two", to: path)
    let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    #expect(mode == 0o600, "mode \(String(mode, radix: 8)) after overwrite")
    #expect(Self.read(path) == "two")
  }

  /// Writing through a symbolic link replaces the file it points to and keeps the link.
  @Test func symbolicLinkIsFollowed() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: false)
    let real = dir + "/real/scenario.json"
    let link = dir + "/scenario.json"
    try AtomicFile.write("one", to: real)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/scenario.json")
    try AtomicFile.write("two", to: link)
    #expect(Self.read(real) == "two")
    #expect(Self.read(real + "~") == "one")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/scenario.json")
    #expect(Self.leftovers(dir).isEmpty && Self.leftovers(dir + "/real").isEmpty)
    // A dangling link: the file is created where the link points.
    let dangling = dir + "/new.json"
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "real/new.json")
    try AtomicFile.write("fresh", to: dangling)
    #expect(Self.read(dir + "/real/new.json") == "fresh")
  }

  /// Writing to `path` throws an error naming the path with a reason; `existing` (when
  /// given) is still the content at `path`; `dir` holds no temporary file.
  func failsAndLeavesTheFile(path: String, existing: String?, dir: String) throws {
    var caught: AtomicFile.WriteError?
    do { try AtomicFile.write("new content", to: path) } catch { caught = error }
    let error = try #require(caught, "writing \(path) should fail")
    #expect(error.path == path)
    #expect(!error.reason.isEmpty)
    #expect(error.description.contains(path) && error.description.contains("cannot be written"))
    if let existing { #expect(Self.read(path) == existing) }
    #expect(Self.leftovers(dir).isEmpty, "left behind: \(Self.leftovers(dir))")
  }
}
