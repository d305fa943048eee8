/* Strings: strtok, reverse, case, sprintf, strstr, word counts, snprintf truncation. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <stdlib.h>
int main(void) {
    char text[] = "The quick brown fox jumps over the lazy dog; the dog sleeps.";
    char copy[sizeof text]; strcpy(copy, text);
    int words = 0; size_t longest = 0; char lw[32] = "";
    for (char *t = strtok(copy, " ;."); t; t = strtok(NULL, " ;.")) {
        words++;
        if (strlen(t) > longest) { longest = strlen(t); strcpy(lw, t); }
    }
    printf("words %d longest %s (%zu)\n", words, lw, longest);
    size_t n = strlen(text);
    char rev[sizeof text];
    for (size_t i = 0; i < n; i++) rev[i] = (char)toupper((unsigned char)text[n - 1 - i]);
    rev[n] = 0;
    printf("%s\n", rev);
    const char *p = text; int the = 0;
    while ((p = strstr(p, "the"))) { the++; p++; }
    printf("'the' x%d, first dog at %d\n", the, (int)(strstr(text, "dog") - text));
    char small[10];
    int w = snprintf(small, sizeof small, "%s-%05d-%x", "abc", 42, 0xbeef);
    printf("%s %d\n", small, w);
    printf("%d %ld %s\n", atoi("  -1234xyz"), strtol("ff", NULL, 16), strchr(text, 'z'));
    char buf[64]; sprintf(buf, "%-8s|%8s|%+d|%e", "left", "right", 5, 12345.678);
    printf("%s\n", buf);
    return 0;
}
