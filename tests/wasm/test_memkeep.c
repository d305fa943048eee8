/*
 * test_memkeep.c — a linear memory's reservation kept across stores
 * (src/wasm/memkeep.c, what a reused worker does between calls): the
 * next store's memory is the same reservation (so the test can fail),
 * every byte of it reads zero (what the call before wrote, in its first
 * pages and in pages it grew into, is gone), the bytes past its size are
 * inaccessible again (a child's read there dies of SIGSEGV), growing
 * brings back zeroed pages; another thread's stores never get it; and
 * with no keeper in use the memory is unmapped as before.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boxagnts.h"
#include "runtime.h"
#include "store.h"
#include "../check.h"

#define PAGE 65536u

static int all_zero(const uint8_t *p, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        if (p[i]) return 0;
    return 1;
}

/* 1 when a child reading p dies of SIGSEGV */
static int faults(const volatile uint8_t *p)
{
    pid_t pid = fork();
    if (pid == 0) {
        volatile uint8_t x = *p;
        (void)x;
        _exit(0);
    }
    int ws = 0;
    waitpid(pid, &ws, 0);
    return WIFSIGNALED(ws) && WTERMSIG(ws) == SIGSEGV;
}

static void *other_thread(void *arg)
{
    uint8_t **out = arg;
    bx_error err;
    bx_store *s = bx_store_new(NULL);
    bx_memory *m = bx_memory_new(s, 1, 1000, 1, &err);
    *out = m ? bx_memory_data(m) : NULL;
    bx_store_free(s);
    return NULL;
}

int main(void)
{
    bx_error err;
    bx_mem_keep *k = bx_mem_keep_new();
    CHECK(k != NULL, "a keeper");
    bx_mem_keep_use(k);

    /* call 1: writes its first pages and pages it grows into */
    bx_store *s1 = bx_store_new(NULL);
    bx_memory *m1 = bx_memory_new(s1, 2, 1000, 1, &err);
    CHECK(m1 != NULL, "memory 1: %s", err.msg);
    if (!m1) return check_report();
    if (!m1->guarded) {
        printf("skip memkeep: no guard regions here (only they are kept)\n");
        bx_store_free(s1);
        bx_mem_keep_free(k);
        return check_report();
    }
    uint8_t *d1 = bx_memory_data(m1);
    memset(d1, 0xab, 2 * PAGE);
    CHECK(bxe_memory_grow(s1, m1, 6) == 2, "memory 1 grows to 8 pages");
    memset(d1 + 2 * PAGE, 0xcd, 6 * PAGE);
    d1[8 * PAGE - 1] = 0x5a;
    bx_store_free(s1);

    /* call 2: smaller; the same reservation, all zero, the rest guarded */
    bx_store *s2 = bx_store_new(NULL);
    bx_memory *m2 = bx_memory_new(s2, 1, 1000, 1, &err);
    CHECK(m2 != NULL, "memory 2: %s", err.msg);
    if (!m2) return check_report();
    uint8_t *d2 = bx_memory_data(m2);
    CHECK(d2 == d1, "memory 2 is memory 1's reservation, kept (%p, %p)", (void *)d2, (void *)d1);
    CHECK(bx_memory_size(m2) == PAGE && all_zero(d2, PAGE), "memory 2's page reads zero");
    CHECK(faults(d2 + PAGE), "past memory 2's size (where memory 1 wrote) a read faults");
    CHECK(faults(d2 + 8 * PAGE - 1), "memory 1's last byte is out of reach");
    CHECK(bxe_memory_grow(s2, m2, 7) == 1 && all_zero(d2, 8 * PAGE),
          "memory 2 grown over what memory 1 wrote reads zero");
    CHECK(faults(d2 + 8 * PAGE), "past the grown size a read faults");
    memset(d2, 0x77, 8 * PAGE);

    /* while memory 2 lives the keeper holds none: a third store maps anew */
    bx_store *s3 = bx_store_new(NULL);
    bx_memory *m3 = bx_memory_new(s3, 3, 1000, 1, &err);
    CHECK(m3 && bx_memory_data(m3) != d2 && all_zero(bx_memory_data(m3), 3 * PAGE),
          "a memory made while the kept one is in use is another, zero");
    bx_store_free(s3);   /* kept now (the keeper was empty) */
    bx_store_free(s2);   /* not kept: the keeper is full, unmapped */
    bx_store *s4 = bx_store_new(NULL);
    bx_memory *m4 = bx_memory_new(s4, 4, 1000, 1, &err);
    CHECK(m4 && all_zero(bx_memory_data(m4), 4 * PAGE) && faults(bx_memory_data(m4) + 4 * PAGE),
          "the next memory (kept from store 3, larger) reads zero and is guarded past its size");
    uint8_t *d4 = m4 ? bx_memory_data(m4) : NULL;
    if (d4) memset(d4, 0x99, 4 * PAGE);
    bx_store_free(s4);

    /* another thread's store never gets this thread's kept reservation */
    uint8_t *dt = NULL;
    pthread_t t;
    pthread_create(&t, NULL, other_thread, &dt);
    pthread_join(t, NULL);
    CHECK(dt && dt != d4, "another thread's memory is not the kept one");

    /* no keeper in use: not kept (the next memory is zero all the same) */
    bx_mem_keep_use(NULL);
    bx_store *s5 = bx_store_new(NULL);
    bx_memory *m5 = bx_memory_new(s5, 4, 1000, 1, &err);
    CHECK(m5 && bx_memory_data(m5) != d4 && all_zero(bx_memory_data(m5), 4 * PAGE),
          "with no keeper in use a memory is mapped anew");
    bx_store_free(s5);
    bx_mem_keep_free(k);
    return check_report();
}
