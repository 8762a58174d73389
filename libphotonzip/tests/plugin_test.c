/* The HDF5 filter plugin, through the HDF5 library as any application uses it: writes golden tile streams as
 * chunks with H5Dwrite_chunk into datasets with filter 305, reads them back with H5Dread (HDF5_PLUGIN_PATH must
 * name the plugin's directory) and compares every sample with the photonzip decoder's. */
#include "testutil.h"

#include <hdf5.h>

#define FILTER 305

/* A dataset of the given shape and chunk with the photonzip filter; extra cd_values (a model) after the four. */
static hid_t create(hid_t file, const char *name, const hsize_t shape[3], const hsize_t chunk[3],
                    const unsigned *model_cd, size_t model_cd_n) {
    unsigned cd[1024] = {1, (unsigned)chunk[0], (unsigned)chunk[1], (unsigned)chunk[2]};
    memcpy(cd + 4, model_cd, model_cd_n * sizeof *cd);
    /* extendible, so that a chunk may be larger than the dataset (the edge case below) */
    const hsize_t unlimited[3] = {H5S_UNLIMITED, H5S_UNLIMITED, H5S_UNLIMITED};
    hid_t space = H5Screate_simple(3, shape, unlimited);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 3, chunk);
    CHECK(H5Pset_filter(dcpl, FILTER, H5Z_FLAG_MANDATORY, 4 + model_cd_n, cd) >= 0, "H5Pset_filter");
    hid_t d = H5Dcreate2(file, name, H5T_STD_U16LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    CHECK(d >= 0, "H5Dcreate2 %s", name);
    H5Pclose(dcpl);
    H5Sclose(space);
    return d;
}

static void write_chunk(hid_t d, const hsize_t at[3], const uint8_t *s, size_t len) {
    CHECK(H5Dwrite_chunk(d, H5P_DEFAULT, 0, at, len, s) >= 0, "H5Dwrite_chunk at %llu,%llu,%llu",
          (unsigned long long)at[0], (unsigned long long)at[1], (unsigned long long)at[2]);
}

/* Reads the whole dataset and compares its samples' SHA-256; expect_ok 0: the read must fail. */
static void read_back(hid_t d, size_t n, const char *sha, int expect_ok, const char *what) {
    uint16_t *buf = calloc(n, 2);
    herr_t r;
    H5E_BEGIN_TRY { r = H5Dread(d, H5T_NATIVE_UINT16, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf); }
    H5E_END_TRY;
    if (expect_ok) {
        char got[65];
        samples_sha256(buf, n, got);
        CHECK(r >= 0, "%s: H5Dread failed", what);
        CHECK(r >= 0 && strcmp(got, sha) == 0, "%s: hash %s, expected %s", what, got, sha);
    } else {
        CHECK(r < 0, "%s: H5Dread succeeded", what);
    }
    free(buf);
}

static void model_cd(const uint8_t *m, size_t len, unsigned *cd, size_t *n) {
    cd[0] = (unsigned)len;
    memset(cd + 1, 0, (len + 3) / 4 * sizeof *cd);
    for (size_t i = 0; i < len; i++) {
        cd[1 + i / 4] |= (unsigned)m[i] << (8 * (i % 4));
    }
    *n = 1 + (len + 3) / 4;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: plugin_test GOLDEN_STREAMS_DIR GOLDEN_ARCHIVES_DIR OUT.h5\n");
        return 2;
    }
    char path[4096];
    hid_t file = H5Fcreate(argv[3], H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    CHECK(file >= 0, "cannot create %s", argv[3]);

    /* 1. A whole golden archive: 8 tiles of 4 x 16 x 16 from two packs, one chunk each. */
    {
        const hsize_t shape[3] = {8, 32, 32}, chunk[3] = {4, 16, 16};
        hid_t d = create(file, "archive", shape, chunk, NULL, 0);
        snprintf(path, sizeof path, "%s/v2/classical.pz/manifest.csv", argv[2]);
        FILE *f = fopen(path, "r");
        CHECK(f != NULL, "cannot open %s", path);
        char line[1024];
        int tiles = 0;
        while (f != NULL && fgets(line, sizeof line, f) != NULL) {
            char pack[256];
            unsigned t0, nf, y0, nh, x0, nw;
            size_t off, len;
            if (sscanf(line, "/entry/data/data,%u,%u,%u,%u,%u,%u,%255[^,],%zu,%zu", &t0, &nf, &y0, &nh, &x0, &nw,
                       pack, &off, &len) != 9) {
                continue;
            }
            char pp[4400];
            snprintf(pp, sizeof pp, "%s/v2/classical.pz/packs/%s", argv[2], pack);
            size_t plen;
            uint8_t *p = read_file(pp, &plen);
            CHECK(p != NULL && off + len <= plen, "%s", pp);
            const hsize_t at[3] = {t0, y0, x0};
            if (p != NULL && off + len <= plen) {
                write_chunk(d, at, p + off, len);
                tiles++;
            }
            free(p);
        }
        if (f != NULL) {
            fclose(f);
        }
        CHECK(tiles == 8, "%d tiles written, expected 8", tiles);
        read_back(d, 8 * 32 * 32, "ab821a7fee91da141dff41f67eba66d018337dd8c2613ef1de2123a978b04639", 1, "archive");
        H5Dclose(d);
    }

    /* 2. An edge tile: a 6 x 20 x 24 stream in an 8 x 32 x 32 chunk fills its corner, the rest reads as 0; the
     *    dataset's shape is the tile's, so the read sees exactly the tile. */
    snprintf(path, sizeof path, "%s/v2/classical.pztl", argv[1]);
    size_t clen;
    uint8_t *classical = read_file(path, &clen);
    const char *classical_sha = "f898c8ac4da4dcae100851afdc57da21b233c89d940ae659ad8870aff06a83e0";
    {
        const hsize_t shape[3] = {6, 20, 24}, chunk[3] = {8, 32, 32}, at[3] = {0, 0, 0};
        hid_t d = create(file, "edge", shape, chunk, NULL, 0);
        write_chunk(d, at, classical, clen);
        read_back(d, 6 * 20 * 24, classical_sha, 1, "edge tile");
        H5Dclose(d);
    }
    /* 3. A damaged chunk is an error, never samples. */
    {
        const hsize_t shape[3] = {6, 20, 24}, chunk[3] = {6, 20, 24}, at[3] = {0, 0, 0};
        hid_t d = create(file, "damaged", shape, chunk, NULL, 0);
        classical[clen / 2] ^= 0x10;
        write_chunk(d, at, classical, clen);
        classical[clen / 2] ^= 0x10;
        read_back(d, 6 * 20 * 24, NULL, 0, "damaged chunk");
        H5Dclose(d);
    }
    /* 4. A learned tile with its model in cd_values, and without it (an error naming the model). */
    {
        snprintf(path, sizeof path, "%s/v2/learned.pztl", argv[1]);
        size_t llen, mlen, n;
        uint8_t *learned = read_file(path, &llen);
        snprintf(path, sizeof path, "%s/model.pzmd", argv[1]);
        uint8_t *model = read_file(path, &mlen);
        unsigned cd[1000];
        model_cd(model, mlen, cd, &n);
        const hsize_t shape[3] = {6, 20, 24}, chunk[3] = {6, 20, 24}, at[3] = {0, 0, 0};
        hid_t d = create(file, "learned", shape, chunk, cd, n);
        write_chunk(d, at, learned, llen);
        read_back(d, 6 * 20 * 24, "a16e088e75c3b0530cbd4dfa295197c76a2f8a449ee2e7ed2e464c33a1ad2ada", 1, "learned");
        H5Dclose(d);
        d = create(file, "learned-no-model", shape, chunk, NULL, 0);
        write_chunk(d, at, learned, llen);
        read_back(d, 6 * 20 * 24, NULL, 0, "learned tile without its model");
        H5Dclose(d);
        free(learned);
        free(model);
    }
    free(classical);
    H5Fclose(file);

    /* 5. The file reopened, as a reader that did not write it. */
    file = H5Fopen(argv[3], H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t d = H5Dopen2(file, "edge", H5P_DEFAULT);
    read_back(d, 6 * 20 * 24, classical_sha, 1, "edge tile, reopened");
    H5Dclose(d);
    H5Fclose(file);
    printf("plugin_test: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
