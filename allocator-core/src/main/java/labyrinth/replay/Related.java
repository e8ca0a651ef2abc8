package labyrinth.replay;

/**
 * Another event a finding points to, KASAN style. {@code owner} and {@code site} may be null; line
 * and column are 0 when unknown.
 */
public record Related(Role role, long event, long line, int column, String owner, String site) {
    /** What the other event was to the finding, with the word reports use for it. */
    public enum Role {
        /** Where the block was allocated. */
        ALLOC("alloc"),
        /** Where it was freed. */
        FREE("free"),
        /** The allocation of the block its previous holder had on the page. */
        PREVIOUS_OWNER("previous-owner"),
        /** What a panic blames. */
        TRIGGER("trigger");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        /** The role as reports spell it: {@code previous-owner}. */
        public String label() {
            return label;
        }
    }
}
