package labyrinth.cli.report.html;

/**
 * The geometry shared by the report's charts: the plot area's left edge and width, and how a
 * sample's position (0 to {@code samples - 1}) maps to x. Values map to y per panel through
 * {@link #y}. Immutable.
 */
record Frame(double left, double plotWidth, long samples) {
    static final double WIDTH = 1280;
    static final double LEFT = 110;
    static final double RIGHT = 120;

    static Frame of(long samples) {
        return new Frame(LEFT, WIDTH - LEFT - RIGHT, samples);
    }

    double right() {
        return left + plotWidth;
    }

    /** x of position {@code p}; a single sample sits at the left edge. */
    double x(double p) {
        return samples <= 1 ? left : left + p * plotWidth / (samples - 1);
    }

    /** y of {@code v} in a panel whose plot spans {@code top} to {@code top + height} for 0 to {@code max}. */
    static double y(double v, double max, double top, double height) {
        double m = max <= 0 ? 1 : max;
        return top + height - Math.min(v, m) * height / m;
    }
}
