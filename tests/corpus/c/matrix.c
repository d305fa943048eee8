/* Doubles in loops: matrix multiply, Gaussian elimination, determinant. */
#include <stdio.h>
#define N 6
int main(void) {
    double a[N][N], b[N][N], c[N][N];
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { a[i][j] = (i + 1.0) / (j + 2.0) + (i == j ? 3 : 0); b[i][j] = (i * 7 + j * 3) % 5 - 2.0; }
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { double s = 0; for (int k = 0; k < N; k++) s += a[i][k] * b[k][j]; c[i][j] = s; }
    for (int i = 0; i < N; i++) { for (int j = 0; j < N; j++) printf(" %9.4f", c[i][j]); printf("\n"); }
    double det = 1;
    for (int col = 0; col < N; col++) {
        int piv = col;
        for (int r = col + 1; r < N; r++) if ((a[r][col] < 0 ? -a[r][col] : a[r][col]) > (a[piv][col] < 0 ? -a[piv][col] : a[piv][col])) piv = r;
        if (piv != col) { for (int k = 0; k < N; k++) { double t = a[col][k]; a[col][k] = a[piv][k]; a[piv][k] = t; } det = -det; }
        det *= a[col][col];
        for (int r = col + 1; r < N; r++) { double f = a[r][col] / a[col][col]; for (int k = col; k < N; k++) a[r][k] -= f * a[col][k]; }
    }
    printf("det %.10e\n", det);
    return 0;
}
