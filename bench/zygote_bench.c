/*
 * zygote_bench.c — what the zygote's machinery costs per call, without a
 * tool: N sequential calls whose body only echoes, through a zygote
 * without and with its pool (src/confine/zygote.c), confined to one
 * granted folder.  Prints p50/p90 latency and the CPU of this process,
 * the zygote and the workers per call (getrusage of both sides; the
 * zygote's own via /proc/PID/stat, in clock ticks).  Not part of `make`:
 *   cc -Iinclude -Isrc/confine -O2 -D_GNU_SOURCE -o build/bench/zygote_bench \
 *      bench/zygote_bench.c build/libboxagnts.a -lcjson -ldl -lm -lpthread
 *   build/bench/zygote_bench [N] [pool|nopool]
 * The zygote+workers column counts reaped descendants only: with executor
 * zygotes (pooled workers are their children) use
 *   perf stat -e task-clock build/bench/zygote_bench N pool
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "confine.h"

typedef struct zctx { bxc_policy pol; bxc_prepared *pre; } zctx;

static const bxc_prepared *prefork(void *c, const char *hint)
{
    zctx *z = c;
    (void)hint;
    if (!z->pre) z->pre = bxc_prepare(&z->pol);
    return z->pre;
}

static int preconfine(void *c, const char *hint, bxc_policy *pol)
{
    (void)hint;
    *pol = ((zctx *)c)->pol;
    return 0;
}

static int prepare(void *c, int fd, bxc_policy *pol, void **job)
{
    char b[8];
    if (read(fd, b, sizeof b) != (ssize_t)sizeof b) return -1;
    *pol = ((zctx *)c)->pol;
    *job = NULL;
    return 0;
}

static int body(void *c, void *job, int fd)
{
    (void)c; (void)job;
    return bxc_reply(fd, "pong", 4);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(int who)
{
    struct rusage ru;
    getrusage(who, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static double proc_cpu_ms(pid_t pid)   /* utime + stime + cutime + cstime of pid */
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    unsigned long long v[4] = { 0 };
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu",
                     &v[0], &v[1], &v[2], &v[3]) != 4)
        return 0;
    return (double)(v[0] + v[1] + v[2] + v[3]) * 1e3 / (double)sysconf(_SC_CLK_TCK);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void one(zctx *zc, int pooled, int n)
{
    bx_error err;
    bxc_zygote *z = pooled ? bxc_zygote_start_pool(zc, prefork, preconfine, prepare, body, NULL, &err)
                          : bxc_zygote_start(zc, prefork, prepare, body, NULL, &err);
    if (!z) { fprintf(stderr, "zygote: %s\n", err.msg); exit(1); }
    bxc_policy pv = zc->pol;
    double *lat = calloc((size_t)n, sizeof *lat), c0 = 0, z0 = 0;
    for (int i = -20; i < n; i++) {
        if (i == 0) { c0 = cpu_ms(RUSAGE_SELF); z0 = proc_cpu_ms(bxc_zygote_pid(z)); }
        uint8_t *rep = NULL;
        size_t rl = 0;
        bxc_status cs;
        double t = now_ms();
        if (bxc_zygote_call(z, &pv, "x", "12345678", 8, NULL, 64, &rep, &rl, &cs, &err) != BX_OK ||
            cs.end != BX_CONFINE_ENDED || rl != 4) {
            fprintf(stderr, "call failed: %d %s\n", cs.end, cs.detail);
            exit(1);
        }
        if (i >= 0) lat[i] = now_ms() - t;
        free(rep);
    }
    /* the zygote's figures include its reaped workers (cutime, cstime);
     * the pooled worker still waiting is not counted, nor its fork */
    double self = cpu_ms(RUSAGE_SELF) - c0, zyg = proc_cpu_ms(bxc_zygote_pid(z)) - z0;
    bxc_zygote_stop(z);
    qsort(lat, (size_t)n, sizeof *lat, cmp);
    char la[64] = "";
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) { if (!fgets(la, 30, f)) la[0] = 0; fclose(f); }
    for (int k = 0, sp = 0; la[k]; k++)      /* the three averages */
        if (la[k] == ' ' && ++sp == 3) { la[k] = 0; break; }
    printf("  %-8s %6d  %7.3f  %7.3f  %9.3f  %12.3f   %s\n", pooled ? "pool" : "no pool", n,
           lat[n / 2], lat[n * 9 / 10], self / n, zyg / n, la);
    free(lat);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    char dir[] = "/tmp/bx-zbench-XXXXXX";
    if (!mkdtemp(dir) || n < 10) return 2;
    zctx zc;
    memset(&zc, 0, sizeof zc);
    bxc_policy_init(&zc.pol);
    bxc_policy_add_path(&zc.pol, dir, 1, NULL);
    printf("echo calls through the zygote, confined to one folder (1 caller)\n");
    printf("  mode          n  p50 ms   p90 ms   caller ms/call  zygote+workers ms/call  load avg\n");
    /* a mode named: that one only, once (for perf stat, which counts the
     * whole tree: executor zygotes reap their workers, not the zygote) */
    const char *only = argc > 2 ? argv[2] : "";
    if (!strcmp(only, "pool")) one(&zc, 1, n);
    else if (!strcmp(only, "nopool")) one(&zc, 0, n);
    else for (int r = 0; r < 3; r++) { one(&zc, 0, n); one(&zc, 1, n); }
    bxc_prepared_free(zc.pre);
    bxc_policy_free(&zc.pol);
    rmdir(dir);
    return 0;
}
