package labyrinth.explain;

/** Linux's node list syntax ({@code 0}, {@code 0-1}, {@code 0,2-3}) as printed in mems_allowed. Stateless. */
final class NodeList {
    private NodeList() {
    }

    /** Whether {@code list} names {@code node}; true for a list it cannot read, so nothing is claimed. */
    static boolean contains(String list, int node) {
        for (String part : list.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1));
                if (node >= lo && node <= hi) {
                    return true;
                }
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }
}
