/* Several threads decode at once with one shared model (the Python package calls the decoder so, with the GIL
 * released): every decode must give the single-threaded samples. `make tsan` runs it under ThreadSanitizer. */
#include "testutil.h"

#include <pthread.h>

#define THREADS 4
#define ROUNDS 50

typedef struct job {
    const uint8_t *stream;
    size_t len;
    const pz_model *model;
    const uint16_t *want;
    size_t n;
    int bad;
} job;

static void *work(void *arg) {
    job *j = arg;
    uint16_t *out = malloc(2 * j->n);
    pz_error e;
    for (int r = 0; r < ROUNDS; r++) {
        if (pz_decode_tile(j->stream, j->len, j->model, out, j->n, &e) != PZ_OK ||
            memcmp(out, j->want, 2 * j->n) != 0) {
            j->bad++;
        }
    }
    free(out);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: thread_test GOLDEN_STREAMS_DIR\n");
        return 2;
    }
    char path[4096];
    size_t len, mlen;
    snprintf(path, sizeof path, "%s/v2/learned.pztl", argv[1]);
    uint8_t *stream = read_file(path, &len);
    snprintf(path, sizeof path, "%s/model.pzmd", argv[1]);
    uint8_t *mbytes = read_file(path, &mlen);
    if (stream == NULL || mbytes == NULL) {
        return 1;
    }
    pz_model *model = NULL;
    pz_error e;
    CHECK(pz_model_load(mbytes, mlen, &model, &e) == PZ_OK, "model: %s", e.message);
    free(mbytes); /* the model keeps its own copy */
    pz_tile_header h;
    CHECK(pz_stream_info(stream, len, &h, &e) == PZ_OK, "%s", e.message);
    size_t n = (size_t)h.samples;
    uint16_t *want = malloc(2 * n);
    CHECK(pz_decode_tile(stream, len, model, want, n, &e) == PZ_OK, "%s", e.message);
    pthread_t th[THREADS];
    job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){stream, len, model, want, n, 0};
        CHECK(pthread_create(&th[i], NULL, work, &jobs[i]) == 0, "pthread_create");
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        CHECK(jobs[i].bad == 0, "thread %d: %d of %d decodes differ", i, jobs[i].bad, ROUNDS);
    }
    printf("thread_test: %d threads x %d decodes of a learned tile, one shared model: %s\n", THREADS, ROUNDS,
           failures ? "FAILED" : "ok");
    pz_model_free(model);
    free(want);
    free(stream);
    return failures ? 1 : 0;
}
