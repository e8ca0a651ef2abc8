package labyrinth.replay;

/**
 * Another event a finding points to, KASAN style: where the block was allocated ({@code alloc}),
 * where it was freed ({@code free}), its previous holder ({@code previous-owner}), a panic's
 * {@code trigger}. {@code owner} and {@code site} may be null; line and column are 0 when unknown.
 */
public record Related(String role, long event, long line, long column, String owner, String site) {
}
