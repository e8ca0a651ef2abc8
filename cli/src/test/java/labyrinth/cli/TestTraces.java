package labyrinth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small traces written as JSON text for triage and reduce tests; {@code noise} shifts every pfn and event number. */
final class TestTraces {
    private TestTraces() {
    }

    private static String alloc(String owner, String site) {
        return "{\"op\": \"alloc\", \"owner\": \"" + owner + "\", \"site\": \"" + site + "\"}";
    }

    private static String free(String owner, String site, long pfn) {
        return "{\"op\": \"free\", \"owner\": \"" + owner + "\", \"site\": \"" + site + "\", \"pfn\": " + pfn + "}";
    }

    private static String access(String owner, long pfn) {
        return "{\"op\": \"access\", \"owner\": \"" + owner + "\", \"pfn\": " + pfn + "}";
    }

    /** {@code noise} pages allocated first, then the bug ({@code double-free}, {@code use-after-free} or none), then all freed. */
    static String trace(int noise, String bug) {
        StringBuilder sb = new StringBuilder("{\"labyrinth\": 1, \"machine\": {\"pages\": 1024}, \"events\": [\n");
        for (int i = 0; i < noise; i++) {
            sb.append(alloc("kworker", "process_one_work+0x1f4")).append(",\n");
        }
        sb.append(alloc("nvme0q3", "nvme_alloc_prp_list+0x5c")).append(",\n");
        sb.append(free("nvme0q3", "nvme_complete_rq+0x40", noise)).append(",\n");
        switch (bug) {
            case "double-free" -> sb.append(free("nvme0q3", "nvme_timeout+0x1c", noise)).append(",\n");
            case "use-after-free" -> sb.append(access("virtio_blk", noise)).append(",\n");
            default -> { }
        }
        for (int i = 0; i < noise; i++) {
            sb.append(free("kworker", "process_one_work+0x2a8", i)).append(i + 1 < noise ? ",\n" : "\n");
        }
        if (noise == 0) {
            sb.setLength(sb.length() - 2);
            sb.append('\n');
        }
        return sb.append("]}\n").toString();
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** A folder of traces: the same double free from three runs, a use after free from two, a clean run, a broken file. */
    static Path ciFolder(Path dir) throws IOException {
        write(dir, "run-1/a.json", trace(3, "double-free"));
        write(dir, "run-2/b.json", trace(17, "double-free"));
        write(dir, "run-3/c.json", trace(40, "double-free"));
        write(dir, "run-1/d.json", trace(5, "use-after-free"));
        write(dir, "run-2/e.json", trace(9, "use-after-free"));
        write(dir, "run-3/clean.json", trace(4, "none"));
        write(dir, "run-3/broken.json", "{\"labyrinth\": 1, \"machine\": {\"pages\": 0}, \"events\": []}");
        write(dir, "run-3/notes.txt", "not a trace, not searched");
        return dir;
    }
}
