/* I/O: reads stdin to the end; lines, words, bytes, a checksum and the longest line. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
int main(void) {
    char line[4096]; int lines = 0, words = 0; long bytes = 0; uint32_t h = 5381; size_t longest = 0; char lbuf[4096] = "";
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line); lines++; bytes += (long)n;
        for (size_t i = 0; i < n; i++) h = h * 33 + (uint8_t)line[i];
        int in = 0; for (size_t i = 0; i < n; i++) { int sp = line[i] == ' ' || line[i] == '\n' || line[i] == '\t'; if (!sp && !in) words++; in = !sp; }
        if (n > longest) { longest = n; strcpy(lbuf, line); }
    }
    printf("%d %d %ld %08x\nlongest: %s", lines, words, bytes, (unsigned)h, lbuf);
    return 0;
}
