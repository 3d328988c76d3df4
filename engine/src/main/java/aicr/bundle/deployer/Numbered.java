package aicr.bundle.deployer;

/** The {@code NNN-} folders of the shared layout. */
public final class Numbered {
    private Numbered() {
    }

    /** Three digits and a hyphen: a folder of an earlier bundle, removed before the new one lands. */
    public static boolean isFolderName(String name) {
        return name.length() >= 4 && name.charAt(3) == '-' && name.chars().limit(3).allMatch(c -> c >= '0' && c <= '9');
    }
}
