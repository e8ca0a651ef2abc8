package labyrinth.cli.report;

import java.util.List;
import labyrinth.whatif.Baseline;
import labyrinth.whatif.Changes;
import labyrinth.whatif.Comparison;
import labyrinth.whatif.LeakSearch;
import labyrinth.whatif.MemorySearch;
import labyrinth.whatif.WhatIfResult;

/**
 * Everything {@code labyrinth whatif} reports. Immutable.
 *
 * @param changes the changes of the what-if shown (a search's answer included)
 * @param memorySearch null unless {@code --search memory}
 * @param leakSearch null unless {@code --search leaks}
 * @param notes what the user should know about the options (a fix that matched nothing)
 */
public record WhatIfReport(String name, Changes changes, Baseline baseline, WhatIfResult whatIf,
                           Comparison comparison, MemorySearch.Result memorySearch,
                           List<LeakSearch.Verdict> leakSearch, List<String> notes) {
    public WhatIfReport {
        leakSearch = leakSearch == null ? null : List.copyOf(leakSearch);
        notes = List.copyOf(notes);
    }
}
