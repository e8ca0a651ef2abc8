package labyrinth.trace;

/**
 * A trace that cannot be read: malformed, unsupported, over a reader limit, or unreadable on
 * disk. Carries where, so that {@link #getMessage()} reads {@code FILE:LINE:COL: event N: detail}
 * (parts that are unknown are left out).
 */
public class TraceException extends Exception {
    private final String file;
    private final long line;
    private final int column;
    private final long event;
    private final String detail;

    /**
     * @param line 1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     * @param event the event number, or -1 when the error is not inside an event
     */
    public TraceException(String file, long line, int column, long event, String detail, Throwable cause) {
        super(render(file, line, column, event, detail), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.event = event;
        this.detail = detail;
    }

    public TraceException(String file, long line, int column, long event, String detail) {
        this(file, line, column, event, detail, null);
    }

    private static String render(String file, long line, int column, long event, String detail) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(':');
        }
        if (line > 0) {
            sb.append(line).append(':');
            if (column > 0) {
                sb.append(column).append(':');
            }
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        if (event >= 0) {
            sb.append("event ").append(event).append(": ");
        }
        return sb.append(detail).toString();
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public int column() {
        return column;
    }

    public long event() {
        return event;
    }

    /** The message without its location. */
    public String detail() {
        return detail;
    }
}
