/* The C side of the C-vs-Java decoder comparison: decodes every tile JavaDecodeBench wrote (PREFIX.pzs, .idx)
 * REPEATS times on one thread and prints MB/s and the SHA-256 of the decoded stack.
 * usage: bench_decode PREFIX REPEATS [MODEL] */
#define _POSIX_C_SOURCE 199309L
#include "../testutil.h"

/* testutil.h's counter is not used here */
int *pz_bench_failures(void) { return &failures; }

#include <time.h>

typedef struct row {
    size_t off, len;
    pz_identity id;
} row;

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_decode PREFIX REPEATS [MODEL]\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s.pzs", argv[1]);
    size_t len;
    uint8_t *streams = read_file(path, &len);
    snprintf(path, sizeof path, "%s.idx", argv[1]);
    FILE *f = fopen(path, "r");
    if (streams == NULL || f == NULL) {
        return 1;
    }
    unsigned sf, sh, sw;
    char dataset[1024];
    if (fscanf(f, "%u %u %u %1023s", &sf, &sh, &sw, dataset) != 4) {
        return 1;
    }
    uint32_t tag = pz_crc32c(0, dataset, strlen(dataset));
    row *rows = NULL;
    size_t n = 0, cap = 0;
    row r;
    while (fscanf(f, "%zu %zu %u %u %u %u %u %u", &r.off, &r.len, &r.id.t0, &r.id.y0, &r.id.x0, &r.id.frames,
                  &r.id.height, &r.id.width) == 8) {
        r.id.dataset_tag = tag;
        r.id.stack_frames = sf;
        r.id.stack_height = sh;
        r.id.stack_width = sw;
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            rows = realloc(rows, cap * sizeof *rows);
        }
        rows[n++] = r;
    }
    fclose(f);
    pz_model *model = NULL;
    pz_error e;
    if (argc > 3) {
        size_t mlen;
        uint8_t *m = read_file(argv[3], &mlen);
        if (m == NULL || pz_model_load(m, mlen, &model, &e) != PZ_OK) {
            return 1;
        }
        free(m);
    }
    size_t total = (size_t)sf * sh * sw, max_tile = 0;
    for (size_t i = 0; i < n; i++) {
        size_t s = (size_t)rows[i].id.frames * rows[i].id.height * rows[i].id.width;
        max_tile = s > max_tile ? s : max_tile;
    }
    uint16_t *stack = malloc(2 * total), *tile = malloc(2 * max_tile);
    double best = 1e30, best_cpu = 1e30;
    int repeats = atoi(argv[2]);
    for (int k = 0; k < repeats; k++) {
        struct timespec a, b, ca, cb;
        clock_gettime(CLOCK_MONOTONIC, &a);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ca);
        for (size_t i = 0; i < n; i++) {
            const pz_identity *id = &rows[i].id;
            if (pz_decode_tile_expect(streams + rows[i].off, rows[i].len, id, model, tile, max_tile, &e) != PZ_OK) {
                fprintf(stderr, "tile %zu: %s (offset %zu)\n", i, e.message, e.offset);
                return 1;
            }
            for (uint32_t t = 0; t < id->frames; t++) {
                for (uint32_t y = 0; y < id->height; y++) {
                    memcpy(stack + ((size_t)(id->t0 + t) * sh + id->y0 + y) * sw + id->x0,
                           tile + ((size_t)t * id->height + y) * id->width, 2 * (size_t)id->width);
                }
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cb);
        double c = (double)(cb.tv_sec - ca.tv_sec) + 1e-9 * (double)(cb.tv_nsec - ca.tv_nsec);
        best_cpu = c < best_cpu ? c : best_cpu;
        double s = (double)(b.tv_sec - a.tv_sec) + 1e-9 * (double)(b.tv_nsec - a.tv_nsec);
        best = s < best ? s : best;
    }
    char sha[65];
    samples_sha256(stack, total, sha);
    printf("C     %zu tiles, best of %d: wall %.3f s %.1f MB/s, thread CPU %.3f s %.1f MB/s, sha256 %s\n", n,
           repeats, best, 2.0 * (double)total / best / 1e6, best_cpu, 2.0 * (double)total / best_cpu / 1e6, sha);
    pz_model_free(model);
    return 0;
}
