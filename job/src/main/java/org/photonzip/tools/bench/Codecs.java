package org.photonzip.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.photonzip.codec.learned.ModelFile;

/**
 * Codec names the bench understands: {@code photonzip}, {@code photonzip-learned} / {@code photonzip-learned-tf}
 * (the learned model, encoded with the Java evaluator / TensorFlow), {@code zstd-N}, {@code xz} / {@code xz-N},
 * {@code deflate} / {@code deflate-N}.
 */
public final class Codecs {
    /** What {@code bench} runs when no {@code --codecs} is given. */
    public static final String DEFAULT_LIST = "photonzip,zstd-3,zstd-19,xz,deflate";

    private static final Pattern NAME = Pattern.compile("(zstd|xz|deflate)(?:-(-?\\d+))?");

    private Codecs() {}

    /** A baseline byte codec by name; {@code xz} means preset 6 and {@code deflate} level 6, {@code zstd} level 3. */
    public static BlockCodec block(String name) {
        Matcher m = NAME.matcher(name.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("Unknown codec " + name
                    + ": expected photonzip, photonzip-learned[-tf], zstd-N, xz[-N] or" + " deflate[-N]");
        }
        int level = m.group(2) == null ? (m.group(1).equals("zstd") ? 3 : 6) : Integer.parseInt(m.group(2));
        return switch (m.group(1)) {
            case "zstd" -> new ZstdCodec(level);
            case "xz" -> new XzCodec(level);
            default -> new DeflateCodec(level);
        };
    }

    /** True for the codecs that need a learned model ({@code photonzip-learned}, {@code photonzip-learned-tf}). */
    public static boolean isLearned(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.equals(LearnedContender.JAVA) || n.equals(LearnedContender.TF);
    }

    static List<Contender> contenders(List<String> names, ModelFile model) {
        List<Contender> out = new ArrayList<>();
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.equals(PhotonzipContender.NAME)) {
                out.add(new PhotonzipContender());
            } else if (isLearned(n)) {
                if (model == null) {
                    throw new IllegalArgumentException("Invalid codec " + name
                            + ": needs a learned model (--model FILE " + "or --train-seconds N)");
                }
                out.add(new LearnedContender(n, model));
            } else {
                out.add(new BlockContender(block(name)));
            }
        }
        return out;
    }
}
