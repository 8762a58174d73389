/* Tile stream decoder (docs/tile-format.md): header checks (§1), stored bodies (§2), the modelled body with its
 * value map, classical and learned models, frequency tables, rANS and raw bits (§3), error-bounded bodies (§6). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define V1_HEADER 32
#define V2_HEADER 60
#define MAX_SAMPLES ((uint64_t)0x7FFFFFF7) /* 2^31 - 9 */
#define CONTEXTS 72
#define TOKENS 68
#define PROB_BITS 12
#define PROB_SCALE (1u << PROB_BITS)
#define RANS_L (1u << 16)

/* ---- bit reader over one bit-packed section (LSB-first) ---- */

typedef struct bits {
    const uint8_t *p;
    size_t len;       /* bytes */
    size_t base;      /* the section's offset in the stream, for error offsets */
    uint64_t pos;     /* bits consumed */
} bits;

/* Reads an n-bit field, n <= 32. */
static inline int bits_read(bits *b, unsigned n, uint32_t *v) {
    if (n == 0) {
        *v = 0;
        return 1;
    }
    if (b->pos + n > (uint64_t)b->len * 8) {
        return 0;
    }
    size_t at = (size_t)(b->pos >> 3);
    unsigned sh = (unsigned)(b->pos & 7);
    uint64_t w = 0;
    size_t avail = b->len - at;
    if (avail >= 8) {
        const uint8_t *q = b->p + at;
        w = (uint64_t)q[0] | (uint64_t)q[1] << 8 | (uint64_t)q[2] << 16 | (uint64_t)q[3] << 24 |
            (uint64_t)q[4] << 32 | (uint64_t)q[5] << 40 | (uint64_t)q[6] << 48 | (uint64_t)q[7] << 56;
    } else {
        for (size_t i = 0; i < avail; i++) {
            w |= (uint64_t)b->p[at + i] << (8 * i);
        }
    }
    *v = (uint32_t)((w >> sh) & ((UINT64_C(1) << n) - 1));
    b->pos += n;
    return 1;
}

static size_t bits_offset(const bits *b) { return b->base + (size_t)(b->pos >> 3); }

/* Elias gamma (§3.1): more than 30 leading zeros is corrupt. */
static int bits_gamma(bits *b, uint32_t *v) {
    unsigned zeros = 0;
    for (;;) {
        uint32_t bit;
        if (!bits_read(b, 1, &bit)) {
            return 0;
        }
        if (bit) {
            break;
        }
        if (++zeros > 30) {
            return 0;
        }
    }
    uint32_t low;
    if (!bits_read(b, zeros, &low)) {
        return 0;
    }
    *v = (UINT32_C(1) << zeros) | low;
    return 1;
}

/* A section must be read to its last byte, padded with zero bits. */
static int bits_finished(const bits *b) {
    if ((b->pos + 7) / 8 != b->len) {
        return 0;
    }
    unsigned used = (unsigned)(b->pos & 7);
    return used == 0 || (b->p[b->len - 1] >> used) == 0;
}

/* ---- decoding state ---- */

typedef struct freq_table {
    uint16_t start[TOKENS + 1];
    uint16_t freq[TOKENS];
    uint8_t *slot_token; /* PROB_SCALE entries: the token of each slot; NULL when the context is absent */
} freq_table;

typedef struct body {
    uint32_t map_kind;
    uint32_t min, max_index;
    uint16_t *table; /* map kind 1: max_index + 1 values */
    uint32_t model_id;
    uint8_t model_sha[32];
    int32_t inter[13], intra[5];
    uint32_t bound_mode; /* 0 lossless, 1 absolute, 2 noise-scaled */
    uint32_t bound_n, kq, gain, dark, read_noise;
    freq_table ctx[CONTEXTS];
    uint8_t *slots; /* backing store of the slot tables */
    size_t rans_at, rans_len, raw_at, raw_len;
} body;

static void body_free(body *b) {
    free(b->table);
    free(b->slots);
}

static pz_status corrupt(pz_error *err, size_t offset, const char *what) {
    return pz_fail(err, PZ_ERR_CORRUPT, offset, "Corrupt tile stream: %s", what);
}

/* ---- header (§1) ---- */

static pz_status read_header(const uint8_t *s, size_t len, pz_tile_header *h, pz_error *err) {
    memset(h, 0, sizeof *h);
    if (len < V1_HEADER) {
        return pz_fail(err, PZ_ERR_CORRUPT, len, "Corrupt tile stream: %zu bytes, shorter than any header (32)", len);
    }
    if (memcmp(s, "PZTL", 4) != 0) {
        return corrupt(err, 0, "magic is not PZTL");
    }
    uint32_t version = s[4];
    if (version == 0) {
        return corrupt(err, 4, "format version 0");
    }
    if (version > PZ_TILE_FORMAT_MAX) {
        return pz_fail(err, PZ_ERR_UNSUPPORTED, 4,
                       "Unsupported tile stream: format version %u (this decoder reads 1..%d; a newer photonzip "
                       "wrote it)", version, PZ_TILE_FORMAT_MAX);
    }
    uint32_t header = version == 1 ? V1_HEADER : V2_HEADER;
    if (len < header) {
        return pz_fail(err, PZ_ERR_CORRUPT, len, "Corrupt tile stream: %zu bytes, shorter than its %u-byte header",
                       len, header);
    }
    h->version = version;
    h->header_size = header;
    h->method = s[5];
    h->flags = pz_u16le(s + 6);
    h->frames = pz_u32le(s + 8);
    h->height = pz_u32le(s + 12);
    h->width = pz_u32le(s + 16);
    h->sample_crc32c = pz_u32le(s + 20);
    h->body_length = pz_u32le(s + 24);
    if ((uint64_t)h->body_length != (uint64_t)len - header) {
        return pz_fail(err, PZ_ERR_CORRUPT, 24, "Corrupt tile stream: body length %u, but %zu bytes follow the header",
                       h->body_length, len - header);
    }
    size_t crc_at = header - 4;
    h->stream_crc32c = pz_u32le(s + crc_at);
    uint32_t crc = pz_crc32c(pz_crc32c(0, s, crc_at), s + header, len - header);
    if (crc != h->stream_crc32c) {
        return pz_fail(err, PZ_ERR_CORRUPT, crc_at, "Corrupt tile stream: stream CRC32C %08x, computed %08x",
                       h->stream_crc32c, crc);
    }
    if (h->method > 1) {
        return pz_fail(err, PZ_ERR_CORRUPT, 5, "Corrupt tile stream: method %u", h->method);
    }
    if (version == 1 && h->flags != 0) {
        return corrupt(err, 6, "reserved bytes 6-7 of a version 1 header are not 0");
    }
    if (version == 2) {
        if (h->flags & ~PZ_FLAG_BOUNDED) {
            return pz_fail(err, PZ_ERR_UNSUPPORTED, 6, "Unsupported tile stream: header flags %04x", h->flags);
        }
        if ((h->flags & PZ_FLAG_BOUNDED) && h->method == 0) {
            return corrupt(err, 6, "error-bounded flag on a stored body");
        }
    }
    if (h->frames == 0 || h->height == 0 || h->width == 0) {
        return corrupt(err, 8, "a tile dimension is 0");
    }
    h->samples = (uint64_t)h->frames * h->height * h->width; /* < 2^96 cannot overflow: checked below stepwise */
    if ((uint64_t)h->frames * h->height > MAX_SAMPLES || h->samples > MAX_SAMPLES) {
        return pz_fail(err, PZ_ERR_CORRUPT, 8, "Corrupt tile stream: %u x %u x %u samples exceed 2^31 - 9",
                       h->frames, h->height, h->width);
    }
    if (h->method == 0 && (uint64_t)h->body_length != 2 * h->samples) {
        return corrupt(err, 24, "stored body length is not 2 bytes per sample");
    }
    if (version == 2) {
        h->has_identity = 1;
        h->t0 = pz_u32le(s + 28);
        h->y0 = pz_u32le(s + 32);
        h->x0 = pz_u32le(s + 36);
        h->dataset_tag = pz_u32le(s + 40);
        h->stack_frames = pz_u32le(s + 44);
        h->stack_height = pz_u32le(s + 48);
        h->stack_width = pz_u32le(s + 52);
        const uint32_t origin[3] = {h->t0, h->y0, h->x0};
        const uint32_t size[3] = {h->frames, h->height, h->width};
        const uint32_t stack[3] = {h->stack_frames, h->stack_height, h->stack_width};
        for (int a = 0; a < 3; a++) {
            if (origin[a] >= 0x80000000u || stack[a] >= 0x80000000u || stack[a] == 0 ||
                (uint64_t)origin[a] + size[a] > stack[a]) {
                return corrupt(err, a == 0 ? 28 : a == 1 ? 32 : 36, "the tile does not lie within its stack");
            }
        }
    } else {
        h->stack_frames = h->frames;
        h->stack_height = h->height;
        h->stack_width = h->width;
    }
    h->model_id = 0;
    return PZ_OK;
}

static pz_status check_identity(const pz_tile_header *h, const pz_identity *e, pz_error *err) {
    if (h->frames != e->frames || h->height != e->height || h->width != e->width) {
        return pz_fail(err, PZ_ERR_IDENTITY, 8,
                       "Wrong tile stream: shape %u x %u x %u, expected %u x %u x %u", h->frames, h->height,
                       h->width, e->frames, e->height, e->width);
    }
    if (!h->has_identity) {
        return PZ_OK;
    }
    if (h->t0 != e->t0 || h->y0 != e->y0 || h->x0 != e->x0) {
        return pz_fail(err, PZ_ERR_IDENTITY, 28, "Wrong tile stream: origin (%u, %u, %u), expected (%u, %u, %u)",
                       h->t0, h->y0, h->x0, e->t0, e->y0, e->x0);
    }
    if (h->dataset_tag != e->dataset_tag) {
        return pz_fail(err, PZ_ERR_IDENTITY, 40, "Wrong tile stream: dataset tag %08x, expected %08x",
                       h->dataset_tag, e->dataset_tag);
    }
    if (h->stack_frames != e->stack_frames || h->stack_height != e->stack_height ||
        h->stack_width != e->stack_width) {
        return pz_fail(err, PZ_ERR_IDENTITY, 44,
                       "Wrong tile stream: stack %u x %u x %u, expected %u x %u x %u", h->stack_frames,
                       h->stack_height, h->stack_width, e->stack_frames, e->stack_height, e->stack_width);
    }
    return PZ_OK;
}

/* ---- metadata section (§3.1-3.3, §6.1) ---- */

#define NEED(expr, what)                                                                                         \
    do {                                                                                                         \
        if (!(expr)) {                                                                                           \
            return corrupt(err, bits_offset(md), what);                                                          \
        }                                                                                                        \
    } while (0)

static pz_status read_value_map(bits *md, body *b, pz_error *err) {
    uint32_t kind, min;
    NEED(bits_read(md, 2, &kind) && bits_read(md, 16, &min), "metadata ends in the value map");
    NEED(kind <= 1, "value map kind 2 or 3");
    b->map_kind = kind;
    b->min = min;
    if (kind == 0) {
        uint32_t max_index;
        NEED(bits_read(md, 16, &max_index), "metadata ends in the value map");
        NEED(min + max_index <= 65535, "offset value map beyond 65535");
        b->max_index = max_index;
        return PZ_OK;
    }
    uint32_t n;
    NEED(bits_gamma(md, &n), "bad value count in the value table");
    NEED(n <= 65536 - min, "value table longer than the values above its minimum");
    b->table = malloc(sizeof *b->table * n);
    if (b->table == NULL) {
        return pz_fail(err, PZ_ERR_NOMEM, bits_offset(md), "Cannot allocate the value table");
    }
    uint32_t v = min;
    b->table[0] = (uint16_t)v;
    for (uint32_t i = 1; i < n; i++) {
        uint32_t gap;
        NEED(bits_gamma(md, &gap), "bad gap in the value table");
        NEED(gap <= 65535 - v, "value table beyond 65535");
        v += gap;
        b->table[i] = (uint16_t)v;
    }
    b->max_index = n - 1;
    return PZ_OK;
}

static pz_status read_weights(bits *md, int32_t *w, uint32_t count, pz_error *err) {
    uint32_t n;
    NEED(bits_read(md, 8, &n), "metadata ends in the model parameters");
    NEED(n == count, "weight vector of the wrong length");
    for (uint32_t i = 0; i < count; i++) {
        uint32_t v;
        NEED(bits_read(md, 16, &v), "metadata ends in the model weights");
        w[i] = (int32_t)(int16_t)(uint16_t)v;
    }
    return PZ_OK;
}

static pz_status read_model(bits *md, body *b, pz_error *err) {
    uint32_t id;
    NEED(bits_read(md, 8, &id), "metadata ends before the model id");
    NEED(id == 1 || id == 2, "model id is neither 1 (classical) nor 2 (learned)");
    b->model_id = id;
    if (id == 2) {
        for (int i = 0; i < 32; i++) {
            uint32_t v;
            NEED(bits_read(md, 8, &v), "metadata ends in the model hash");
            b->model_sha[i] = (uint8_t)v;
        }
    }
    pz_status st = read_weights(md, b->inter, 13, err);
    return st != PZ_OK ? st : read_weights(md, b->intra, 5, err);
}

static pz_status read_bound(bits *md, body *b, pz_error *err) {
    uint32_t mode;
    NEED(bits_read(md, 8, &mode), "metadata ends before the bound");
    NEED(b->map_kind == 0, "error-bounded body with a value table");
    NEED(mode == 1 || mode == 2, "bound mode is neither 1 nor 2");
    b->bound_mode = mode;
    if (mode == 1) {
        NEED(bits_read(md, 16, &b->bound_n), "metadata ends in the bound");
        return PZ_OK;
    }
    NEED(bits_read(md, 16, &b->kq) && bits_read(md, 24, &b->gain) && bits_read(md, 24, &b->dark) &&
             bits_read(md, 24, &b->read_noise),
         "metadata ends in the bound");
    NEED(b->kq >= 1 && b->kq <= 4095, "bound K outside 1..4095");
    NEED(b->dark <= 65535u * 16, "bound dark level above 65535");
    NEED(b->read_noise < (1u << 20), "bound read noise at or above 2^20");
    NEED(b->gain != 0 || b->read_noise != 0, "bound gain and read noise both 0");
    return PZ_OK;
}

static pz_status read_tables(bits *md, body *b, pz_error *err) {
    int present = 0;
    for (int c = 0; c < CONTEXTS; c++) {
        freq_table *t = &b->ctx[c];
        uint32_t here;
        NEED(bits_read(md, 1, &here), "metadata ends in the frequency tables");
        if (!here) {
            continue;
        }
        uint32_t count;
        NEED(bits_gamma(md, &count), "bad token count");
        NEED(count <= TOKENS, "more than 68 tokens in a context");
        uint32_t sum = 0;
        for (uint32_t k = 0; k < TOKENS; k++) {
            uint32_t f = 0;
            if (k < count) {
                NEED(bits_gamma(md, &f), "bad frequency");
                f -= 1;
                NEED(f <= PROB_SCALE, "frequency above 4096");
            }
            t->start[k] = (uint16_t)sum;
            t->freq[k] = (uint16_t)f;
            sum += f;
            NEED(sum <= PROB_SCALE, "frequencies of a context sum above 4096");
        }
        NEED(sum == PROB_SCALE, "frequencies of a context do not sum to 4096");
        t->start[TOKENS] = (uint16_t)sum;
        t->slot_token = (uint8_t *)1; /* marks presence; replaced below */
        present++;
    }
    b->slots = malloc((size_t)(present > 0 ? present : 1) * PROB_SCALE);
    if (b->slots == NULL) {
        return pz_fail(err, PZ_ERR_NOMEM, bits_offset(md), "Cannot allocate the decoding tables");
    }
    uint8_t *next = b->slots;
    for (int c = 0; c < CONTEXTS; c++) {
        freq_table *t = &b->ctx[c];
        if (t->slot_token == NULL) {
            continue;
        }
        t->slot_token = next;
        for (int k = 0; k < TOKENS; k++) {
            memset(next + t->start[k], k, t->freq[k]);
        }
        next += PROB_SCALE;
    }
    return PZ_OK;
}

/* Reads the body's section lengths and its metadata; full = 0 stops after the model parameters (stream info). */
static pz_status read_body(const uint8_t *s, const pz_tile_header *h, body *b, int full, pz_error *err) {
    size_t at = h->header_size, blen = h->body_length;
    if (blen < 8) {
        return corrupt(err, at, "modelled body shorter than its two section lengths");
    }
    uint32_t m = pz_u32le(s + at);
    if (m > blen - 8) {
        return corrupt(err, at, "metadata length beyond the body");
    }
    bits mdb = {s + at + 4, m, at + 4, 0};
    bits *md = &mdb;
    pz_status st = read_value_map(md, b, err);
    if (st == PZ_OK) {
        st = read_model(md, b, err);
    }
    if (st != PZ_OK || !full) {
        return st;
    }
    if (h->flags & PZ_FLAG_BOUNDED) {
        st = read_bound(md, b, err);
        if (st != PZ_OK) {
            return st;
        }
    }
    st = read_tables(md, b, err);
    if (st != PZ_OK) {
        return st;
    }
    NEED(bits_finished(md), "metadata section not read to its last byte, or padding bits not 0");
    size_t r_at = at + 4 + m;
    uint32_t r = pz_u32le(s + r_at);
    size_t remain = blen - 8 - m;
    if (r < 4 || r > remain) {
        return corrupt(err, r_at, "rANS section length outside 4..what remains of the body");
    }
    b->rans_at = r_at + 4;
    b->rans_len = r;
    b->raw_at = r_at + 4 + r;
    b->raw_len = remain - r;
    return PZ_OK;
}

#undef NEED

/* ---- sample decoding (§3.2-3.5, §6) ---- */

static inline uint32_t ilog2(uint64_t v) {
#if defined(__GNUC__)
    return v == 0 ? 0 : 63 - (uint32_t)__builtin_clzll(v);
#endif
    uint32_t n = 0;
    while (v >>= 1) {
        n++;
    }
    return n;
}

/* The scale context of an error energy (§3.2.1): four contexts per octave of E + 4. */
static inline uint32_t energy_context(uint64_t e) {
    uint64_t v = e + 4;
    uint32_t n = ilog2(v);
    uint64_t c = 4 * (uint64_t)(n - 2) + ((v >> (n - 2)) & 3);
    return c > 71 ? 71 : (uint32_t)c;
}

static uint64_t isqrt64(uint64_t x) {
    uint64_t r = 0, bit = UINT64_C(1) << 62;
    while (bit > x) {
        bit >>= 2;
    }
    while (bit != 0) {
        if (x >= r + bit) {
            x -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return r;
}

static inline int64_t clamp64(int64_t v, int64_t hi) { return v < 0 ? 0 : v > hi ? hi : v; }

static inline int32_t clamp8(int64_t v) { return (int32_t)(v < -127 ? -127 : v > 127 ? 127 : v); }

/* Mode 2 (§6.2): δ for a predicted index, packed as δ << 8 | k(2δ + 1). */
static uint32_t noise_bound(const body *b, int64_t pred) {
    const int64_t value = pred + b->min;
    const int64_t over = 16 * value - (int64_t)b->dark;
    const uint64_t v = ((uint64_t)b->gain * (uint64_t)(over > 0 ? over : 0) +
                        16 * (uint64_t)b->read_noise * b->read_noise) >> 12;
    uint64_t delta = isqrt64((uint64_t)b->kq * b->kq * v) >> 12;
    delta = delta > 65535 ? 65535 : delta;
    return (uint32_t)(delta << 8 | energy_context(4 * (2 * delta + 1) - 4));
}

typedef struct coder {
    uint32_t x;
    const uint8_t *words;
    size_t nwords, next;
    bits raw;
} coder;

/* What one frame's samples read: the decoded frames, the residual magnitudes, the body and the bound. */
typedef struct frame {
    size_t t, W;
    uint16_t *cur, *acur;
    const uint16_t *prev, *aprev, *p2, *p3, *p4;
    const body *b;
    const pz_model *model;
    int64_t max_index, fixed_step, fixed_shift;
    uint32_t *bound_cache;
    int learned;
} frame;

/* Decodes sample i of the frame; the flags say which neighbours lie inside the tile. Always inlined, so the
 * interior call (all flags constant 1) compiles without the border tests. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline pz_status decode_sample(const frame *fr, coder *restrict cd, size_t i, int left, int left2, int right,
                                      int up, int up2, int down, pz_error *err) {
    const size_t t = fr->t, W = fr->W;
    uint16_t *cur = fr->cur, *acur = fr->acur;
    const uint16_t *prev = fr->prev, *aprev = fr->aprev, *p2 = fr->p2, *p3 = fr->p3, *p4 = fr->p4;
    const body *b = fr->b;
    const pz_model *model = fr->model;
    const int64_t max_index = fr->max_index, fixed_step = fr->fixed_step, fixed_shift = fr->fixed_shift;
    uint32_t *bound_cache = fr->bound_cache;
    const int learned = fr->learned;
            int64_t base, sum = 0;
            int64_t f[13];
            if (t == 0) {
                base = left ? cur[i - 1] : up ? cur[i - W] : (max_index + 1) >> 1;
                f[0] = up ? cur[i - W] - base : 0;
                f[1] = up && left ? cur[i - W - 1] - base : 0;
                f[2] = up && right ? cur[i - W + 1] - base : 0;
                f[3] = left2 ? cur[i - 2] - base : 0;
                f[4] = up2 ? cur[i - 2 * W] - base : 0;
                for (int k = 0; k < 5; k++) {
                    sum += b->intra[k] * f[k];
                }
            } else {
                base = prev[i];
                f[0] = p2[i] - base;
                f[1] = p3[i] - base;
                f[2] = p4[i] - base;
                f[3] = left ? cur[i - 1] - base : 0;
                f[4] = up ? cur[i - W] - base : 0;
                f[5] = up && left ? cur[i - W - 1] - base : 0;
                f[6] = up && right ? cur[i - W + 1] - base : 0;
                f[7] = left ? prev[i - 1] - base : 0;
                f[8] = up ? prev[i - W] - base : 0;
                f[9] = right ? prev[i + 1] - base : 0;
                f[10] = down ? prev[i + W] - base : 0;
                f[11] = up && left ? prev[i - W - 1] - base : 0;
                f[12] = up && right ? prev[i - W + 1] - base : 0;
                const int32_t *w = b->inter;
                sum = (int64_t)w[0] * f[0] + (int64_t)w[1] * f[1] + (int64_t)w[2] * f[2] + (int64_t)w[3] * f[3] +
                      (int64_t)w[4] * f[4] + (int64_t)w[5] * f[5] + (int64_t)w[6] * f[6] + (int64_t)w[7] * f[7] +
                      (int64_t)w[8] * f[8] + (int64_t)w[9] * f[9] + (int64_t)w[10] * f[10] +
                      (int64_t)w[11] * f[11] + (int64_t)w[12] * f[12];
            }
            const int64_t pc = clamp64(base + pz_asr(sum + 2048, 12), max_index);
            /* error energy of the neighbours' classical residual magnitudes */
            uint32_t en = 0, wsum = 0;
            if (left) {
                en += 2u * acur[i - 1];
                wsum += 2;
            }
            if (up) {
                en += 2u * acur[i - W];
                wsum += 2;
                if (left) {
                    en += acur[i - W - 1];
                    wsum += 1;
                }
                if (right) {
                    en += acur[i - W + 1];
                    wsum += 1;
                }
            }
            if (t > 0) {
                en += 2u * aprev[i];
                wsum += 2;
                if (left) {
                    en += aprev[i - 1];
                    wsum += 1;
                }
                if (right) {
                    en += aprev[i + 1];
                    wsum += 1;
                }
                if (up) {
                    en += aprev[i - W];
                    wsum += 1;
                }
                if (down) {
                    en += aprev[i + W];
                    wsum += 1;
                }
            }
            const uint32_t energy = wsum == 12 ? en : wsum ? en * 12 / wsum : 0;
            const uint32_t u = energy_context(energy);
            int64_t pred = pc;
            int64_t c = u;
            if (learned && t > 0) {
                const unsigned sh = ilog2((uint64_t)energy + 4) > 5 ? ilog2((uint64_t)energy + 4) - 5 : 0;
                int32_t in[PZ_MODEL_INPUTS];
                for (int k = 0; k < 13; k++) {
                    in[k] = clamp8(pz_asr(f[k], sh));
                }
                in[13] = clamp8(pz_asr(pc - base, sh));
                in[14] = (int32_t)u;
                in[15] = (int32_t)(base >> 10 > 63 ? 63 : base >> 10);
                int64_t o[2];
                pz_model_eval(model, in, o);
                pred = clamp64(pc + pz_asr(o[0] * ((int64_t)1 << sh), model->sloc),
                               max_index);
                c = (int64_t)u + pz_asr(o[1], model->sscale);
                c = c < 0 ? 0 : c > 71 ? 71 : c;
            }
            int64_t step = 1;
            if (b->bound_mode == 1) {
                step = fixed_step;
                c = c > fixed_shift ? c - fixed_shift : 0;
            } else if (b->bound_mode == 2) {
                uint32_t entry = bound_cache[pred];
                if (entry == UINT32_MAX) {
                    entry = noise_bound(b, pred);
                    bound_cache[pred] = entry;
                }
                step = 2 * (int64_t)(entry >> 8) + 1;
                c = c > (int64_t)(entry & 0xff) ? c - (int64_t)(entry & 0xff) : 0;
            }
            /* the residual's token (rANS), then its raw bits */
            const freq_table *tab = &b->ctx[c];
            if (tab->slot_token == NULL) {
                return corrupt(err, b->rans_at, "a sample is coded in an absent context");
            }
            const uint32_t slot = cd->x & (PROB_SCALE - 1);
            const uint32_t tok = tab->slot_token[slot];
            cd->x = (uint32_t)((uint64_t)tab->freq[tok] * (cd->x >> PROB_BITS) + slot - tab->start[tok]);
            if (cd->x < RANS_L) {
                if (cd->next >= cd->nwords) {
                    return corrupt(err, b->rans_at + 4 + 2 * cd->next, "rANS section ends before the last sample");
                }
                cd->x = cd->x << 16 | pz_u16le(cd->words + 2 * cd->next++);
            }
            const unsigned k = c >> 2 > 4 ? (unsigned)(c >> 2) - 4 : 0;
            const unsigned extra = tok < 16 ? 0 : ((tok - 16) >> 2) + 2;
            uint32_t field = 0;
            if (!bits_read(&cd->raw, extra + k, &field)) {
                return corrupt(err, bits_offset(&cd->raw), "raw-bit section ends before the last sample");
            }
            const uint64_t q = tok < 16 ? tok : ((uint64_t)(4 | ((tok - 16) & 3)) << extra) + (field >> k);
            const uint64_t mz = q << k | (field & ((1u << k) - 1));
            const int64_t e = (mz & 1) ? -(int64_t)((mz + 1) >> 1) : (int64_t)(mz >> 1);
            int64_t value;
            if (b->bound_mode != 0) {
                value = clamp64(pred + e * step, max_index);
            } else {
                value = pred + e;
                if (value < 0 || value > max_index) {
                    return corrupt(err, bits_offset(&cd->raw), "a decoded index lies outside the value map");
                }
            }
            cur[i] = (uint16_t)value;
            acur[i] = (uint16_t)(value > pc ? value - pc : pc - value);
    return PZ_OK;
}

static pz_status decode_samples(const uint8_t *s, const pz_tile_header *h, const body *b, const pz_model *model,
                                uint16_t *out, pz_error *err) {
    const size_t W = h->width, H = h->height, F = h->frames, HW = H * W;
    const int64_t max_index = b->max_index;
    const int learned = b->model_id == 2;
    uint16_t *abuf = HW <= SIZE_MAX / (2 * sizeof *abuf) ? malloc(2 * HW * sizeof *abuf) : NULL;
    if (abuf == NULL) {
        return pz_fail(err, PZ_ERR_NOMEM, h->header_size, "Cannot allocate %zu bytes of scratch", 4 * HW);
    }
    /* §6.2-6.3: the bound's step s = 2δ + 1 and the context shift k(s); constant in mode 1, a function of the
     * prediction in mode 2 (computed once per predicted value) */
    const int64_t fixed_step = 2 * (int64_t)b->bound_n + 1;
    const int64_t fixed_shift = energy_context((uint64_t)(4 * fixed_step - 4));
    uint32_t *bound_cache = NULL;
    if (b->bound_mode == 2) {
        bound_cache = malloc(((size_t)max_index + 1) * sizeof *bound_cache);
        if (bound_cache == NULL) {
            free(abuf);
            return pz_fail(err, PZ_ERR_NOMEM, h->header_size, "Cannot allocate the bound table");
        }
        memset(bound_cache, 0xff, ((size_t)max_index + 1) * sizeof *bound_cache);
    }
    coder cd;
    cd.x = pz_u32le(s + b->rans_at);
    cd.words = s + b->rans_at + 4;
    cd.nwords = (b->rans_len - 4) / 2;
    cd.next = 0;
    cd.raw = (bits){s + b->raw_at, b->raw_len, b->raw_at, 0};
    pz_status st = PZ_OK;
    if (cd.x < RANS_L) {
        st = corrupt(err, b->rans_at, "initial rANS state below 2^16");
        goto done;
    }
    for (size_t t = 0; t < F; t++) {
        uint16_t *cur = out + t * HW;
        const uint16_t *prev = t > 0 ? out + (t - 1) * HW : NULL;
        uint16_t *acur = abuf + (t & 1) * HW;
        const uint16_t *aprev = abuf + ((t + 1) & 1) * HW;
        const uint16_t *p2 = out + (t - (t < 2 ? t : 2)) * HW;
        const uint16_t *p3 = out + (t - (t < 3 ? t : 3)) * HW;
        const uint16_t *p4 = out + (t - (t < 4 ? t : 4)) * HW;
        const frame fr = {t, W, cur, acur, prev, aprev, p2, p3, p4, b, model, max_index, fixed_step, fixed_shift,
                          bound_cache, learned};
        for (size_t y = 0; y < H; y++) {
            const int up = y > 0, up2 = y > 1, down = y + 1 < H;
            const int interior_row = t > 0 && y > 1 && down;
            for (size_t x = 0; x < W; x++) {
                const size_t i = y * W + x;
                const int left = x > 0, right = x + 1 < W;
                if (interior_row && left && right) {
                    st = decode_sample(&fr, &cd, i, 1, x > 1, 1, 1, 1, 1, err);
                } else {
                    st = decode_sample(&fr, &cd, i, left, x > 1, right, up, up2, down, err);
                }
                if (st != PZ_OK) {
                    goto done;
                }
            }
        }
    }
    if (cd.x != RANS_L || cd.next != cd.nwords || (b->rans_len - 4) % 2 != 0) {
        st = corrupt(err, b->rans_at + b->rans_len, "rANS section not consumed exactly (final state or words left)");
        goto done;
    }
    if (!bits_finished(&cd.raw)) {
        st = corrupt(err, bits_offset(&cd.raw), "raw-bit section not read to its last byte, or padding bits not 0");
        goto done;
    }
done:
    free(bound_cache);
    free(abuf);
    return st;
}

/* ---- public entry points ---- */

pz_status pz_stream_info(const uint8_t *stream, size_t len, pz_tile_header *header, pz_error *err) {
    if (header == NULL || (stream == NULL && len > 0)) {
        return pz_fail(err, PZ_ERR_ARGUMENT, 0, "pz_stream_info: NULL argument");
    }
    pz_status st = read_header(stream, len, header, err);
    if (st != PZ_OK || header->method == 0) {
        if (st == PZ_OK) {
            pz_ok(err);
        }
        return st;
    }
    body b;
    memset(&b, 0, sizeof b);
    st = read_body(stream, header, &b, 0, err);
    if (st == PZ_OK) {
        header->model_id = b.model_id;
        memcpy(header->model_sha256, b.model_sha, 32);
        pz_ok(err);
    }
    body_free(&b);
    return st;
}

static pz_status decode(const uint8_t *s, size_t len, const pz_identity *expected, const pz_model *model,
                        uint16_t *out, size_t out_samples, pz_error *err) {
    if (s == NULL || out == NULL) {
        return pz_fail(err, PZ_ERR_ARGUMENT, 0, "pz_decode_tile: NULL stream or output");
    }
    pz_tile_header h;
    pz_status st = read_header(s, len, &h, err);
    if (st != PZ_OK) {
        return st;
    }
    if (expected != NULL && (st = check_identity(&h, expected, err)) != PZ_OK) {
        return st;
    }
    if (h.samples > out_samples) {
        return pz_fail(err, PZ_ERR_BUFFER, 8, "Tile of %u x %u x %u samples does not fit the %zu-sample buffer",
                       h.frames, h.height, h.width, out_samples);
    }
    const size_t n = (size_t)h.samples;
    if (h.method == 0) {
        const uint8_t *p = s + h.header_size;
        for (size_t i = 0; i < n; i++) {
            out[i] = (uint16_t)pz_u16le(p + 2 * i);
        }
    } else {
        body b;
        memset(&b, 0, sizeof b);
        st = read_body(s, &h, &b, 1, err);
        if (st == PZ_OK && b.model_id == 2) {
            if (model == NULL) {
                st = pz_fail(err, PZ_ERR_MISSING_MODEL, h.header_size + 4,
                             "Learned tile needs its model file, and none was given");
            } else if (memcmp(model->sha256, b.model_sha, 32) != 0) {
                st = pz_fail(err, PZ_ERR_MISSING_MODEL, h.header_size + 4,
                             "Learned tile needs the model file of another SHA-256 than the one given");
            }
        }
        if (st == PZ_OK) {
            st = decode_samples(s, &h, &b, model, out, err);
        }
        if (st == PZ_OK) {
            if (b.map_kind == 0) {
                const uint16_t min = (uint16_t)b.min;
                for (size_t i = 0; i < n; i++) {
                    out[i] = (uint16_t)(out[i] + min);
                }
            } else {
                for (size_t i = 0; i < n; i++) {
                    out[i] = b.table[out[i]];
                }
            }
        }
        body_free(&b);
        if (st != PZ_OK) {
            return st;
        }
    }
    uint32_t crc = pz_crc32c_samples(out, n);
    if (crc != h.sample_crc32c) {
        return pz_fail(err, PZ_ERR_CORRUPT, 20, "Corrupt tile stream: samples' CRC32C %08x, header says %08x", crc,
                       h.sample_crc32c);
    }
    pz_ok(err);
    return PZ_OK;
}

pz_status pz_decode_tile(const uint8_t *stream, size_t len, const pz_model *model, uint16_t *out,
                         size_t out_samples, pz_error *err) {
    return decode(stream, len, NULL, model, out, out_samples, err);
}

pz_status pz_decode_tile_expect(const uint8_t *stream, size_t len, const pz_identity *expected,
                                const pz_model *model, uint16_t *out, size_t out_samples, pz_error *err) {
    if (expected == NULL) {
        return pz_fail(err, PZ_ERR_ARGUMENT, 0, "pz_decode_tile_expect: NULL expected identity");
    }
    return decode(stream, len, expected, model, out, out_samples, err);
}
