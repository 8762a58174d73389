/* Internal helpers shared by the decoder's translation units; not part of the API. */
#ifndef PZ_INTERNAL_H
#define PZ_INTERNAL_H

#include "photonzip.h"

#include <stdarg.h>

/* Records an error (code, byte offset, printf-style message) and returns its code. */
pz_status pz_fail(pz_error *err, pz_status code, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

void pz_ok(pz_error *err);

uint32_t pz_crc32c_samples(const uint16_t *samples, size_t n);

static inline uint32_t pz_u16le(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static inline uint32_t pz_u32le(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* v >> s as floor division by 2^s, also for negative v (C leaves >> of negatives to the implementation). */
static inline int64_t pz_asr(int64_t v, unsigned s) { return v >= 0 ? v >> s : -((-(v + 1)) >> s) - 1; }

/* The learned model (docs/learned-model.md), weights widened for evaluation. */
#define PZ_MAX_LAYERS 3
#define PZ_MAX_UNITS 64
#define PZ_MODEL_INPUTS 16

typedef struct pz_layer {
    int inputs, outputs;
    unsigned shift;
    int32_t weights[PZ_MAX_UNITS * PZ_MAX_UNITS]; /* [out][in] */
    int32_t biases[PZ_MAX_UNITS];
} pz_layer;

struct pz_model {
    int layers;
    unsigned sloc, sscale;
    pz_layer layer[PZ_MAX_LAYERS];
    uint8_t sha256[32];
};

/* Evaluates the network on 16 inputs; writes the two outputs. */
void pz_model_eval(const pz_model *model, const int32_t in[PZ_MODEL_INPUTS], int64_t out[2]);

#endif
