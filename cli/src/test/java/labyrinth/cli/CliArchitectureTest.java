package labyrinth.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * No package cycles inside cli (issue 17). Each package is its own slice, so a cycle between the
 * commands (labyrinth.cli) and a package below them is caught too; none is excused.
 */
@AnalyzeClasses(packages = "labyrinth.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("labyrinth.(**)")
            .should().beFreeOfCycles()
            .as("cli's packages are free of cycles");
}
