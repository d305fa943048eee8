/* A chained hash table of strings with malloc/free: counts words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
typedef struct ent { char *k; int n; struct ent *next; } ent;
static uint32_t hash(const char *s) { uint32_t h = 2166136261u; while (*s) h = (h ^ (uint8_t)*s++) * 16777619u; return h; }
int main(void) {
    enum { NB = 64 };
    ent *tab[NB] = {0};
    const char *words[] = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" };
    uint32_t s = 7;
    for (int i = 0; i < 5000; i++) {
        s = s * 1664525u + 1013904223u;
        char buf[32];
        snprintf(buf, sizeof buf, "%s%u", words[(s >> 8) % 8], (unsigned)((s >> 20) % 13));
        uint32_t b = hash(buf) % NB;
        ent *e = tab[b];
        while (e && strcmp(e->k, buf)) e = e->next;
        if (!e) { e = malloc(sizeof *e); e->k = strdup(buf); e->n = 0; e->next = tab[b]; tab[b] = e; }
        e->n++;
    }
    int total = 0, distinct = 0, best = 0; const char *bk = "";
    for (int b = 0; b < NB; b++)
        for (ent *e = tab[b]; e; e = e->next) {
            distinct++; total += e->n;
            if (e->n > best || (e->n == best && strcmp(e->k, bk) < 0)) { best = e->n; bk = e->k; }
        }
    printf("total %d distinct %d most %s x%d\n", total, distinct, bk, best);
    for (int b = 0; b < NB; b++) { ent *e = tab[b]; while (e) { ent *n = e->next; free(e->k); free(e); e = n; } }
    return 0;
}
