/* libFuzzer target (clang -fsanitize=fuzzer,address,undefined). The first input byte picks what the rest is:
 *   bit 0 clear: a tile stream, as it is; set: with its body length and stream CRC made to fit (gets past the CRC
 *   to every later check); bit 1 set: a model file, with its trailing SHA-256 made to fit when bit 0 is set.
 * Learned streams decode with the golden model (PZ_FUZZ_MODEL, default the golden model.pzmd from libphotonzip/).
 * What must hold: no crash, no sanitizer report, and every error filled in (code, message, offset within input). */
#include "photonzip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SAMPLES (1u << 20)

static pz_model *golden_model;
static uint16_t *out;

static void require(int cond, const char *what) {
    if (!cond) {
        fprintf(stderr, "fuzz_decode: %s\n", what);
        abort();
    }
}

static void check_error(pz_status st, const pz_error *e, size_t len) {
    if (st != PZ_OK) {
        require(e->code == st && e->message[0] != '\0' && e->offset <= len, "error not filled in");
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    const char *path = getenv("PZ_FUZZ_MODEL");
    FILE *f = fopen(path != NULL ? path : "../codec-core/src/test/resources/golden/model.pzmd", "rb");
    if (f != NULL) {
        uint8_t buf[1 << 16];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        pz_error e;
        require(pz_model_load(buf, n, &golden_model, &e) == PZ_OK, "golden model does not load");
    }
    out = malloc(MAX_SAMPLES * sizeof *out);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) {
        return 0;
    }
    const unsigned mode = data[0];
    size_t len = size - 1;
    uint8_t *s = malloc(len + 1);
    memcpy(s, data + 1, len);
    pz_error e;
    if (mode & 2) {
        if ((mode & 1) && len >= 32) {
            pz_sha256(s, len - 32, s + len - 32);
        }
        pz_model *m = NULL;
        pz_status st = pz_model_load(s, len, &m, &e);
        check_error(st, &e, len);
        require((st == PZ_OK) == (m != NULL), "model and status disagree");
        pz_model_free(m);
        free(s);
        return 0;
    }
    if ((mode & 1) && len >= 32) {
        size_t header = s[4] == 1 ? 32 : 60;
        if (len >= header) {
            uint32_t body = (uint32_t)(len - header);
            for (int k = 0; k < 4; k++) {
                s[24 + k] = (uint8_t)(body >> (8 * k));
            }
            uint32_t crc = pz_crc32c(pz_crc32c(0, s, header - 4), s + header, len - header);
            for (int k = 0; k < 4; k++) {
                s[header - 4 + k] = (uint8_t)(crc >> (8 * k));
            }
        }
    }
    pz_tile_header h;
    pz_status info = pz_stream_info(s, len, &h, &e);
    check_error(info, &e, len);
    pz_status st = pz_decode_tile(s, len, golden_model, out, MAX_SAMPLES, &e);
    check_error(st, &e, len);
    if (st == PZ_OK) {
        require(info == PZ_OK, "decodes but its header is refused");
    }
    free(s);
    return 0;
}
