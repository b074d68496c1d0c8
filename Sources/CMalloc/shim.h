#ifndef PACT_CMALLOC_SHIM_H
#define PACT_CMALLOC_SHIM_H

#if defined(__has_include)
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
#endif

/* glibc's allocator thresholds (their names are macros): blocks up to `map_above` bytes
   come from the heap, whose free top is given back to the system only above `trim_above`.
   Returns 1 when both were set, 0 where the C library has no such thresholds. */
static inline int pact_keep_freed_memory(int map_above, int trim_above) {
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
  return mallopt(M_MMAP_THRESHOLD, map_above) == 1 && mallopt(M_TRIM_THRESHOLD, trim_above) == 1;
#else
  (void)map_above;
  (void)trim_above;
  return 0;
#endif
}
#endif
