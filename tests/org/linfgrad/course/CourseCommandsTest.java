package org.linfgrad.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linfgrad.cli.Main;

/** The course through the command line: listing, handing out a module, grading a folder into one CSV. */
class CourseCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void listShowsEveryModuleWithItsTasks() {
        assertThat(run("assignment", "--list")).isZero();
        String listing = out.toString(StandardCharsets.UTF_8);
        for (Module m : Tasks.MODULES) {
            assertThat(listing).contains(m.name() + " ", m.title());
        }
        Tasks.ALL.forEach(t -> assertThat(listing).contains("  " + t.id() + " "));
    }

    @Test
    void moduleAndTasksAreExclusive(@TempDir Path tmp) {
        assertThat(run("assignment", "--out", tmp.resolve("a").toString(), "--module", "tape", "--tasks", "sum-to"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give exactly one of --module NAME,NAME");
    }

    /** Two submissions of the pruning module, one solved and one not, graded into one CSV. */
    @Tag("slow")
    @Test
    void aFolderOfSubmissionsIsGradedIntoOneCsv(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("submitted");
        assertThat(run("assignment", "--out", folder.resolve("alice").toString(), "--module", "pruning",
                "--project", StudentCopies.PROJECT.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("edge-usage").doesNotContain("sum-to");
        assertThat(run("assignment", "--out", folder.resolve("bob").toString(), "--module", "pruning",
                "--project", StudentCopies.PROJECT.toString())).isZero();
        StudentCopies.solve(folder.resolve("alice"), "edge-usage");
        Path csv = tmp.resolve("grades.csv");
        assertThat(run("grade", "--submissions", folder.toString(), "--csv", csv.toString())).isZero();
        List<String> rows = Files.readAllLines(csv);
        String empty = ",".repeat(Tasks.ALL.size());
        assertThat(rows).containsExactly(GradeReport.csvHeader(Tasks.ALL), "alice" + empty + "100,100.0",
                "bob" + empty + "0,0.0");
    }
}
