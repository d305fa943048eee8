/*
 * sha256.h — SHA-256 (FIPS 180-4) and a fast 64-bit checksum, used by the
 * compiled-module cache (cache.c) to name entries by content, to detect
 * corrupted ones and (HMAC) to authenticate them.  Private to src/wasm.
 */
#ifndef BX_WASM_SHA256_H
#define BX_WASM_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct bxe_sha256 {
    uint32_t h[8];
    uint64_t total;         /* bytes hashed so far */
    uint8_t buf[64];
    uint32_t nbuf;
} bx_sha256_ctx;

void bxe_sha256_init(bx_sha256_ctx *s);
void bxe_sha256_update(bx_sha256_ctx *s, const void *data, size_t len);
void bxe_sha256_final(bx_sha256_ctx *s, uint8_t out[32]);
void bxe_sha256(const void *data, size_t len, uint8_t out[32]);

/* HMAC-SHA-256 (RFC 2104): any key length (longer than 64 bytes is hashed). */
typedef struct bxe_hmac_sha256 {
    bx_sha256_ctx inner, outer;
} bx_hmac_sha256_ctx;
void bxe_hmac_sha256_init(bx_hmac_sha256_ctx *h, const void *key, size_t klen);
void bxe_hmac_sha256_update(bx_hmac_sha256_ctx *h, const void *data, size_t len);
void bxe_hmac_sha256_final(bx_hmac_sha256_ctx *h, uint8_t out[32]);
void bxe_hmac_sha256(const void *key, size_t klen, const void *data, size_t len, uint8_t out[32]);
/* 1 when equal; constant time in the contents. */
int bxe_ct_equal(const void *a, const void *b, size_t n);

/* A 64-bit checksum in the style of XXH64 (4 lanes of multiply-rotate,
 * then an avalanche).  Not cryptographic: it detects accidental damage
 * (truncation, bit flips, torn writes) at memory speed. */
uint64_t bxe_hash64(const void *data, size_t len, uint64_t seed);

/* Tests set this to non-zero to compare the portable SHA-256 with the
 * x86 SHA-extension path. */
extern int bxe_sha256_portable_only;

#endif
