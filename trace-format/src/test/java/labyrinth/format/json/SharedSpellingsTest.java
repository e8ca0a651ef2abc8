package labyrinth.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import labyrinth.core.Gfp;
import labyrinth.trace.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event reader's shortcuts (keys matched by Jackson, values looked up by their characters)
 * give what a plain reading would: the same keys however they are written, and the same values,
 * with one String per spelling.
 */
class SharedSpellingsTest {
    @TempDir
    Path dir;

    @Test
    void eventsShareOneStringPerSpellingOfOwnerSiteAndFn() throws Exception {
        StringBuilder sb = new StringBuilder("{\"labyrinth\":1,\"machine\":{\"pages\":4096}}\n");
        for (int i = 0; i < 40; i++) {
            sb.append("{\"op\":\"alloc\",\"owner\":\"pid:").append(i % 3).append("/gr\u00fc\u00df\",\"site\":\"s+0x")
                    .append(i % 4).append("\",\"fn\":\"labyrinth_void_alloc_page_gfp_kernel\"}\n");
        }
        List<Event> events = TraceIo.readAll(TraceIo.write(dir, "t.jsonl", sb.toString()));
        assertThat(events).hasSize(40);
        for (int i = 12; i < 40; i++) {
            Event.Alloc a = (Event.Alloc) events.get(i);
            Event.Alloc same = (Event.Alloc) events.get(i - 12);
            assertThat(a.common().owner()).isEqualTo("pid:" + i % 3 + "/gr\u00fc\u00df")
                    .isSameAs(same.common().owner());
            assertThat(a.common().site()).isEqualTo("s+0x" + i % 4).isSameAs(same.common().site());
            assertThat(a.fn()).isSameAs(((Event.Alloc) events.get(0)).fn());
        }
    }

    @Test
    void keysWrittenWithEscapesOrSpacesOrUnknownReadAsThePlainOnes() throws Exception {
        List<Event> events = TraceIo.readAll(TraceIo.write(dir, "t.jsonl", """
                {"labyrinth":1,"machine":{"pages":4096}}
                {"\\u006fp":"alloc", "owner" : "a","p\\u0066n":8,"later":{"op":[1,"free"]},"order":1,"gfpUnparsed":"x"}
                {  "op"  :  "free" ,  "pfn"  :  8  }
                """));
        Event.Alloc a = (Event.Alloc) events.get(0);
        assertThat(a.pfn()).isEqualTo(8);
        assertThat(a.order()).isEqualTo(1);
        assertThat(a.common().owner()).isEqualTo("a");
        assertThat(a.gfpUnparsed()).isEqualTo("x");
        assertThat(((Event.Free) events.get(1)).pfn()).isEqualTo(8);
    }

    @Test
    void eachGfpSpellingKeepsItsOwnMaskAsTheTableGrows() throws Exception {
        StringBuilder sb = new StringBuilder("{\"labyrinth\":1,\"machine\":{\"pages\":4096}}\n");
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 300; k++) {
                sb.append("{\"op\":\"alloc\",\"gfp\":\"0x").append(Integer.toHexString(k)).append("\"}\n");
            }
            sb.append("{\"op\":\"alloc\",\"gfp\":\"GFP_KERNEL | __GFP_ZERO\"}\n");
        }
        List<Event> events = TraceIo.readAll(TraceIo.write(dir, "t.jsonl", sb.toString()));
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 300; k++) {
                assertThat(((Event.Alloc) events.get(round * 301 + k)).gfp()).as("0x%x", k).isEqualTo(k);
            }
            assertThat(((Event.Alloc) events.get(round * 301 + 300)).gfp()).isEqualTo(Gfp.GFP_KERNEL | Gfp.ZERO);
        }
    }
}
