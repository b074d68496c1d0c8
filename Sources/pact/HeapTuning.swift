import CMalloc

/// Keeps the memory a solve frees in the process for the next layer, pass and solve to
/// reuse, instead of handing it back to the system and faulting it in again.
///
/// A solve allocates and frees large arrays layer by layer (each layer's successors, up to
/// tens of megabytes). glibc maps blocks above its threshold (128 KiB, raised as such blocks
/// are freed, to at most 32 MiB) one by one and trims the heap's free top above twice that,
/// so a hard 14 × 20 × 6 solve (seed 93) took about 290,000 page faults and 0.6–0.7 s of
/// kernel time zeroing pages; with blocks up to 256 MiB from the heap and the heap trimmed
/// only above 1 GiB free, about 105,000 and 0.21–0.25 s, for a peak resident size of 385
/// instead of 270 MiB.
enum HeapTuning {
  static func apply() {
    _ = pact_keep_freed_memory(256 << 20, 1 << 30)
  }
}
