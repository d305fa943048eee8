/* Recursion: N-queens counts for N = 1..9 and the first solution of 8. */
#include <stdio.h>
static int cols[16], n, count, first[16], have;
static int ok(int r, int c) { for (int i = 0; i < r; i++) if (cols[i] == c || cols[i] - c == i - r || cols[i] - c == r - i) return 0; return 1; }
static void place(int r) {
    if (r == n) { if (!have && n == 8) { for (int i = 0; i < n; i++) first[i] = cols[i]; have = 1; } count++; return; }
    for (int c = 0; c < n; c++) if (ok(r, c)) { cols[r] = c; place(r + 1); }
}
int main(void) {
    for (n = 1; n <= 9; n++) { count = 0; place(0); printf("queens(%d) = %d\n", n, count); }
    printf("first 8:"); for (int i = 0; i < 8; i++) printf(" %d", first[i]); printf("\n");
    return 0;
}
