/* JPEG-LS near-lossless round trip with CharLS: frames of uint16 in a raw file, one image per frame.
 * usage: charls_near NEAR WIDTH HEIGHT FRAMES IN.raw OUT.raw
 * prints: compressed_bytes encode_seconds decode_seconds */
#include <charls/charls.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: %s NEAR WIDTH HEIGHT FRAMES IN.raw OUT.raw\n", argv[0]);
        return 2;
    }
    int near = atoi(argv[1]), w = atoi(argv[2]), h = atoi(argv[3]), frames = atoi(argv[4]);
    size_t plane = (size_t) w * h * 2;
    unsigned char *in = malloc(plane * frames), *out = malloc(plane * frames);
    FILE *f = fopen(argv[5], "rb");
    if (!f || fread(in, 1, plane * frames, f) != plane * frames) {
        fprintf(stderr, "cannot read %s\n", argv[5]);
        return 1;
    }
    fclose(f);
    size_t capacity = plane * 2 + 4096, total = 0;
    unsigned char **streams = malloc(sizeof(unsigned char *) * frames);
    size_t *sizes = malloc(sizeof(size_t) * frames);
    double t0 = now();
    for (int i = 0; i < frames; i++) {
        charls_jpegls_encoder *enc = charls_jpegls_encoder_create();
        charls_frame_info info = {(uint32_t) w, (uint32_t) h, 16, 1};
        streams[i] = malloc(capacity);
        if (charls_jpegls_encoder_set_frame_info(enc, &info) || charls_jpegls_encoder_set_near_lossless(enc, near)
            || charls_jpegls_encoder_set_destination_buffer(enc, streams[i], capacity)
            || charls_jpegls_encoder_encode_from_buffer(enc, in + plane * i, plane, 0)) {
            fprintf(stderr, "encode failed at frame %d\n", i);
            return 1;
        }
        if (charls_jpegls_encoder_get_bytes_written(enc, &sizes[i])) {
            fprintf(stderr, "no size at frame %d\n", i);
            return 1;
        }
        total += sizes[i];
        charls_jpegls_encoder_destroy(enc);
    }
    double t1 = now();
    for (int i = 0; i < frames; i++) {
        charls_jpegls_decoder *dec = charls_jpegls_decoder_create();
        if (charls_jpegls_decoder_set_source_buffer(dec, streams[i], sizes[i]) || charls_jpegls_decoder_read_header(dec)
            || charls_jpegls_decoder_decode_to_buffer(dec, out + plane * i, plane, 0)) {
            fprintf(stderr, "decode failed at frame %d\n", i);
            return 1;
        }
        charls_jpegls_decoder_destroy(dec);
    }
    double t2 = now();
    f = fopen(argv[6], "wb");
    fwrite(out, 1, plane * frames, f);
    fclose(f);
    printf("%zu %.6f %.6f\n", total, t1 - t0, t2 - t1);
    return 0;
}
