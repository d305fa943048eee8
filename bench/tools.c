/*
 * tools.c — `make bench`: calls per second of one tool through the
 * in-process API (bx_tool_call on a shared registry), on 1 thread and on one
 * thread per core, and the latency distribution of single calls.
 *
 *   tools TOOLS_DIR WORKSPACE TOOL INPUT_JSON [SECONDS]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "boxagnts.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct {
    const bx_registry *r;
    const char *ws, *tool, *input;
    double until;
    long calls, errors;
    double *lat; long nlat, cap;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    bx_tool_context ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.g.workspace = (char *)j->ws;
    ctx.max_level = BX_PERM_EXECUTE;
    ctx.agent_id = "bench";
    while (now() < j->until) {
        bx_tool_result res;
        bx_error err;
        double t0 = now();
        if (bx_tool_call(j->r, j->tool, &ctx, j->input, &res, &err) != BX_OK || res.is_error) j->errors++;
        double dt = now() - t0;
        if (j->nlat < j->cap) j->lat[j->nlat++] = dt;
        bx_tool_result_free(&res);
        j->calls++;
    }
    return NULL;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double run(const bx_registry *r, char **argv, int threads, double secs, int report_lat)
{
    pthread_t th[64];
    job js[64];
    double until = now() + secs;
    for (int i = 0; i < threads; i++) {
        js[i] = (job){ r, argv[2], argv[3], argv[4], until, 0, 0, NULL, 0, 1 << 20 };
        js[i].lat = malloc(sizeof(double) * (size_t)js[i].cap);
        if (!js[i].lat) js[i].cap = 0;   /* then no latencies, calls still counted */
        pthread_create(&th[i], NULL, worker, &js[i]);
    }
    long calls = 0, errors = 0;
    double t0 = now();
    for (int i = 0; i < threads; i++) {
        pthread_join(th[i], NULL);
        calls += js[i].calls;
        errors += js[i].errors;
    }
    double el = now() - t0;
    if (report_lat && js[0].nlat) {
        qsort(js[0].lat, (size_t)js[0].nlat, sizeof(double), cmp);
        printf("  latency of one call (1 thread, %ld calls): p50 %.1f us, p99 %.1f us\n", js[0].nlat,
               js[0].lat[js[0].nlat / 2] * 1e6, js[0].lat[js[0].nlat * 99 / 100] * 1e6);
    }
    for (int i = 0; i < threads; i++) free(js[i].lat);
    if (errors) printf("  WARNING: %ld of %ld calls gave is_error\n", errors, calls);
    return (double)calls / el;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: tools TOOLS_DIR WORKSPACE TOOL INPUT_JSON [SECONDS]\n");
        return 2;
    }
    double secs = argc > 5 ? atof(argv[5]) : 3.0;
    bx_registry *r = bx_registry_new();
    bx_error err;
    if (bx_registry_load_dir(r, argv[1], &err) != BX_OK || !bx_registry_find(r, argv[3])) {
        fprintf(stderr, "tools: cannot load %s from %s\n", argv[3], argv[1]);
        return 1;
    }
    int cores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    if (cores > 64) cores = 64;
    printf("in-process %s %s\n", argv[3], argv[4]);
    double one = run(r, argv, 1, secs, 1);
    double many = run(r, argv, cores, secs, 0);
    printf("  calls/s: 1 thread %.0f, %d threads %.0f (x%.2f)\n", one, cores, many, many / one);
    bx_registry_free(r);
    return 0;
}
