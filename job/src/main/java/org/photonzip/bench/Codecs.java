package org.photonzip.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Codec names the bench understands: {@code photonzip}, {@code zstd-N}, {@code xz} / {@code xz-N}, {@code deflate} / {@code deflate-N}. */
public final class Codecs {
    /** What {@code bench} runs when no {@code --codecs} is given. */
    public static final String DEFAULT_LIST = "photonzip,zstd-3,zstd-19,xz,deflate";

    private static final Pattern NAME = Pattern.compile("(zstd|xz|deflate)(?:-(-?\\d+))?");

    private Codecs() {
    }

    /** A baseline byte codec by name; {@code xz} means preset 6 and {@code deflate} level 6, {@code zstd} level 3. */
    public static BlockCodec block(String name) {
        Matcher m = NAME.matcher(name.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("Unknown codec " + name + ": expected photonzip, zstd-N, xz[-N] or"
                    + " deflate[-N]");
        }
        int level = m.group(2) == null ? (m.group(1).equals("zstd") ? 3 : 6) : Integer.parseInt(m.group(2));
        return switch (m.group(1)) {
            case "zstd" -> new ZstdCodec(level);
            case "xz" -> new XzCodec(level);
            default -> new DeflateCodec(level);
        };
    }

    static List<Contender> contenders(List<String> names) {
        List<Contender> out = new ArrayList<>();
        for (String name : names) {
            out.add(name.trim().equalsIgnoreCase(PhotonzipContender.NAME)
                    ? new PhotonzipContender() : new BlockContender(block(name)));
        }
        return out;
    }
}
