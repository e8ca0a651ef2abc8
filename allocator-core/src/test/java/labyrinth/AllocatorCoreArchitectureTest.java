package labyrinth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * allocator-core is the domain: it needs nothing but the JDK, knows no codec and no command, and
 * its packages do not go round in circles (issue 17). Fails the build when that comes back.
 */
@AnalyzeClasses(packages = "labyrinth", importOptions = ImportOption.DoNotIncludeTests.class)
class AllocatorCoreArchitectureTest {
    @ArchTest
    static final ArchRule needsOnlyTheJdk = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "labyrinth..")
            .as("allocator-core depends only on the JDK");

    @ArchTest
    static final ArchRule knowsNoCodecOrCommand = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("labyrinth.format..", "labyrinth.cli..",
                    "tools.jackson..", "com.fasterxml..", "picocli..", "org.jline..")
            .as("allocator-core knows no codec, command, Jackson, picocli or JLine");

    /** The machine, zones and allocator come first; the event model (labyrinth.trace) builds on them. */
    @ArchTest
    static final ArchRule domainKnowsNoTrace = noClasses().that().resideInAPackage("labyrinth.core..")
            .should().dependOnClassesThat().resideInAnyPackage("labyrinth.trace..", "labyrinth.replay..",
                    "labyrinth.gen..", "labyrinth.explain..", "labyrinth.reduce..", "labyrinth.stats..")
            .as("labyrinth.core depends on no other package of allocator-core");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("labyrinth.(**)")
            .should().beFreeOfCycles()
            .as("allocator-core's packages are free of cycles");
}
