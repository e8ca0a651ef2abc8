package labyrinth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** One Format type, each command taking its own formats in the order its help lists them. */
class FormatTest {
    @Test
    void choicesConvertWhatTheyTakeAndListItInOrder() {
        Format.ForTriage triage = new Format.ForTriage();
        assertThat(triage).containsExactly("text", "json", "junit", "sarif");
        assertThat(new Format.ForReplay()).containsExactly("text", "json", "sarif", "junit");
        assertThat(new Format.TextOrJson()).containsExactly("text", "json");
        assertThat(triage.convert("junit")).isEqualTo(Format.junit);
        assertThatThrownBy(() -> new Format.TextOrJson().convert("sarif")).isInstanceOf(TypeConversionException.class)
                .hasMessage("expected one of [text, json] (case-sensitive) but was 'sarif'");
        // case-sensitive, like picocli's enums
        assertThatThrownBy(() -> triage.convert("JSON")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void aFormatTheCommandDoesNotTakeIsAUsageErrorInPicocliWordsForAnEnum() {
        for (String command : new String[] {"stats", "whatif", "explain"}) {
            Run r = Run.of(command, "--format", "sarif", "x.json");
            assertThat(r.exit()).as(command).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(command).startsWith("invalid value for option '--format': expected one of "
                    + "[text, json] (case-sensitive) but was 'sarif'");
        }
        assertThat(Run.of("triage", "--format", "html", "x.json").err()).startsWith("invalid value for option "
                + "'--format': expected one of [text, json, junit, sarif] (case-sensitive) but was 'html'");
        assertThat(Run.of("replay", "--format", "html", "x.json").err()).startsWith("invalid value for option "
                + "'--format': expected one of [text, json, sarif, junit] (case-sensitive) but was 'html'");
    }

    @Test
    void theCompletionScriptOffersEachCommandsFormats() {
        String script = Run.of("completion", "bash").out();
        assertThat(script).contains("local FORMAT_option_args=(\"text\" \"json\" \"sarif\" \"junit\")")
                .contains("local FORMAT_option_args=(\"text\" \"json\" \"junit\" \"sarif\")")
                .contains("local FORMAT_option_args=(\"text\" \"json\")");
    }
}
