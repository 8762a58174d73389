package org.photonzip.cli;

import org.photonzip.plan.TileShape;
import picocli.CommandLine.Option;

/**
 * {@code --tile} of the commands that cut a stack into tiles (compress, bench, bench-job): the largest tile, or
 * {@code auto}, the tile planner's choice per stack. (explain's {@code --tile Y0,X0} picks one tile of an archive
 * by its corner: another option of the same name.)
 */
public final class TileOption {
    @Option(
            names = "--tile",
            paramLabel = "FRAMESxHxW|auto",
            defaultValue = "auto",
            description = "Largest tile "
                    + "(default auto: chosen per stack by the tile planner from measurements: up to 512 x 512 pixels and "
                    + "about 4 M samples, at least 64 frames).")
    String tile;

    /** The largest tile asked for, or null for the planner's choice; an invalid shape is an IllegalArgumentException. */
    TileShape shape() {
        return tile == null || "auto".equals(tile) ? null : TileShape.parse(tile);
    }
}
