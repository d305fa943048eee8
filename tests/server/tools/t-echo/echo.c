/*
 * t-echo — a well-behaved test tool for tests/server: FNV-1a 32 over text
 * repeated n times, so its result (and its fuel) depend on the input only.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tool.h"

int main(void)
{
    cJSON *in = tool_input();
    const char *text = tool_str(in, "text", "");
    double n = tool_num(in, "n", 1);
    if (n < 0 || n > 1e7)
        tool_fail("n must be 0 to 10000000");
    uint32_t h = 2166136261u;
    size_t len = strlen(text);
    for (long i = 0; i < (long)n; i++)
        for (size_t k = 0; k < len; k++) {
            h ^= (unsigned char)text[k];
            h *= 16777619u;
        }
    char out[64];
    snprintf(out, sizeof out, "%zu:%u", len, (unsigned)h);
    cJSON *md = cJSON_CreateObject();
    cJSON_AddNumberToObject(md, "n", n);
    tool_ok(out, md);
}
