/*
 * confine_mb.c — the CPU of confining one worker, without a call: N
 * children forked and reaped one after another, each confining itself and
 * exiting.  Modes: none (fork and exit only), full (bxc_confine_apply from
 * an unconfined parent: what the zygote's own workers do), tail
 * (bxc_confine_tail from a parent confined once by
 * bxc_confine_apply_zygote: what an executor zygote's workers do), ll (the
 * tail's Landlock scope domain alone), sc (the tail's seccomp filter
 * alone).  Not part of `make`:
 *   cc -Iinclude -Isrc/confine -O2 -D_GNU_SOURCE -o build/bench/confine_mb \
 *      bench/confine_mb.c build/libboxagnts.a -lcjson -ldl -lm -lpthread
 *   for m in none ll sc tail full; do
 *       perf stat -x, -e task-clock build/bench/confine_mb 1000 $m; done
 * (task-clock in ms over 1000 workers = us per worker)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

#include "confine.h"
#include "confine_impl.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: confine_mb N none|full|tail|ll|sc\n");
        return 2;
    }
    int n = atoi(argv[1]);
    const char *m = argv[2];
    int tail = !strcmp(m, "tail"), none = !strcmp(m, "none"), ll = !strcmp(m, "ll"), sc = !strcmp(m, "sc");
    bxc_policy p;
    bxc_policy_init(&p);
    bxc_policy_add_path(&p, "/tmp", 1, NULL);
    bxc_prepared *pre = bxc_prepare(&p);
    unsigned long long ra[3] = { 0, 0, 3 };    /* scoped: abstract unix sockets, signals */
    int srs = (int)syscall(444 /* landlock_create_ruleset */, ra, sizeof ra, 0);
    char why[256];
    if (tail) {
        bxc_level lv = bxc_confine_apply_zygote(&p, pre, why);
        if (lv != BX_CONFINE_FULL) printf("the parent is confined %s: %s\n", bxc_level_name(lv), why);
    }
    for (int i = 0; i < n; i++) {
        pid_t c = fork();
        if (c == 0) {
            if (ll) {
                prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                _exit(syscall(446 /* landlock_restrict_self */, srs, 0) ? 1 : 0);
            }
            if (sc) {
                struct sock_filter f[64];
                size_t k = 0;
                prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
                if (bxc_seccomp_tail(getpid(), f, 64, &k) != 0) _exit(1);
                struct sock_fprog pr = { (unsigned short)k, f };
                _exit(syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &pr) ? 1 : 0);
            }
            bxc_level lv = none ? BX_CONFINE_FULL
                           : tail ? bxc_confine_tail(pre, BX_CONFINE_FULL, why)
                                  : bxc_confine_apply(&p, pre, -1, why);
            _exit(lv == BX_CONFINE_FULL ? 0 : 1);
        }
        int ws;
        waitpid(c, &ws, 0);
        if (!WIFEXITED(ws) || WEXITSTATUS(ws)) {
            printf("worker %d: wait status %#x\n", i, ws);
            return 1;
        }
    }
    bxc_prepared_free(pre);
    bxc_policy_free(&p);
    return 0;
}
