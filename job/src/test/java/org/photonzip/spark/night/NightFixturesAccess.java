package org.photonzip.spark.night;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** {@link NightFixtures} for tests in other packages. */
public final class NightFixturesAccess {
    private NightFixturesAccess() {}

    /** Every file under {@code dir}: size, modification time and SHA-256. */
    public static Map<String, String> snapshot(Path dir) throws IOException {
        return NightFixtures.snapshot(dir);
    }
}
