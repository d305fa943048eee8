/*
 * stamp.h — authenticated stamps of verified files (cache_stamp.c): what
 * lets a cache load skip re-reading and re-hashing a file that was verified
 * before and has not changed since.  Private to src/wasm and src/aot.
 */
#ifndef BX_WASM_STAMP_H
#define BX_WASM_STAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* What identifies one state of one file: fstat of an open fd. */
typedef struct bxe_stamp {
    uint64_t dev, ino, size;
    int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
} bxe_stamp;

#define BXE_STAMP_REC 168u     /* bytes of a stamp record on disk */

void bxe_stamp_of(const struct stat *st, bxe_stamp *s);
bool bxe_stamp_eq(const bxe_stamp *a, const bxe_stamp *b);
/* True when st may be stamped: its ctime is at least BXE_STAMP_AGE_S
 * before now (see cache_stamp.c: a later change cannot reproduce it). */
bool bxe_stamp_settled(const struct stat *st);

/* The record at path, for tag (8 bytes) and name (32): 1 when it is
 * authentic under mk and equal to *want (then val is filled), else 0. */
int bxe_stamp_check(const char *path, const uint8_t mk[32], const char tag[8], const uint8_t name[32],
                    const bxe_stamp *want, uint8_t val[32]);
/* Writes the record (temporary file, rename); false if it could not. */
bool bxe_stamp_write(const char *path, const uint8_t mk[32], const char tag[8], const uint8_t name[32],
                     const bxe_stamp *s, const uint8_t val[32]);
/* $BOXAGNTS_CACHE_STAMPS=0 turns stamps off (every load verifies in full);
 * $BOXAGNTS_CACHE_TRACE set: each stamp hit and miss is told on stderr. */
bool bxe_stamps_on(void);
void bxe_stamp_trace(const char *what, const char *path, int hit);

#endif
