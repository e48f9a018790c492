/*
 * The machine's ceiling for the L-inf distance forward, for `linfgrad bench` to print ratios against:
 * y_bj = max_i |x_bi - w_ji| and its first argmax i, on all OpenMP threads, with the layout of linfgrad's simd
 * kernel (lanes across neurons, weights packed inputs-major in panels) and a register tile of ROWS samples by
 * PANELS vectors of neurons (the fastest tile measured on each ISA); per element a strict compare, a max and
 * a masked move of the index, held as a float (a max measured faster than a second masked move on AVX2,
 * and equal on AVX-512). Benchmark-only: nothing in linfgrad links it.
 *
 *   gcc -O3 -march=native -fopenmp -o linf_ceiling linf_ceiling.c
 *   OMP_NUM_THREADS=2 ./linf_ceiling B N M [repeats]
 *
 * prints "linf-argmax B N M <G elem/s>" and "linf-max B N M <G elem/s>" (max alone), best of the repeats,
 * after checking some outputs against a scalar loop.
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>

#if defined(__AVX512F__)
#define VL 16
typedef __m512 vec;
typedef __mmask16 vmask;
#define LOAD(p) _mm512_loadu_ps(p)
#define STORE(p, v) _mm512_storeu_ps(p, v)
#define SET1(f) _mm512_set1_ps(f)
#define ZERO() _mm512_setzero_ps()
#define ABSDIFF(a, b) _mm512_abs_ps(_mm512_sub_ps(a, b))
#define GT(a, b) _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ)
#define SELECT(m, a, b) _mm512_mask_mov_ps(b, m, a) /* m ? a : b */
#define MAX(a, b) _mm512_max_ps(a, b)
#ifndef ROWS
#define ROWS 4
#endif
#else
#define VL 8
typedef __m256 vec;
typedef __m256 vmask;
#define LOAD(p) _mm256_loadu_ps(p)
#define STORE(p, v) _mm256_storeu_ps(p, v)
#define SET1(f) _mm256_set1_ps(f)
#define ZERO() _mm256_setzero_ps()
#define ABSDIFF(a, b) _mm256_andnot_ps(_mm256_set1_ps(-0.0f), _mm256_sub_ps(a, b))
#define GT(a, b) _mm256_cmp_ps(a, b, _CMP_GT_OQ)
#define SELECT(m, a, b) _mm256_blendv_ps(b, a, m)
#define MAX(a, b) _mm256_max_ps(a, b)
#ifndef ROWS
#define ROWS 1
#endif
#endif
#ifndef PANELS
#define PANELS (VL == 16 ? 2 : 4)
#endif
#define BLOCK (PANELS * VL)

/*
 * Rows b0..b0+ROWS of x against the block of neurons whose packed weights start at wt; inlined at two call
 * sites with with_arg a constant, so each has its own loop.
 */
static inline __attribute__((always_inline)) void tile(const float *x, const float *wt, int n, int m, int b0, int j0, float *y, int *arg, int with_arg) {
    vec best[ROWS][PANELS], where[ROWS][PANELS];
    for (int r = 0; r < ROWS; r++)
        for (int p = 0; p < PANELS; p++) best[r][p] = where[r][p] = ZERO();
    for (int i = 0; i < n; i++) {
        vec index = SET1((float) i);
        vec w[PANELS];
#pragma GCC unroll 8
        for (int p = 0; p < PANELS; p++) w[p] = LOAD(wt + (size_t) i * BLOCK + p * VL);
#pragma GCC unroll 8
        for (int r = 0; r < ROWS; r++) {
            vec xi = SET1(x[(size_t) (b0 + r) * n + i]);
#pragma GCC unroll 8
            for (int p = 0; p < PANELS; p++) {
                vec d = ABSDIFF(xi, w[p]);
                if (with_arg) where[r][p] = SELECT(GT(d, best[r][p]), index, where[r][p]);
                best[r][p] = MAX(best[r][p], d);
            }
        }
    }
    float v[VL], a[VL];
    for (int r = 0; r < ROWS; r++)
        for (int p = 0; p < PANELS; p++) {
            STORE(v, best[r][p]);
            STORE(a, where[r][p]);
            for (int l = 0; l < VL; l++) {
                y[(size_t) (b0 + r) * m + j0 + p * VL + l] = v[l];
                arg[(size_t) (b0 + r) * m + j0 + p * VL + l] = (int) a[l];
            }
        }
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static float uniform(unsigned *state) {
    *state = *state * 1664525u + 1013904223u;
    return (float) (*state >> 8) / (1 << 24) * 2 - 1;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s B N M [repeats]  (B a multiple of %d, M of %d)\n", argv[0], ROWS, BLOCK);
        return 2;
    }
    int batch = atoi(argv[1]), n = atoi(argv[2]), m = atoi(argv[3]);
    int repeats = argc > 4 ? atoi(argv[4]) : 10;
    if (batch <= 0 || n <= 0 || m <= 0 || batch % ROWS || m % BLOCK) {
        fprintf(stderr, "linf_ceiling: B must be a positive multiple of %d and M of %d\n", ROWS, BLOCK);
        return 2;
    }
    float *x = aligned_alloc(64, sizeof(float) * batch * n), *w = aligned_alloc(64, sizeof(float) * m * n);
    float *wt = aligned_alloc(64, sizeof(float) * m * n), *y = malloc(sizeof(float) * batch * m);
    int *arg = malloc(sizeof(int) * batch * m);
    unsigned state = 1;
    for (long e = 0; e < (long) batch * n; e++) x[e] = uniform(&state);
    for (long e = 0; e < (long) m * n; e++) w[e] = uniform(&state);
    for (int j = 0; j < m; j++)
        for (int i = 0; i < n; i++) wt[(size_t) (j / BLOCK) * n * BLOCK + (size_t) i * BLOCK + j % BLOCK] = w[(size_t) j * n + i];
    for (int with_arg = 1; with_arg >= 0; with_arg--) {
        double best = 1e30;
        for (int run = 0; run < repeats + 2; run++) { /* two warm-up runs */
            double start = now();
#pragma omp parallel for schedule(dynamic, 1)
            for (int k = 0; k < m / BLOCK; k++)
                for (int b0 = 0; b0 < batch; b0 += ROWS)
                    if (with_arg)
                        tile(x, wt + (size_t) k * n * BLOCK, n, m, b0, k * BLOCK, y, arg, 1);
                    else
                        tile(x, wt + (size_t) k * n * BLOCK, n, m, b0, k * BLOCK, y, arg, 0);
            double t = now() - start;
            if (run >= 2 && t < best) best = t;
        }
        for (int s = 0; s < 97; s++) { /* spot checks against a scalar loop */
            int b = (int) ((long) s * 7919 % batch), j = (int) ((long) s * 104729 % m), at = 0;
            float top = 0;
            for (int i = 0; i < n; i++) {
                float d = fabsf(x[(size_t) b * n + i] - w[(size_t) j * n + i]);
                if (d > top) top = d, at = i;
            }
            if (y[(size_t) b * m + j] != top || (with_arg && arg[(size_t) b * m + j] != at)) {
                fprintf(stderr, "linf_ceiling: wrong result at b=%d j=%d\n", b, j);
                return 1;
            }
        }
        printf("%s %d %d %d %.2f\n", with_arg ? "linf-argmax" : "linf-max", batch, n, m,
               (double) batch * n * m / best / 1e9);
    }
    return 0;
}
