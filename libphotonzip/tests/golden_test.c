/* Decodes every golden stream (codec-core/src/test/resources/golden) and every tile of every golden archive
 * (job/src/test/resources/golden-archives) and compares the samples' SHA-256 with the recorded one. Then refuses
 * damaged copies of the streams: every truncation and every single-bit flip must be an error. */
#include "testutil.h"

#define MAX_SAMPLES (1u << 20)

static uint16_t samples[MAX_SAMPLES];

/* One line of a tab- or comma-separated file split in place; returns the number of fields. */
static int split(char *line, char sep, char **field, int max) {
    int n = 0;
    char *p = line;
    while (n < max) {
        field[n++] = p;
        char *q = strchr(p, sep);
        if (q == NULL) {
            break;
        }
        *q = '\0';
        p = q + 1;
    }
    char *nl = strpbrk(field[n - 1], "\r\n");
    if (nl != NULL) {
        *nl = '\0';
    }
    return n;
}

static pz_model *load_model(const char *path) {
    size_t len;
    uint8_t *b = read_file(path, &len);
    if (b == NULL) {
        return NULL;
    }
    pz_model *m = NULL;
    pz_error e;
    pz_status st = pz_model_load(b, len, &m, &e);
    CHECK(st == PZ_OK, "model %s: %s (offset %zu)", path, e.message, e.offset);
    free(b);
    return m;
}

/* Every truncation and every bit flip of a stream is refused, never crashes. */
static void damage(const char *name, const uint8_t *s, size_t len, const pz_model *model) {
    pz_error e;
    uint8_t *copy = malloc(len);
    for (size_t cut = 0; cut < len; cut++) {
        memcpy(copy, s, cut);
        pz_status st = pz_decode_tile(copy, cut, model, samples, MAX_SAMPLES, &e);
        CHECK(st != PZ_OK, "%s truncated to %zu bytes decodes", name, cut);
        CHECK(st != PZ_OK && e.code == st && e.message[0] != '\0' && e.offset <= len, "%s cut %zu: error %d '%s'",
              name, cut, st, e.message);
    }
    for (size_t bit = 0; bit < 8 * len; bit++) {
        memcpy(copy, s, len);
        copy[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        pz_status st = pz_decode_tile(copy, len, model, samples, MAX_SAMPLES, &e);
        CHECK(st != PZ_OK, "%s with bit %zu flipped decodes", name, bit);
    }
    /* The same flips with the stream CRC made to match, so that every later check meets damaged input: a decode
     * must fail or (a flip the format cannot notice) give the original samples, and never crash. */
    pz_tile_header h;
    pz_error he;
    if (pz_stream_info(s, len, &h, &he) == PZ_OK) {
        size_t crc_at = h.header_size - 4, n = (size_t)h.samples;
        uint16_t *want = malloc(2 * n);
        CHECK(pz_decode_tile(s, len, model, want, n, &e) == PZ_OK, "%s: %s", name, e.message);
        /* about 1500 flips spread over the stream (all of them run for minutes under the sanitizers) */
        size_t step = 8 * len / 1500 + 1;
        for (size_t bit = 0; bit < 8 * len; bit += step) {
            if (bit / 8 >= crc_at && bit / 8 < crc_at + 4) {
                continue;
            }
            memcpy(copy, s, len);
            copy[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            uint32_t crc = pz_crc32c(pz_crc32c(0, copy, crc_at), copy + h.header_size, len - h.header_size);
            for (int k = 0; k < 4; k++) {
                copy[crc_at + k] = (uint8_t)(crc >> (8 * k));
            }
            pz_status st = pz_decode_tile(copy, len, model, samples, MAX_SAMPLES, &e);
            CHECK(st != PZ_OK || memcmp(samples, want, 2 * n) == 0, "%s with bit %zu flipped (CRC fixed) decodes "
                  "to other samples", name, bit);
            CHECK(st == PZ_OK || (e.code == st && e.message[0] != '\0' && e.offset <= len), "%s bit %zu: bad error",
                  name, bit);
        }
        free(want);
    }
    free(copy);
}

static void golden_streams(const char *root, const char *version, int *count) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/index.tsv", root, version);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    if (f == NULL) {
        return;
    }
    char line[2048];
    CHECK(fgets(line, sizeof line, f) != NULL, "empty %s", path);
    while (fgets(line, sizeof line, f) != NULL) {
        char *c[16];
        if (split(line, '\t', c, 16) != 14) {
            CHECK(0, "bad line in %s", path);
            continue;
        }
        pz_identity id = {(uint32_t)atol(c[6]), (uint32_t)atol(c[7]), (uint32_t)atol(c[8]),
                          (uint32_t)atol(c[3]), (uint32_t)atol(c[4]), (uint32_t)atol(c[5]),
                          pz_crc32c(0, c[2], strlen(c[2])), (uint32_t)atol(c[9]), (uint32_t)atol(c[10]),
                          (uint32_t)atol(c[11])};
        pz_model *model = NULL;
        if (strcmp(c[12], "-") != 0) {
            snprintf(path, sizeof path, "%s/%s", root, c[12]);
            model = load_model(path);
        }
        snprintf(path, sizeof path, "%s/%s/%s.pztl", root, version, c[0]);
        size_t len;
        uint8_t *s = read_file(path, &len);
        CHECK(s != NULL, "missing %s", path);
        if (s == NULL) {
            continue;
        }
        pz_tile_header h;
        pz_error e;
        pz_status st = pz_stream_info(s, len, &h, &e);
        CHECK(st == PZ_OK, "%s info: %s", path, e.message);
        CHECK(h.version == (uint32_t)atoi(c[1]), "%s: version %u", path, h.version);
        CHECK(h.model_id == (h.method == 0 ? 0u : model ? 2u : 1u), "%s: model id %u", path, h.model_id);
        st = pz_decode_tile_expect(s, len, &id, model, samples, MAX_SAMPLES, &e);
        CHECK(st == PZ_OK, "%s: %s (offset %zu)", path, e.message, e.offset);
        char sha[65];
        samples_sha256(samples, (size_t)h.samples, sha);
        CHECK(st == PZ_OK && strcmp(sha, c[13]) == 0, "%s: samples hash %s, expected %s", path, sha, c[13]);
        if (model != NULL) {
            st = pz_decode_tile(s, len, NULL, samples, MAX_SAMPLES, &e);
            CHECK(st == PZ_ERR_MISSING_MODEL, "%s without its model: %d", path, st);
        }
        pz_identity other = id;
        other.x0 += 1;
        st = pz_decode_tile_expect(s, len, &other, model, samples, MAX_SAMPLES, &e);
        CHECK(st == (h.has_identity ? PZ_ERR_IDENTITY : PZ_OK), "%s in another place: %d", path, st);
        other = id;
        other.width += 1;
        CHECK(pz_decode_tile_expect(s, len, &other, model, samples, MAX_SAMPLES, &e) == PZ_ERR_IDENTITY,
              "%s with another shape decodes", path);
        CHECK(pz_decode_tile(s, len, model, samples, (size_t)h.samples - 1, &e) == PZ_ERR_BUFFER,
              "%s into a short buffer", path);
        damage(path, s, len, model);
        (*count)++;
        free(s);
        pz_model_free(model);
    }
    fclose(f);
}

static void golden_archive(const char *dir, const char *name, const char *shape, const char *sha, int *tiles) {
    char path[8192];
    uint32_t sf, sh, sw;
    if (sscanf(shape, "%ux%ux%u", &sf, &sh, &sw) != 3) {
        CHECK(0, "bad shape %s", shape);
        return;
    }
    uint16_t *stack = calloc((size_t)sf * sh * sw, sizeof *stack);
    pz_model *model = NULL;
    snprintf(path, sizeof path, "%s/%s/model.pzm", dir, name);
    FILE *probe = fopen(path, "rb");
    if (probe != NULL) {
        fclose(probe);
        model = load_model(path);
    }
    snprintf(path, sizeof path, "%s/%s/manifest.csv", dir, name);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    if (f == NULL) {
        free(stack);
        return;
    }
    char line[2048];
    CHECK(fgets(line, sizeof line, f) != NULL, "empty %s", path);
    while (fgets(line, sizeof line, f) != NULL) {
        char *c[16];
        if (split(line, ',', c, 16) != 14) {
            CHECK(0, "bad line in %s", path);
            continue;
        }
        pz_identity id = {(uint32_t)atol(c[2]), (uint32_t)atol(c[4]), (uint32_t)atol(c[6]),
                          (uint32_t)atol(c[1]), (uint32_t)atol(c[3]), (uint32_t)atol(c[5]),
                          pz_crc32c(0, c[0], strlen(c[0])), sf, sh, sw};
        snprintf(path, sizeof path, "%s/%s/packs/%s", dir, name, c[7]);
        size_t len;
        uint8_t *pack = read_file(path, &len);
        size_t off = (size_t)atoll(c[8]), n = (size_t)atoll(c[9]);
        CHECK(pack != NULL && off <= len && n <= len - off, "%s: tile beyond its pack", path);
        if (pack == NULL || off > len || n > len - off) {
            free(pack);
            continue;
        }
        CHECK(pz_crc32c(0, pack + off, n) == (uint32_t)atoll(c[10]), "%s@%zu: stream CRC32C differs", path, off);
        pz_error e;
        pz_status st = pz_decode_tile_expect(pack + off, n, &id, model, samples, MAX_SAMPLES, &e);
        CHECK(st == PZ_OK, "%s@%zu: %s (offset %zu)", path, off, e.message, e.offset);
        char got[65];
        size_t count = (size_t)id.frames * id.height * id.width;
        samples_sha256(samples, count, got);
        CHECK(strcmp(got, c[11]) == 0, "%s@%zu: pixel hash %s, expected %s", path, off, got, c[11]);
        for (uint32_t t = 0; t < id.frames; t++) {
            for (uint32_t y = 0; y < id.height; y++) {
                memcpy(stack + ((size_t)(id.t0 + t) * sh + id.y0 + y) * sw + id.x0,
                       samples + ((size_t)t * id.height + y) * id.width, 2 * (size_t)id.width);
            }
        }
        free(pack);
        (*tiles)++;
    }
    fclose(f);
    char got[65];
    samples_sha256(stack, (size_t)sf * sh * sw, got);
    CHECK(strcmp(got, sha) == 0, "%s/%s: stack hash %s, expected %s", dir, name, got, sha);
    free(stack);
    pz_model_free(model);
}

static void golden_archives(const char *root, const char *version, int *archives, int *tiles) {
    char dir[2048], path[2100];
    snprintf(dir, sizeof dir, "%s/%s", root, version);
    snprintf(path, sizeof path, "%s/index.csv", dir);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    if (f == NULL) {
        return;
    }
    char line[2048];
    CHECK(fgets(line, sizeof line, f) != NULL, "empty %s", path);
    while (fgets(line, sizeof line, f) != NULL) {
        char *c[8];
        if (split(line, ',', c, 8) != 5) {
            CHECK(0, "bad line in %s", path);
            continue;
        }
        golden_archive(dir, c[0], c[1], c[4], tiles);
        (*archives)++;
    }
    fclose(f);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: golden_test GOLDEN_STREAMS_DIR GOLDEN_ARCHIVES_DIR TEST_DATA_DIR\n");
        return 2;
    }
    int streams = 0, archives = 0, tiles = 0;
    golden_streams(argv[1], "v1", &streams);
    golden_streams(argv[1], "v2", &streams);
    golden_streams(argv[3], "bounded", &streams);
    golden_archives(argv[2], "v1", &archives, &tiles);
    golden_archives(argv[2], "v2", &archives, &tiles);
    CHECK(streams == 21, "%d golden streams, expected 21 (18 golden, 3 error-bounded)", streams);
    CHECK(archives == 12, "%d golden archives, expected 12", archives);
    printf("golden_test: %d streams (each also truncated and bit-flipped), %d archives (%d tiles): %s\n", streams,
           archives, tiles, failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
