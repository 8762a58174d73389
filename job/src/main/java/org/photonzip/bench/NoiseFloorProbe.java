package org.photonzip.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The entropy floor of a synthetic stack whose file also stores the noiseless intensity
 * ({@code /entry/data/intensity}), from {@code org.photonzip.generate.NoiseFloor}. That class lives with the
 * stack generator and may not be on the class path, so it is looked up at run time.
 */
public final class NoiseFloorProbe {
    /** The dataset whose presence marks a file the generator wrote. */
    public static final String INTENSITY_DATASET = "/entry/data/intensity";

    private static final String CLASS_NAME = "org.photonzip.generate.NoiseFloor";

    private NoiseFloorProbe() {
    }

    /** Bits per pixel of the noise floor of {@code h5}, or a text saying why it is not available. */
    public static Object bitsPerPixel(Path h5) {
        Method method;
        try {
            method = Class.forName(CLASS_NAME).getMethod("bitsPerPixel", Path.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return "n/a";
        }
        try {
            return ((Number) method.invoke(null, h5)).doubleValue();
        } catch (InvocationTargetException e) {
            return "n/a (" + e.getCause() + ")";
        } catch (IllegalAccessException | ClassCastException e) {
            return "n/a (" + e + ")";
        }
    }
}
