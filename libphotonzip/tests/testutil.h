/* Small helpers for the test programs: files, hex, a failure counter. */
#ifndef PZ_TESTUTIL_H
#define PZ_TESTUTIL_H

#include "photonzip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond, ...)                                                                                         \
    do {                                                                                                         \
        if (!(cond)) {                                                                                           \
            failures++;                                                                                          \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                                 \
            fprintf(stderr, __VA_ARGS__);                                                                        \
            fprintf(stderr, "\n");                                                                               \
        }                                                                                                        \
    } while (0)

/* Reads a whole file; NULL (and a message) when it cannot. */
static inline uint8_t *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "Cannot open %s\n", path);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            break;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static inline void hex(const uint8_t *d, size_t n, char *out) {
    for (size_t i = 0; i < n; i++) {
        snprintf(out + 2 * i, 3, "%02x", d[i]);
    }
}

/* SHA-256 hex of samples as little-endian uint16. */
static inline void samples_sha256(const uint16_t *s, size_t n, char out[65]) {
    uint8_t *b = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        b[2 * i] = (uint8_t)s[i];
        b[2 * i + 1] = (uint8_t)(s[i] >> 8);
    }
    uint8_t d[32];
    pz_sha256(b, 2 * n, d);
    hex(d, 32, out);
    free(b);
}

#endif
