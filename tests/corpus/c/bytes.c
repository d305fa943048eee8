/* Byte twiddling: CRC-32, base64, bit counts, byte swaps, unaligned memcpy. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
static uint32_t crc32(const uint8_t *p, size_t n) { uint32_t c = 0xffffffffu; while (n--) { c ^= *p++; for (int k = 0; k < 8; k++) c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1; } return ~c; }
static void b64(const uint8_t *in, size_t n, char *out) { static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0; for (size_t i = 0; i < n; i += 3) { uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
        out[o++] = t[v >> 18]; out[o++] = t[(v >> 12) & 63]; out[o++] = i + 1 < n ? t[(v >> 6) & 63] : '='; out[o++] = i + 2 < n ? t[v & 63] : '='; } out[o] = 0; }
int main(void) {
    const char *s = "The quick brown fox jumps over the lazy dog";
    printf("crc %08x\n", (unsigned)crc32((const uint8_t *)s, strlen(s)));
    char out[128]; for (size_t n = 0; n <= 5; n++) { b64((const uint8_t *)s, n, out); printf("[%s]", out); } printf("\n");
    b64((const uint8_t *)s, strlen(s), out); printf("%s\n", out);
    uint8_t buf[32]; for (int i = 0; i < 32; i++) buf[i] = (uint8_t)(i * 29 + 3);
    uint64_t acc = 0; for (int off = 0; off < 8; off++) { uint64_t v; uint32_t w; uint16_t h; memcpy(&v, buf + off, 8); memcpy(&w, buf + off + 1, 4); memcpy(&h, buf + off + 3, 2); acc = acc * 1315423911u + v + w + h; }
    printf("unaligned %016llx\n", (unsigned long long)acc);
    uint32_t x = 0xdeadbeef; printf("bswap %08x popcount %d clz %d ctz %d\n", (unsigned)__builtin_bswap32(x), __builtin_popcount(x), __builtin_clz(x >> 3), __builtin_ctz(x & ~0xfu));
    int8_t sb = (int8_t)0xf0; int16_t sh = (int16_t)0x8001; printf("sext %d %d %lld\n", sb, sh, (long long)(int32_t)0x80000000u);
    return 0;
}
