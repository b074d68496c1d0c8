import Foundation

/// Writes files so that a crash, a full disk or a read-only folder never leaves
/// a half-written file: the text goes to a temporary file beside the target,
/// is flushed, and then renamed over it. The previous version, when there is
/// one, is kept as `NAME~`.
public enum AtomicFile {
  public struct WriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot be written: \(reason)" }
  }

  /// Writes `text` to `path` atomically.
  /// - Parameter keepBackup: when the file exists, keep its previous content as `path~`.
  public static func write(_ text: String, to path: String, keepBackup: Bool = true) throws(WriteError) {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let bytes = Array(text.utf8)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBufferPointer { buffer in
        Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        let reason = String(cString: strerror(errno))
        close(fd)
        unlink(temporary)
        throw WriteError(path: path, reason: reason)
      }
      written += n
    }
    if fsync(fd) != 0 {
      let reason = String(cString: strerror(errno))
      close(fd)
      unlink(temporary)
      throw WriteError(path: path, reason: reason)
    }
    close(fd)
    if keepBackup, FileManager.default.fileExists(atPath: path) {
      let backup = path + "~"
      unlink(backup)
      if link(path, backup) != 0 {
        // A filesystem without hard links: copy instead; the target is still replaced atomically below.
        _ = try? FileManager.default.copyItem(atPath: path, toPath: backup)
      }
    }
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw WriteError(path: path, reason: reason)
    }
  }
}
