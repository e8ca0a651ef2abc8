package labyrinth.format;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * trace-format holds the codecs: it builds on allocator-core and never on the command line, its
 * codec packages do not go round in circles, and the root package is a base the codecs share plus
 * one front door ({@link TraceFiles}) that knows them all, so no cycle runs through it (issue 17).
 */
@AnalyzeClasses(packages = "labyrinth.format", importOptions = ImportOption.DoNotIncludeTests.class)
class TraceFormatArchitectureTest {
    @ArchTest
    static final ArchRule knowsNoCommand = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("labyrinth.cli..", "picocli..", "org.jline..")
            .as("trace-format never depends on labyrinth.cli, picocli or JLine");

    @ArchTest
    static final ArchRule noCycles = slices().matching("labyrinth.format.(*)..")
            .should().beFreeOfCycles()
            .as("the codec packages of trace-format are free of cycles");

    @ArchTest
    static final ArchRule baseKnowsNoCodec = noClasses().that().resideInAPackage("labyrinth.format")
            .and().doNotHaveSimpleName("TraceFiles")
            .should().dependOnClassesThat().resideInAPackage("labyrinth.format.*..")
            .as("the base classes of labyrinth.format know no codec (only TraceFiles does)");

    @ArchTest
    static final ArchRule codecsDoNotOpenFiles = noClasses().that().resideInAPackage("labyrinth.format.*..")
            .should().dependOnClassesThat().haveFullyQualifiedName("labyrinth.format.TraceFiles")
            .as("no codec goes back through TraceFiles");

    /** The rules of the format are TraceRules' (allocator-core); a codec does not copy the entry-point table. */
    @ArchTest
    static final ArchRule entryPointsOnce = noClasses().should().haveSimpleName("EntryPoints")
            .as("the entry-point table lives once, in labyrinth.trace");
}
