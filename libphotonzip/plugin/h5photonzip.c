/* HDF5 filter plugin: decodes chunks that are photonzip tile streams (docs/hdf5-filter.md). Decode only.
 *
 * Filter id 305 (HDF5's range for testing, 256-511, until one is registered). cd_values:
 *   [0] 1, the version of this parameter layout
 *   [1] [2] [3] chunk frames, height, width
 *   [4] (optional) length in bytes of the learned model file, then its bytes packed four per value,
 *       little-endian (byte i in bits 8*(i%4) of value 5 + i/4)
 * A chunk is exactly one tile stream; a stream smaller than the chunk (a tile at the stack's edge) fills the
 * chunk's top-left corner and the rest is zero. Nothing is cached between calls: the plugin is as thread-safe
 * as the HDF5 library calling it. */
#include "photonzip.h"

#include <H5PLextern.h>
#include <hdf5.h>
#include <string.h>

#define PZ_FILTER_ID 305
#define PZ_CD_VERSION 1

static size_t pz_filter(unsigned flags, size_t cd_nelmts, const unsigned cd_values[], size_t nbytes,
                        size_t *buf_size, void **buf);

static const H5Z_class2_t pz_filter_class = {
    H5Z_CLASS_T_VERS,
    (H5Z_filter_t)PZ_FILTER_ID,
    1, /* encoder_present: 1 so that datasets with the filter can be created for direct chunk writes (HDF5
        * refuses to create one when a loaded filter says it cannot encode); encoding itself fails */
    1, /* decoder_present */
    "photonzip tile stream (decode only; https://github.com/photonzip, docs/hdf5-filter.md)",
    NULL,
    NULL,
    pz_filter,
};

__attribute__((visibility("default"))) H5PL_type_t H5PLget_plugin_type(void) { return H5PL_TYPE_FILTER; }

__attribute__((visibility("default"))) const void *H5PLget_plugin_info(void) { return &pz_filter_class; }

static size_t refuse(const char *message) {
    H5Epush(H5E_DEFAULT, __FILE__, "photonzip filter", __LINE__, H5E_ERR_CLS, H5E_PLINE, H5E_CANTFILTER, "%s",
            message);
    return 0;
}

/* The model file carried in cd_values[4...], or NULL when there is none; 0 on a malformed parameter list. */
static int load_model(size_t cd_nelmts, const unsigned cd_values[], pz_model **model, char *why, size_t why_len) {
    *model = NULL;
    if (cd_nelmts <= 4) {
        return 1;
    }
    size_t len = cd_values[4];
    if (len == 0 || cd_nelmts - 5 != (len + 3) / 4) {
        snprintf(why, why_len, "photonzip filter: cd_values hold %zu values, a model of %zu bytes needs %zu",
                 cd_nelmts, len, 5 + (len + 3) / 4);
        return 0;
    }
    uint8_t *bytes = H5allocate_memory(len, 0);
    if (bytes == NULL) {
        snprintf(why, why_len, "photonzip filter: cannot allocate %zu bytes for the model", len);
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        bytes[i] = (uint8_t)(cd_values[5 + i / 4] >> (8 * (i % 4)));
    }
    pz_error err;
    pz_status st = pz_model_load(bytes, len, model, &err);
    H5free_memory(bytes);
    if (st != PZ_OK) {
        snprintf(why, why_len, "photonzip filter: model in cd_values: %s (byte %zu)", err.message, err.offset);
        return 0;
    }
    return 1;
}

static size_t pz_filter(unsigned flags, size_t cd_nelmts, const unsigned cd_values[], size_t nbytes,
                        size_t *buf_size, void **buf) {
    char why[400];
    if (!(flags & H5Z_FLAG_REVERSE)) {
        return refuse("photonzip filter: the plugin decodes only; write chunks with H5Dwrite_chunk "
                      "(photonzip export)");
    }
    if (cd_nelmts < 4 || cd_values[0] != PZ_CD_VERSION) {
        return refuse("photonzip filter: cd_values must start with 1, chunk frames, height, width");
    }
    const size_t cf = cd_values[1], ch = cd_values[2], cw = cd_values[3];
    if (cf == 0 || ch == 0 || cw == 0 || cf * ch > ((size_t)1 << 31) / cw) {
        return refuse("photonzip filter: chunk shape in cd_values is 0 or above 2^31 samples");
    }
    const uint8_t *stream = *buf;
    pz_tile_header h;
    pz_error err;
    if (pz_stream_info(stream, nbytes, &h, &err) != PZ_OK) {
        snprintf(why, sizeof why, "photonzip filter: chunk of %zu bytes: %s (byte %zu)", nbytes, err.message,
                 err.offset);
        return refuse(why);
    }
    if (h.frames > cf || h.height > ch || h.width > cw) {
        snprintf(why, sizeof why, "photonzip filter: tile %u x %u x %u is larger than the chunk %zu x %zu x %zu",
                 h.frames, h.height, h.width, cf, ch, cw);
        return refuse(why);
    }
    if (h.has_identity && (h.t0 % cf != 0 || h.y0 % ch != 0 || h.x0 % cw != 0)) {
        snprintf(why, sizeof why, "photonzip filter: tile at (%u, %u, %u) does not start a chunk of %zu x %zu x %zu",
                 h.t0, h.y0, h.x0, cf, ch, cw);
        return refuse(why);
    }
    pz_model *model = NULL;
    if (!load_model(cd_nelmts, cd_values, &model, why, sizeof why)) {
        return refuse(why);
    }
    const size_t out_bytes = 2 * cf * ch * cw;
    uint16_t *out = H5allocate_memory(out_bytes, 0);
    if (out == NULL) {
        pz_model_free(model);
        return refuse("photonzip filter: cannot allocate the chunk");
    }
    pz_status st = pz_decode_tile(stream, nbytes, model, out, cf * ch * cw, &err);
    pz_model_free(model);
    if (st != PZ_OK) {
        H5free_memory(out);
        snprintf(why, sizeof why, "photonzip filter: %s (byte %zu of the chunk)%s", err.message, err.offset,
                 st == PZ_ERR_MISSING_MODEL ? "; the dataset's filter parameters carry no or another model" : "");
        return refuse(why);
    }
    /* Spread the tile over the chunk, from the last row back, so no row overwrites one not yet moved. */
    if (h.height != ch || h.width != cw || h.frames != cf) {
        for (size_t t = h.frames; t-- > 0;) {
            for (size_t y = h.height; y-- > 0;) {
                memmove(out + (t * ch + y) * cw, out + (t * h.height + y) * h.width, 2 * (size_t)h.width);
                memset(out + (t * ch + y) * cw + h.width, 0, 2 * (cw - h.width));
            }
            memset(out + (t * ch + h.height) * cw, 0, 2 * (ch - h.height) * cw);
        }
        memset(out + h.frames * ch * cw, 0, 2 * (cf - h.frames) * ch * cw);
    }
    /* HDF5 wants the chunk in the file's byte order: the dataset is little-endian uint16 (H5T_STD_U16LE). */
    const uint16_t probe = 1;
    if (*(const uint8_t *)&probe == 0) {
        for (size_t i = 0; i < cf * ch * cw; i++) {
            out[i] = (uint16_t)(out[i] << 8 | out[i] >> 8);
        }
    }
    H5free_memory(*buf);
    *buf = out;
    *buf_size = out_bytes;
    return out_bytes;
}
