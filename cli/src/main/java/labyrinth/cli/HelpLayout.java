package labyrinth.cli;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.IOptionRenderer;
import picocli.CommandLine.Help.IParameterRenderer;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The layout of every {@code --help}: prose wraps at spaces only, examples are printed as written,
 * and a command's summary is printed once. picocli wraps with the JDK's line break rules, which break
 * after {@code .} and {@code /}: {@code trace.ndjson.gz} came out as {@code trace.} and
 * {@code ndjson.gz} on two lines, and a long example was cut in the middle of a file name.
 * Stateless; installed once per command line.
 */
final class HelpLayout {
    private HelpLayout() {
    }

    /** Applies the layout to {@code root} and every subcommand; call after all subcommands are added. */
    static void install(CommandLine root) {
        root.setHelpFactory(SpaceWrappingHelp::new);
        Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>(root.getHelpSectionMap());
        sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
        root.setHelpSectionMap(sections);
        // the header is the one-line summary the root's command list shows; above the usage line it
        // only repeated the description below it
        List<String> keys = new ArrayList<>(root.getHelpSectionKeys());
        keys.remove(UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
        keys.remove(UsageMessageSpec.SECTION_KEY_HEADER);
        root.setHelpSectionKeys(keys);
    }

    /** The description's paragraphs, each wrapped at spaces to the usage width. */
    private static String description(Help help) {
        StringBuilder sb = new StringBuilder();
        for (String paragraph : help.commandSpec().usageMessage().description()) {
            for (String line : format(paragraph).split("\\R", -1)) {
                for (int[] piece : pieces(line, help.commandSpec().usageMessage().width(), 0)) {
                    sb.append(help.colorScheme().text(line.substring(piece[0], piece[1])).toString())
                            .append(System.lineSeparator());
                }
            }
        }
        return sb.toString();
    }

    /** The examples, one a line and never wrapped: a wrapped example cannot be copied into a shell. */
    private static String footer(Help help) {
        StringBuilder sb = new StringBuilder();
        for (String line : help.commandSpec().usageMessage().footer()) {
            sb.append(help.colorScheme().text(format(line)).toString()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** {@code %n} and the like, as picocli expands them; text that is no format stays as it is. */
    private static String format(String s) {
        try {
            return String.format(s);
        } catch (IllegalFormatException e) {
            return s;
        }
    }

    /**
     * Where to cut {@code text} into lines of at most {@code first} characters, then {@code first - indent}
     * for the lines after it: {@code [start, end)} pairs, cut at spaces only. A word longer than a line
     * gets a line of its own, whole.
     */
    static List<int[]> pieces(String text, int first, int indent) {
        List<int[]> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int width = pieces.isEmpty() ? first : first - indent;
            if (text.length() - start <= width) {
                pieces.add(new int[] {start, text.length()});
                break;
            }
            int cut = text.lastIndexOf(' ', start + width);
            if (cut <= start) {
                cut = text.indexOf(' ', start + width);
                if (cut < 0) {
                    pieces.add(new int[] {start, text.length()});
                    break;
                }
            }
            int end = cut;
            while (end > start && text.charAt(end - 1) == ' ') {
                end--;
            }
            pieces.add(new int[] {start, end});
            start = cut;
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
        }
        if (pieces.isEmpty()) {
            pieces.add(new int[] {0, 0});
        }
        return pieces;
    }

    /**
     * The last column's text of each row cut at spaces into rows that fit its column, so that picocli
     * never wraps it; continuation rows are indented as picocli indents its own wrapped lines.
     */
    private static Text[][] fitted(Text[][] rows, Column column, int wrapIndent, ColorScheme scheme) {
        List<Text[]> out = new ArrayList<>();
        int last = rows.length == 0 ? 0 : rows[0].length - 1;
        for (Text[] row : rows) {
            Text text = row[last];
            List<int[]> pieces = pieces(text.plainString(), column.width - column.indent, wrapIndent);
            for (int i = 0; i < pieces.size(); i++) {
                Text[] r = i == 0 ? row.clone() : blank(row.length, scheme);
                Text piece = text.substring(pieces.get(i)[0], pieces.get(i)[1]);
                r[last] = i == 0 ? piece : scheme.text(" ".repeat(wrapIndent)).concat(piece);
                out.add(r);
            }
        }
        return out.toArray(new Text[0][]);
    }

    private static Text[] blank(int cells, ColorScheme scheme) {
        Text[] row = new Text[cells];
        for (int i = 0; i < cells; i++) {
            row[i] = scheme.text("");
        }
        return row;
    }

    /** picocli's help with the option, parameter and command lists cut at spaces. */
    private static final class SpaceWrappingHelp extends Help {
        SpaceWrappingHelp(CommandSpec spec, ColorScheme scheme) {
            super(spec, scheme);
        }

        @Override
        public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                ColorScheme scheme) {
            Layout base = super.createDefaultLayout(options, positionals, scheme);
            TextTable table = base.textTable();
            Column[] columns = table.columns();
            Column text = columns[columns.length - 1];
            int indent = table.indentWrappedLines;
            IOptionRenderer optionRenderer = createDefaultOptionRenderer();
            IParameterRenderer parameterRenderer = createDefaultParameterRenderer();
            return new Layout(scheme, table,
                    (option, labels, s) -> fitted(optionRenderer.render(option, labels, s), text, indent, s),
                    (param, labels, s) -> fitted(parameterRenderer.render(param, labels, s), text, indent, s));
        }

        @Override
        public String commandList(Map<String, Help> subcommands) {
            if (subcommands.isEmpty()) {
                return "";
            }
            int nameWidth = 0;
            for (Help h : subcommands.values()) {
                nameWidth = Math.max(nameWidth, h.commandNamesText(", ").plainString().length());
            }
            ColorScheme scheme = colorScheme();
            // the columns picocli gives the list: names, then the summary indented by two
            Column names = new Column(nameWidth + 2, 2, Column.Overflow.SPAN);
            Column summary = new Column(commandSpec().usageMessage().width() - (nameWidth + 2), 2,
                    Column.Overflow.WRAP);
            TextTable table = TextTable.forColumns(scheme, names, summary);
            for (Help h : subcommands.values()) {
                Text[] row = {h.commandNamesText(", "), scheme.text(summary(h.commandSpec()))};
                for (Text[] r : fitted(new Text[][] {row}, summary, table.indentWrappedLines, scheme)) {
                    table.addRowValues(r);
                }
            }
            return table.toString();
        }

        /** What the command list says of a command: its header, else its description's first line. */
        private static String summary(CommandSpec spec) {
            String[] header = spec.usageMessage().header();
            String[] description = spec.usageMessage().description();
            String s = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
            return format(s);
        }
    }
}
