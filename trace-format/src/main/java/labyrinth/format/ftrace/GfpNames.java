package labyrinth.format.ftrace;

/**
 * The flag spellings kernels have printed ({@link KernelGfp}: current names, names without the
 * leading underscores, renamed legacy names), for readers outside the importer. Stateless.
 */
public final class GfpNames {
    private GfpNames() {
    }

    /** @return the model's bits of one printed flag or composite name, or -1 when the model does not know it */
    public static long bitsOf(String name) {
        return KernelGfp.bitsOf(name);
    }
}
