package labyrinth.format.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageFieldsTest {
    private static final String LINE = "x: mm_page_alloc: page=(null) pfn=0x1f order=3 gfp_flags=GFP_KERNEL  ";
    private static final int FROM = LINE.indexOf("page=");
    private static final int TO = LINE.indexOf("  ");

    private static long field(String key) {
        return PageFields.field(LINE, FROM, TO, key);
    }

    @Test
    void findsValuesInsideTheFieldsOnly() {
        assertThat(PageFields.text(LINE, field("order"))).isEqualTo("3");
        assertThat(PageFields.text(LINE, field("gfp_flags"))).isEqualTo("GFP_KERNEL");
        assertThat(field("mm_page_alloc")).isEqualTo(PageFields.ABSENT); // before the fields
        assertThat(field("flags")).isEqualTo(PageFields.ABSENT); // only inside another key
        assertThat(PageFields.text(LINE, PageFields.ABSENT)).isNull();
    }

    @Test
    void readsNumbersOrdersAndNullPages() {
        assertThat(PageFields.number(LINE, field("pfn"))).isEqualTo(0x1f);
        assertThat(PageFields.startsWith0x(LINE, field("pfn"))).isTrue();
        assertThat(PageFields.order(LINE, field("order"), 2)).isEqualTo(-1);
        assertThat(PageFields.order(LINE, field("order"), 10)).isEqualTo(3);
        assertThat(PageFields.isNullPage(LINE, field("page"))).isTrue();
        assertThat(PageFields.number(LINE, field("gfp_flags"))).isEqualTo(PageFields.BAD);
        String s = "page=0000 pfn= order=x";
        assertThat(PageFields.isNullPage(s, PageFields.field(s, 0, s.length(), "page"))).isTrue();
        assertThat(PageFields.number(s, PageFields.field(s, 0, s.length(), "pfn"))).isEqualTo(PageFields.BAD);
        assertThat(PageFields.hexValue("ffffea0000001000", PageFields.at(0, 16))).isEqualTo(0xffffea0000001000L);
    }
}
