/*
 * tests/check.h — the assertion kit of the host-side test programs:
 * CHECK(cond, fmt, ...) counts a pass, or counts a failure and prints
 * "FAIL file:line: message"; check_report() prints the summary line
 * tests/run.sh reads ("N passed, N failed") and gives the exit status.
 * (Guests compiled to wasm have their own, tests/wasi/guest/check.h.)
 */
#ifndef BX_TESTS_CHECK_H
#define BX_TESTS_CHECK_H

#include <stdio.h>

static int npass, nfail;

#define CHECK(cond, ...)                                                  \
    do {                                                                  \
        if (cond) {                                                       \
            npass++;                                                      \
        } else {                                                          \
            nfail++;                                                      \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                   \
            printf(__VA_ARGS__);                                          \
            printf("\n");                                                 \
        }                                                                 \
    } while (0)

static __attribute__((unused)) int check_report(void)
{
    printf("%d passed, %d failed\n", npass, nfail);
    fflush(stdout);
    return nfail ? 1 : 0;
}

#endif
