/*
 * bench/kernels/kernels.c — compute kernels for `make bench`.
 *
 * The same source is compiled twice: to wasm32 (clang-14 --target=wasm32,
 * -nostdlib, no imports; each kernel exported by name) and natively (linked
 * with bench/kernels/native_main.c).  Every kernel takes one i32 argument
 * (a size or repeat count chosen by bench/run.sh, so nothing folds at
 * compile time) and returns an i32 checksum that the drivers compare.
 * No libc: only static buffers and the helpers in wasm_rt.c.
 */
#include <stdint.h>

#if defined(__wasm__)
#define EXPORT(name) __attribute__((export_name(#name), visibility("default")))
#else
#define EXPORT(name)
#endif

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;

/* ---- fib: recursive calls ------------------------------------------- */

static int32_t fib_rec(int32_t n) {
    return n < 2 ? n : fib_rec(n - 1) + fib_rec(n - 2);
}

EXPORT(fib) int32_t fib(int32_t n) { return fib_rec(n); }

/* ---- sieve: byte stores and strided loops --------------------------- */

#define SIEVE_N 4000000
static u8 sieve_buf[SIEVE_N];

EXPORT(sieve) int32_t sieve(int32_t reps) {
    u32 check = 0;
    for (int32_t r = 0; r < reps; r++) {
        u32 n = SIEVE_N - (u32)r;  /* vary a little per pass */
        for (u32 i = 0; i < n; i++) sieve_buf[i] = 1;
        sieve_buf[0] = sieve_buf[1] = 0;
        for (u32 i = 2; (u64)i * i < n; i++)
            if (sieve_buf[i])
                for (u32 j = i * i; j < n; j += i) sieve_buf[j] = 0;
        u32 count = 0, last = 0;
        for (u32 i = 0; i < n; i++)
            if (sieve_buf[i]) { count++; last = i; }
        check = check * 31u + count + last;
    }
    return (int32_t)check;
}

/* ---- sha256 over a buffer ------------------------------------------- */

#define SHA_BUF (4u << 20)
static u8 sha_data[SHA_BUF];

static const u32 sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(u32 h[8], const u8 *p) {
    u32 w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 |
               (u32)p[4 * i + 2] << 8 | (u32)p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        u32 s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        u32 s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    u32 a = h[0], b = h[1], c = h[2], d = h[3];
    u32 e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        u32 S1 = ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25);
        u32 ch = (e & f) ^ (~e & g);
        u32 t1 = hh + S1 + ch + sha_k[i] + w[i];
        u32 S0 = ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22);
        u32 mj = (a & b) ^ (a & c) ^ (b & c);
        u32 t2 = S0 + mj;
        hh = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/* sha256 of the first len bytes of sha_data (len < 2^29), result in out. */
static void sha256(u32 len, u32 out[8]) {
    u32 h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    u32 off = 0;
    for (; off + 64 <= len; off += 64) sha_block(h, sha_data + off);
    u8 tail[128];
    u32 rem = len - off;
    for (u32 i = 0; i < 128; i++) tail[i] = 0;
    for (u32 i = 0; i < rem; i++) tail[i] = sha_data[off + i];
    tail[rem] = 0x80;
    u32 tl = rem + 9 <= 64 ? 64 : 128;
    u64 bits = (u64)len * 8;
    for (int i = 0; i < 8; i++) tail[tl - 1 - i] = (u8)(bits >> (8 * i));
    sha_block(h, tail);
    if (tl == 128) sha_block(h, tail + 64);
    for (int i = 0; i < 8; i++) out[i] = h[i];
}

/* Hash `mib` MiB (at most 4) of pseudo-random bytes; the digest of pass k
 * perturbs the data of pass k+1.  Self-test: sha256("abc"). */
EXPORT(sha256) int32_t sha256_kernel(int32_t mib) {
    u32 len = (u32)mib << 20;
    if (len > SHA_BUF) len = SHA_BUF;
    u32 out[8];
    sha_data[0] = 'a'; sha_data[1] = 'b'; sha_data[2] = 'c';
    sha256(3, out);
    if (out[0] != 0xba7816bf || out[7] != 0xf20015ad) return -1;
    u32 x = 0x12345678;
    for (u32 i = 0; i < len; i++) {  /* xorshift32 fill */
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        sha_data[i] = (u8)x;
    }
    sha256(len, out);
    u32 check = 0;
    for (int i = 0; i < 8; i++) check = check * 0x9e3779b1u ^ out[i];
    return (int32_t)check;
}

/* ---- matrix multiply: f64 loads, multiplies, adds ------------------- */

#define MAT_MAX 400
static double ma[MAT_MAX * MAT_MAX], mb[MAT_MAX * MAT_MAX], mc[MAT_MAX * MAT_MAX];

EXPORT(matmul) int32_t matmul(int32_t n) {
    if (n > MAT_MAX) n = MAT_MAX;
    for (int32_t i = 0; i < n; i++)
        for (int32_t j = 0; j < n; j++) {
            ma[i * n + j] = (double)((i * 7 + j * 3) % 17) * 0.25 - 1.5;
            mb[i * n + j] = (double)((i * 5 + j * 11) % 13) * 0.5 + 0.125;
            mc[i * n + j] = 0.0;
        }
    for (int32_t i = 0; i < n; i++)
        for (int32_t k = 0; k < n; k++) {
            double aik = ma[i * n + k];
            for (int32_t j = 0; j < n; j++) mc[i * n + j] += aik * mb[k * n + j];
        }
    /* checksum: integer fold of the exact (small-integer/8) results */
    u32 check = 0;
    for (int32_t i = 0; i < n * n; i++)
        check = check * 31u + (u32)(int32_t)(mc[i] * 8.0);
    return (int32_t)check;
}

/* ---- strings and an open-addressing hash table ---------------------- */

#define HT_KEYS 200000                /* max keys */
#define HT_SLOTS (1u << 19)           /* power of two, > 2 * HT_KEYS */
static char str_arena[HT_KEYS * 24];
static u32 ht_off[HT_SLOTS];          /* arena offset + 1; 0 = empty */
static u32 ht_val[HT_SLOTS];
static u8 ht_len[HT_SLOTS];

static u32 fmt_key(char *out, const char *prefix, u32 v) {
    u32 n = 0;
    while (*prefix) out[n++] = *prefix++;
    char digits[12];
    u32 d = 0;
    do { digits[d++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (d) out[n++] = digits[--d];
    out[n++] = '!';
    return n;
}

static u32 fnv1a(const char *s, u32 n) {
    u32 h = 2166136261u;
    for (u32 i = 0; i < n; i++) { h ^= (u8)s[i]; h *= 16777619u; }
    return h;
}

static int key_eq(const char *a, const char *b, u32 n) {
    for (u32 i = 0; i < n; i++) if (a[i] != b[i]) return 0;
    return 1;
}

/* Find key; insert with value v if absent and insert != 0.  Returns the
 * slot's value, or 0xffffffff if absent and not inserted. */
static u32 ht_find(const char *key, u32 n, u32 v, int insert, u32 *arena_used) {
    u32 mask = HT_SLOTS - 1, i = fnv1a(key, n) & mask;
    for (;;) {
        u32 off = ht_off[i];
        if (!off) break;
        if (ht_len[i] == n && key_eq(str_arena + off - 1, key, n)) return ht_val[i];
        i = (i + 1) & mask;
    }
    if (!insert) return 0xffffffffu;
    char *dst = str_arena + *arena_used;
    for (u32 k = 0; k < n; k++) dst[k] = key[k];
    ht_off[i] = *arena_used + 1;
    ht_len[i] = (u8)n;
    ht_val[i] = v;
    *arena_used += n;
    return v;
}

/* Insert nkeys strings "key-<7919*i mod p>!", each twice (the second is a
 * hit), then look up every key and as many misses. */
EXPORT(strhash) int32_t strhash(int32_t nkeys) {
    if (nkeys > HT_KEYS) nkeys = HT_KEYS;
    for (u32 i = 0; i < HT_SLOTS; i++) ht_off[i] = 0;
    u32 used = 0, check = 0;
    char buf[32];
    for (int32_t i = 0; i < nkeys; i++) {
        u32 v = (u32)i * 7919u % 1000003u;
        u32 n = fmt_key(buf, "key-", v);
        check += ht_find(buf, n, (u32)i, 1, &used);
        check += ht_find(buf, n, 0, 1, &used);
    }
    for (int32_t i = 0; i < nkeys; i++) {
        u32 v = (u32)i * 7919u % 1000003u;
        u32 n = fmt_key(buf, "key-", v);
        check = check * 3u + ht_find(buf, n, 0, 0, &used);
        n = fmt_key(buf, "nokey-", v);
        check ^= ht_find(buf, n, 0, 0, &used);
    }
    return (int32_t)(check + used);
}

/* ---- cmark: a CoreMark-style mix (written here, not EEMBC's code) ----
 * Per iteration, as CoreMark's three workloads: a linked list (find,
 * reverse, insertion sort by value), a small int16 matrix (multiply by a
 * constant and by a vector, add, bit-field extraction), and a state machine
 * scanning a text of numbers; every result folds into a CRC-16. */

typedef struct cm_node { struct cm_node *next; int16_t val, idx; } cm_node;
#define CM_LIST 64
#define CM_N 12
static cm_node cm_pool[CM_LIST];
static int16_t cm_ma[CM_N * CM_N], cm_mb[CM_N * CM_N];
static int32_t cm_mc[CM_N * CM_N];
static char cm_text[256];

static u32 cm_crc16(u32 crc, u32 v) {
    for (int i = 0; i < 16; i++) {
        u32 x = (v ^ crc) & 1;
        v >>= 1;
        crc >>= 1;
        if (x) crc ^= 0xA001;
    }
    return crc & 0xffff;
}

static cm_node *cm_reverse(cm_node *l) {
    cm_node *r = 0;
    while (l) { cm_node *n = l->next; l->next = r; r = l; l = n; }
    return r;
}

static cm_node *cm_sort(cm_node *l, int by_idx) {
    cm_node *out = 0;
    while (l) {
        cm_node *n = l->next, **p = &out;
        int16_t k = by_idx ? l->idx : l->val;
        while (*p && (by_idx ? (*p)->idx : (*p)->val) < k) p = &(*p)->next;
        l->next = *p;
        *p = l;
        l = n;
    }
    return out;
}

static u32 cm_list(u32 seed, u32 crc) {
    for (int i = 0; i < CM_LIST; i++) {
        cm_pool[i].next = i + 1 < CM_LIST ? &cm_pool[i + 1] : 0;
        cm_pool[i].idx = (int16_t)i;
        cm_pool[i].val = (int16_t)((seed * 0x9E37u + (u32)i * 0x2545u) >> 3 & 0x7fff);
    }
    cm_node *l = cm_sort(&cm_pool[0], 0);
    for (int16_t want = 0; want < 8; want++) {
        int16_t v = (int16_t)(seed + (u32)want * 97u);
        cm_node *p = l;
        while (p && p->val != v && p->idx != want) p = p->next;
        crc = cm_crc16(crc, p ? (u32)(uint16_t)p->val : 0xffffu);
    }
    l = cm_reverse(l);
    crc = cm_crc16(crc, (u32)(uint16_t)l->val);
    l = cm_sort(l, 1);
    for (cm_node *p = l; p; p = p->next) crc = cm_crc16(crc, (u32)(uint16_t)p->val);
    return crc;
}

static u32 cm_matrix(u32 seed, u32 crc) {
    for (int i = 0; i < CM_N * CM_N; i++) {
        cm_ma[i] = (int16_t)((seed + (u32)i * 13u) & 0xff);
        cm_mb[i] = (int16_t)(((seed >> 3) + (u32)i * 7u) & 0xff) - 128;
    }
    for (int i = 0; i < CM_N; i++)
        for (int j = 0; j < CM_N; j++) {
            int32_t s = 0;
            for (int k = 0; k < CM_N; k++) s += (int32_t)cm_ma[i * CM_N + k] * cm_mb[k * CM_N + j];
            cm_mc[i * CM_N + j] = s;
        }
    int32_t acc = 0;
    for (int i = 0; i < CM_N * CM_N; i++) {
        int32_t v = cm_mc[i] + (int32_t)cm_ma[i] * 3;
        acc += (v >> 2 & 0xf) * ((v >> 5 & 0x7f) - 64);
        cm_ma[i] = (int16_t)(cm_ma[i] + (int16_t)seed);
    }
    return cm_crc16(crc, (u32)acc);
}

static u32 cm_state(u32 seed, u32 crc) {
    static const char pat[8][10] = {"5012", "1234", "-874", "+122", "35.54400", ".1234500",
                                   "-110.700", "+0.64400"};
    u32 n = 0;
    for (u32 i = 0; n + 10 < sizeof cm_text; i++) {
        const char *p = pat[(seed + i) & 7];
        while (*p) cm_text[n++] = *p++;
        cm_text[n++] = (seed + i) % 5 ? ',' : 'x';
    }
    cm_text[n] = 0;
    u32 counts[4] = {0, 0, 0, 0};   /* int, float, invalid, other */
    for (const char *s = cm_text; *s;) {
        int st = 0;                  /* 0 start, 1 int, 2 float, 3 invalid */
        for (; *s && *s != ','; s++) {
            char ch = *s;
            int digit = ch >= '0' && ch <= '9';
            switch (st) {
            case 0: st = digit || ch == '+' || ch == '-' ? 1 : ch == '.' ? 2 : 3; break;
            case 1: st = digit ? 1 : ch == '.' ? 2 : 3; break;
            case 2: st = digit ? 2 : 3; break;
            default: break;
            }
        }
        counts[st > 0 ? st - 1 : 3]++;
        if (*s) s++;
    }
    for (int i = 0; i < 4; i++) crc = cm_crc16(crc, counts[i]);
    return crc;
}

EXPORT(cmark) int32_t cmark(int32_t iters) {
    u32 crc = 0;
    for (int32_t i = 0; i < iters; i++) {
        u32 seed = (u32)i * 0x343FDu + 0x269EC3u;
        crc = cm_list(seed, crc);
        crc = cm_matrix(seed, crc);
        crc = cm_state(seed, crc);
    }
    return (int32_t)crc;
}
