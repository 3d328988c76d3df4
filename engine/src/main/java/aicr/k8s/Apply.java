package aicr.k8s;

/** Server-side apply conventions: every object aicr writes is applied with field manager {@code aicr}, forced. */
public final class Apply {
    private Apply() {
    }

    public static final String FIELD_MANAGER = "aicr";
}
