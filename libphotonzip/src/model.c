/* The learned model file, version 1 (docs/learned-model.md): loading with every limit checked, and the exact
 * integer evaluation. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define MODEL_HEADER 16
#define LAYER_HEADER 8
#define MAX_BIAS (1 << 20)
#define MAX_SHIFT 24

static pz_status bad(pz_error *err, size_t offset, const char *what) {
    return pz_fail(err, PZ_ERR_INVALID_MODEL, offset, "Invalid model file: %s", what);
}

static pz_status read_layer(const uint8_t *b, size_t len, size_t *pos, int index, int count, int inputs,
                            pz_layer *layer, pz_error *err) {
    size_t at = *pos;
    if (len - at < LAYER_HEADER) {
        return bad(err, at, "truncated layer header");
    }
    int n = (int)pz_u16le(b + at), m = (int)pz_u16le(b + at + 2);
    unsigned shift = b[at + 4];
    int last = index == count - 1;
    if (n != inputs) {
        return bad(err, at, index == 0 ? "first layer must have 16 inputs" : "layer inputs differ from the "
                                                                             "previous layer's outputs");
    }
    if (last ? m != 2 : (m < 1 || m > PZ_MAX_UNITS)) {
        return bad(err, at + 2, last ? "output layer must have 2 units" : "hidden layer must have 1..64 units");
    }
    /* The output layer's shift and the reserved bytes are written 0 and not read (as the reference reader). */
    if (!last && shift > MAX_SHIFT) {
        return bad(err, at + 4, "layer shift above 24");
    }
    at += LAYER_HEADER;
    size_t need = (size_t)n * (size_t)m + 4 * (size_t)m;
    if (len - at < need) {
        return bad(err, at, "truncated layer weights");
    }
    layer->inputs = n;
    layer->outputs = m;
    layer->shift = last ? 0 : shift;
    for (size_t i = 0; i < (size_t)n * (size_t)m; i++) {
        int w = (int8_t)b[at + i];
        if (w == -128) {
            return bad(err, at + i, "weight -128 (|weight| must be <= 127)");
        }
        layer->weights[i] = w;
    }
    at += (size_t)n * (size_t)m;
    for (int j = 0; j < m; j++) {
        int64_t v = (int32_t)pz_u32le(b + at);
        if (v > MAX_BIAS || v < -MAX_BIAS) {
            return bad(err, at, "|bias| above 2^20");
        }
        layer->biases[j] = (int32_t)v;
        at += 4;
    }
    *pos = at;
    return PZ_OK;
}

pz_status pz_model_load(const uint8_t *bytes, size_t len, pz_model **out, pz_error *err) {
    if (out == NULL || (bytes == NULL && len > 0)) {
        return pz_fail(err, PZ_ERR_ARGUMENT, 0, "pz_model_load: NULL argument");
    }
    *out = NULL;
    if (len < MODEL_HEADER + 4 + 32) {
        return bad(err, 0, "shorter than the smallest model file");
    }
    if (memcmp(bytes, "PZMD", 4) != 0) {
        return bad(err, 0, "magic is not PZMD");
    }
    uint8_t digest[32];
    pz_sha256(bytes, len - 32, digest);
    if (memcmp(digest, bytes + len - 32, 32) != 0) {
        return bad(err, len - 32, "content does not match its stored SHA-256");
    }
    if (bytes[4] != 1) {
        return bad(err, 4, "version is not 1");
    }
    if (bytes[5] != 1) {
        return bad(err, 5, "architecture is not 1 (MLP refiner)");
    }
    int layers = bytes[8];
    if (layers < 1 || layers > PZ_MAX_LAYERS) {
        return bad(err, 8, "number of layers is not 1..3");
    }
    if (bytes[9] > MAX_SHIFT || bytes[10] > MAX_SHIFT) {
        return bad(err, 9, "Sloc or Sscale above 24");
    }
    pz_model *m = calloc(1, sizeof *m);
    if (m == NULL) {
        return pz_fail(err, PZ_ERR_NOMEM, 0, "Cannot allocate the model");
    }
    m->layers = layers;
    m->sloc = bytes[9];
    m->sscale = bytes[10];
    size_t body = len - 32;
    size_t pos = MODEL_HEADER;
    int inputs = PZ_MODEL_INPUTS;
    for (int l = 0; l < layers; l++) {
        pz_status st = read_layer(bytes, body, &pos, l, layers, inputs, &m->layer[l], err);
        if (st != PZ_OK) {
            free(m);
            return st;
        }
        inputs = m->layer[l].outputs;
    }
    if (body - pos < 4 || body - pos - 4 != pz_u32le(bytes + pos)) {
        free(m);
        return bad(err, pos, "metadata length does not end the file before its SHA-256");
    }
    memcpy(m->sha256, bytes + len - 32, 32);
    *out = m;
    pz_ok(err);
    return PZ_OK;
}

void pz_model_sha256(const pz_model *model, uint8_t out[32]) {
    if (model != NULL && out != NULL) {
        memcpy(out, model->sha256, 32);
    }
}

void pz_model_free(pz_model *model) { free(model); }

void pz_model_eval(const pz_model *model, const int32_t in[PZ_MODEL_INPUTS], int64_t out[2]) {
    int32_t act[2][PZ_MAX_UNITS];
    const int32_t *x = in;
    for (int l = 0; l < model->layers; l++) {
        const pz_layer *ly = &model->layer[l];
        int last = l == model->layers - 1;
        int32_t *y = act[l & 1];
        for (int j = 0; j < ly->outputs; j++) {
            /* |sum| < 2^24 by the format's limits, so int32 is exact. */
            int32_t s = ly->biases[j];
            const int32_t *w = ly->weights + (size_t)j * ly->inputs;
            for (int i = 0; i < ly->inputs; i++) {
                s += w[i] * x[i];
            }
            if (last) {
                out[j] = s;
            } else {
                int64_t a = pz_asr(s, ly->shift);
                y[j] = (int32_t)(a < 0 ? 0 : a > 255 ? 255 : a);
            }
        }
        x = y;
    }
}
