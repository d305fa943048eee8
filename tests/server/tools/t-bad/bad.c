/*
 * t-bad — a misbehaving test tool for tests/server: each mode breaks one
 * limit (timeout or fuel, memory, trap, output, stack) so the isolation
 * tests can check that only its own calls suffer.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static volatile unsigned sink;
static void *volatile keep;

static unsigned recurse(unsigned d)
{
    volatile char pad[64];
    pad[d % 64] = (char)d;
    if (d == 0xffffffffu)       /* never: keeps the compiler from calling it endless */
        return 0;
    return recurse(d + 1) + pad[0];
}

int main(void)
{
    cJSON *in = tool_input();
    const char *mode = tool_str(in, "mode", "ok");
    if (!strcmp(mode, "spin")) {
        for (;;)
            sink++;
    }
    if (!strcmp(mode, "bomb")) {
        /* Touch every page, so the memory is really taken; at the cap,
         * malloc fails and the tool crashes as a real bomb would. */
        for (;;) {
            char **p = malloc(1 << 20);
            if (!p)
                __builtin_trap();
            memset(p, 0x5a, 1 << 20);
            *p = (char *)keep;          /* a chain the compiler cannot drop */
            keep = p;
        }
    }
    if (!strcmp(mode, "trap"))
        __builtin_trap();
    if (!strcmp(mode, "flood")) {
        static char block[65536];
        memset(block, 'x', sizeof block);
        for (int i = 0; i < 1024; i++)
            if (write(1, block, sizeof block) < 0)
                break;
        tool_ok("flooded", NULL);
    }
    if (!strcmp(mode, "stack"))
        sink = recurse(0);
    if (!strcmp(mode, "mark")) {
        /* what an earlier call left in this instance's memory (a reused
         * worker keeps the reservation: it must come back zeroed) */
        static volatile char left[8192];
        int seen = left[0] == 'M' || left[8191] == 'M';
        left[0] = left[8191] = 'M';
        tool_ok(seen ? "seen" : "clean", NULL);
    }
    tool_ok("ok", NULL);
}
