package org.photonzip.archive;

import java.util.regex.Pattern;

/**
 * The names an archive may list: a plain file name at the top, or {@code packs/NAME}. Anything else (an empty
 * segment, {@code .} or {@code ..}, an absolute path, a scheme, a backslash, a control character) could make a
 * reader open a file outside the archive, so it is refused before any file is opened.
 */
final class ArchivePaths {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,254}");

    private ArchivePaths() {}

    /** @throws InvalidArchiveException naming {@code field} unless {@code name} stays inside the archive */
    static String checked(String name, String where, String field) {
        String[] parts = name == null ? new String[0] : name.split("/", -1);
        boolean ok = parts.length == 1
                ? plain(parts[0])
                : parts.length == 2 && ArchiveLayout.PACKS.equals(parts[0]) && plain(parts[1]);
        if (!ok) {
            throw new InvalidArchiveException("Invalid archive " + where + ": " + field + " names " + quoted(name)
                    + ", which is not a file inside the archive");
        }
        return name;
    }

    /** A pack's file name as the manifest gives it (without {@code packs/}). */
    static String checkedPack(String pack, String where, String field) {
        if (pack == null || !plain(pack)) {
            throw new InvalidArchiveException("Invalid archive " + where + ": " + field + " names pack " + quoted(pack)
                    + ", which is not a file name");
        }
        return pack;
    }

    private static boolean plain(String s) {
        return NAME.matcher(s).matches() && !s.equals(".") && !s.equals("..") && !s.contains("..");
    }

    private static String quoted(String s) {
        if (s == null) {
            return "nothing";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return '"' + shown.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
