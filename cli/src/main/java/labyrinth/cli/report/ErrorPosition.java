package labyrinth.cli.report;

/**
 * Where a reading error points in its trace, taken from its one-line message
 * ({@code FILE:LINE:COL: event N: ...}, as every reader renders it). Immutable.
 *
 * @param line 1-based, 0 when the message names no line
 * @param column 1-based, 0 likewise
 */
record ErrorPosition(long line, int column) {
    static ErrorPosition of(String name, String error) {
        if (error == null || !error.startsWith(name + ":")) {
            return new ErrorPosition(0, 0);
        }
        String[] parts = error.substring(name.length() + 1).split(":", 3);
        long line = number(parts[0]);
        long column = line > 0 && parts.length > 1 ? number(parts[1]) : 0;
        return new ErrorPosition(line, (int) Math.min(column, Integer.MAX_VALUE));
    }

    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(s);
    }
}
