#ifndef PACT_CMALLOC_SHIM_H
#define PACT_CMALLOC_SHIM_H
#include <malloc.h>

/* glibc's allocator thresholds (their names are macros): blocks up to `map_above` bytes
   come from the heap, whose free top is given back to the system only above `trim_above`.
   Returns 1 when both were set. */
static inline int pact_keep_freed_memory(int map_above, int trim_above) {
  return mallopt(M_MMAP_THRESHOLD, map_above) == 1 && mallopt(M_TRIM_THRESHOLD, trim_above) == 1;
}
#endif
