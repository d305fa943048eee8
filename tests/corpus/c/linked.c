/* Allocation: a linked list built, reversed, merge-sorted and freed; realloc growth. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
typedef struct node { int32_t v; struct node *next; } node;
static node *merge(node *a, node *b) {
    node head, *t = &head;
    while (a && b) { if (a->v <= b->v) { t->next = a; a = a->next; } else { t->next = b; b = b->next; } t = t->next; }
    t->next = a ? a : b; return head.next;
}
static node *msort(node *h) {
    if (!h || !h->next) return h;
    node *slow = h, *fast = h->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    node *b = slow->next; slow->next = NULL;
    return merge(msort(h), msort(b));
}
int main(void) {
    node *h = NULL; uint32_t s = 99;
    for (int i = 0; i < 3000; i++) { node *n = malloc(sizeof *n); s = s * 69069u + 1; n->v = (int32_t)(s % 100000); n->next = h; h = n; }
    h = msort(h);
    int64_t sum = 0; int cnt = 0, sorted = 1; int32_t prev = -1;
    for (node *n = h; n; n = n->next) { sum += n->v; cnt++; if (n->v < prev) sorted = 0; prev = n->v; }
    printf("count %d sum %lld sorted %d min %d\n", cnt, (long long)sum, sorted, (int)h->v);
    while (h) { node *n = h->next; free(h); h = n; }
    int32_t *arr = NULL; size_t cap = 0;
    for (size_t i = 0; i < 100000; i++) { if (i == cap) { cap = cap ? cap * 2 : 4; arr = realloc(arr, cap * sizeof *arr); } arr[i] = (int32_t)((uint64_t)i * i % 977); }
    int64_t t = 0; for (size_t i = 0; i < 100000; i++) t += arr[i];
    printf("cap %zu total %lld\n", cap, (long long)t);
    free(arr);
    return 0;
}
