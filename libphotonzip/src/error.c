#include "internal.h"

#include <stdio.h>
#include <string.h>

pz_status pz_fail(pz_error *err, pz_status code, size_t offset, const char *fmt, ...) {
    if (err != NULL) {
        err->code = code;
        err->offset = offset;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

void pz_ok(pz_error *err) {
    if (err != NULL) {
        err->code = PZ_OK;
        err->offset = 0;
        err->message[0] = '\0';
    }
}

const char *pz_version(void) { return "0.1.0"; }

const char *pz_status_name(pz_status code) {
    switch (code) {
    case PZ_OK: return "ok";
    case PZ_ERR_CORRUPT: return "corrupt";
    case PZ_ERR_UNSUPPORTED: return "unsupported";
    case PZ_ERR_MISSING_MODEL: return "missing model";
    case PZ_ERR_INVALID_MODEL: return "invalid model";
    case PZ_ERR_IDENTITY: return "wrong tile";
    case PZ_ERR_TOO_LARGE: return "too large";
    case PZ_ERR_BUFFER: return "buffer too small";
    case PZ_ERR_ARGUMENT: return "invalid argument";
    case PZ_ERR_NOMEM: return "out of memory";
    }
    return "unknown";
}
