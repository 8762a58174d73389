/* Writes frames [t0, t0 + n) of a uint16 HDF5 dataset as raw little-endian samples (bench input).
 * usage: dump_stack FILE.h5 DATASET T0 N OUT.raw   (prints "frames height width") */
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: dump_stack FILE.h5 DATASET T0 N OUT.raw\n");
        return 2;
    }
    hid_t f = H5Fopen(argv[1], H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t d = H5Dopen2(f, argv[2], H5P_DEFAULT);
    hid_t space = H5Dget_space(d);
    hsize_t dims[3];
    if (f < 0 || d < 0 || H5Sget_simple_extent_ndims(space) != 3) {
        fprintf(stderr, "dump_stack: %s:%s is not a 3-D dataset\n", argv[1], argv[2]);
        return 1;
    }
    H5Sget_simple_extent_dims(space, dims, NULL);
    hsize_t start[3] = {(hsize_t)atoll(argv[3]), 0, 0}, count[3] = {(hsize_t)atoll(argv[4]), dims[1], dims[2]};
    if (start[0] + count[0] > dims[0]) {
        count[0] = dims[0] - start[0];
    }
    H5Sselect_hyperslab(space, H5S_SELECT_SET, start, NULL, count, NULL);
    hid_t mem = H5Screate_simple(3, count, NULL);
    size_t n = (size_t)(count[0] * count[1] * count[2]);
    unsigned short *buf = malloc(2 * n);
    if (H5Dread(d, H5T_STD_U16LE, mem, space, H5P_DEFAULT, buf) < 0) {
        return 1;
    }
    FILE *o = fopen(argv[5], "wb");
    fwrite(buf, 2, n, o);
    fclose(o);
    printf("%llu %llu %llu\n", (unsigned long long)count[0], (unsigned long long)count[1],
           (unsigned long long)count[2]);
    return 0;
}
