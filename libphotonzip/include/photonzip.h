/*
 * libphotonzip: a portable decoder of photonzip tile streams (docs/tile-format.md) and learned model files
 * (docs/learned-model.md). C11, libc only.
 *
 * Thread safety: there is no global or static mutable state. Every function is reentrant; a loaded pz_model is
 * immutable and may be shared by any number of threads decoding at once. Each call writes only its own
 * arguments (the output buffer, the header struct, the error struct).
 *
 * Errors: every function returns a pz_status and, when given a non-NULL pz_error, fills it: the code (the same
 * value as returned), the byte offset from the start of the input where the problem was noticed, and a one-line
 * message naming the field and the problem. On success the error's code is PZ_OK and its message is empty.
 *
 * API version 1. Additions keep existing functions and struct layouts; a change that breaks either bumps
 * PZ_API_VERSION.
 */
#ifndef PHOTONZIP_H
#define PHOTONZIP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(PZ_BUILD_SHARED)
#define PZ_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) && !defined(PZ_INTERNAL_LINKAGE)
#define PZ_EXPORT __attribute__((visibility("default")))
#else
#define PZ_EXPORT
#endif

#define PZ_API_VERSION 1

/* The highest tile format version this decoder reads (docs/tile-format.md §5). */
#define PZ_TILE_FORMAT_MAX 2

/* A caller that allocates the output from an unverified header (no expected identity) should refuse tiles of
 * more samples than this (docs/tile-format.md §1.3 step 7); the decoder itself allocates only O(height * width)
 * scratch and never more than out_samples allows. */
#define PZ_DEFAULT_SAMPLE_LIMIT ((uint64_t)1 << 27)

typedef enum pz_status {
    PZ_OK = 0,
    /* The stream (or model file) is damaged or malformed: CRC mismatch, impossible field, truncation. */
    PZ_ERR_CORRUPT = 1,
    /* Written by a newer photonzip: a tile format version above PZ_TILE_FORMAT_MAX, or an unknown header flag. */
    PZ_ERR_UNSUPPORTED = 2,
    /* A learned tile (model id 2) decoded without a model, or with a model of another SHA-256. */
    PZ_ERR_MISSING_MODEL = 3,
    /* The model file is malformed or does not match its stored SHA-256. */
    PZ_ERR_INVALID_MODEL = 4,
    /* The stream is intact but was written for another tile (shape, origin, dataset tag or stack shape differ
     * from the expected identity): a stream in another tile's place. The docs count it as corrupt. */
    PZ_ERR_IDENTITY = 5,
    /* The tile has more samples than the limit allowed without an expected identity. */
    PZ_ERR_TOO_LARGE = 6,
    /* The caller's output buffer holds fewer samples than the tile. */
    PZ_ERR_BUFFER = 7,
    /* An argument is invalid (a NULL pointer where one is required). */
    PZ_ERR_ARGUMENT = 8,
    /* A scratch allocation failed. */
    PZ_ERR_NOMEM = 9
} pz_status;

typedef struct pz_error {
    pz_status code;
    size_t offset;      /* byte offset in the input (stream or model file) where the problem was noticed */
    char message[200];  /* one line, NUL-terminated */
} pz_error;

/* What a tile stream's header (and, for method 1, the start of its metadata) says. */
typedef struct pz_tile_header {
    uint32_t version;       /* tile format version: 1 or 2 */
    uint32_t header_size;   /* 32 (version 1) or 60 (version 2) */
    uint32_t method;        /* 0 stored, 1 modelled */
    uint32_t flags;         /* version 2 header flags; bit 0 PZ_FLAG_BOUNDED */
    uint32_t model_id;      /* 0 for stored bodies, 1 classical, 2 learned */
    uint32_t frames, height, width;
    uint64_t samples;       /* frames * height * width */
    uint32_t sample_crc32c; /* CRC32C of the decoded samples as little-endian uint16 */
    uint32_t body_length;
    uint32_t stream_crc32c;
    int has_identity;       /* 1 for version 2 */
    uint32_t t0, y0, x0;    /* version 2: the tile's origin in the stack; 0 for version 1 */
    uint32_t dataset_tag;   /* version 2: CRC32C of the dataset path in UTF-8; 0 for version 1 */
    uint32_t stack_frames, stack_height, stack_width; /* version 2; version 1: the tile's own shape */
    uint8_t model_sha256[32]; /* model id 2: the SHA-256 of the model file the tile needs; else zeros */
} pz_tile_header;

#define PZ_FLAG_BOUNDED 1u

/* The identity a caller expects for a tile (an archive's manifest row and its stack; docs/tile-format.md §1.3
 * step 7). Version 1 streams carry only the shape, so only frames/height/width are compared for them. */
typedef struct pz_identity {
    uint32_t frames, height, width;
    uint32_t t0, y0, x0;
    uint32_t dataset_tag;   /* pz_crc32c of the dataset path's UTF-8 bytes */
    uint32_t stack_frames, stack_height, stack_width;
} pz_identity;

typedef struct pz_model pz_model;

/* The library's version, e.g. "0.2.0". */
PZ_EXPORT const char *pz_version(void);

/* A short name of a status code ("corrupt", "unsupported", ...). */
PZ_EXPORT const char *pz_status_name(pz_status code);

/* CRC32C (Castagnoli) of len bytes, continuing from crc (pass 0 to start). */
PZ_EXPORT uint32_t pz_crc32c(uint32_t crc, const void *data, size_t len);

/* SHA-256 of len bytes into out. */
PZ_EXPORT void pz_sha256(const void *data, size_t len, uint8_t out[32]);

/* Reads and checks a stream's header (§1.3 steps 1-6: sizes, stream CRC, method, flags, identity fields) and,
 * for method 1, the model id and model hash from the metadata section. Does not decode the body. */
PZ_EXPORT pz_status pz_stream_info(const uint8_t *stream, size_t len, pz_tile_header *header, pz_error *err);

/* Loads a model file (docs/learned-model.md): checks its layout, limits and SHA-256. The bytes are copied; the
 * caller may free them afterwards. On success *model must be released with pz_model_free. */
PZ_EXPORT pz_status pz_model_load(const uint8_t *bytes, size_t len, pz_model **model, pz_error *err);

/* The model file's SHA-256 (the hash learned tiles name). */
PZ_EXPORT void pz_model_sha256(const pz_model *model, uint8_t out[32]);

PZ_EXPORT void pz_model_free(pz_model *model);

/* Decodes one tile stream into out: frames*height*width samples in t, y, x (C) order. out_samples is the
 * capacity of out in samples; a tile larger than it is refused before anything is decoded (PZ_ERR_BUFFER).
 * model is NULL unless the tile is learned (model id 2). Every check of §1.3 but the identity comparison is
 * made; the sample CRC is checked after the decode. On any error the content of out is unspecified. */
PZ_EXPORT pz_status pz_decode_tile(const uint8_t *stream, size_t len, const pz_model *model, uint16_t *out,
                                   size_t out_samples, pz_error *err);

/* As pz_decode_tile, and first compares the header with the expected identity (§1.3 step 7); a mismatch is
 * PZ_ERR_IDENTITY. Use this for a tile of an archive (the manifest row and the stack's dataset path). */
PZ_EXPORT pz_status pz_decode_tile_expect(const uint8_t *stream, size_t len, const pz_identity *expected,
                                          const pz_model *model, uint16_t *out, size_t out_samples,
                                          pz_error *err);

#ifdef __cplusplus
}
#endif

#endif
