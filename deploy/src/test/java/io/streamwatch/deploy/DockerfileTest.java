package io.streamwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Dockerfile honest without a Docker engine: what it copies and runs is what the build makes.
 * Runs after the consumer module in the reactor, so the service jar exists.
 */
class DockerfileTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

    private static String dockerfile() throws IOException {
        return Files.readString(ROOT.resolve("Dockerfile"));
    }

    private static String finalStage() throws IOException {
        String text = dockerfile();
        return text.substring(text.lastIndexOf("\nFROM ") + 1);
    }

    @Test
    void copiesTheJarTheBuildProducesAndRunsItsMainClass() throws IOException {
        Matcher copy = Pattern.compile("COPY --from=build /src/(\\S+) (\\S+)").matcher(finalStage());
        assertThat(copy.find()).as("COPY --from=build of the jar").isTrue();
        Path jar = ROOT.resolve(copy.group(1));
        assertThat(jar).as("the jar the Dockerfile copies").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            String mainClass = file.getManifest().getMainAttributes().getValue("Main-Class");
            assertThat(mainClass).isEqualTo(Main.class.getName());
            assertThat(file.getEntry(mainClass.replace('.', '/') + ".class")).isNotNull();
        }
        assertThat(finalStage()).contains("ENTRYPOINT [\"java\", \"-jar\", \"" + copy.group(2) + "\"]");
    }

    @Test
    void theRuntimeStageIsAJreRunAsANonRootUserWithAnExecFormEntrypoint() throws IOException {
        String stage = finalStage();
        assertThat(stage.lines().findFirst().orElseThrow()).contains("-jre").doesNotContain("maven").doesNotContain("jdk");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(stage);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0", "0:0");
        assertThat(stage).containsPattern("(?m)^ENTRYPOINT \\[").doesNotContainPattern("(?m)^ENTRYPOINT [^\\[]");
        assertThat(stage).contains("MaxRAMPercentage").doesNotContain("COPY consumer/src");
    }

    @Test
    void theHealthCheckCallsACommandTheJarHas() throws IOException {
        assertThat(finalStage()).contains("/app/streamwatch-consumer.jar\", \"health\"]");
        assertThat(Main.execute("health", "--help")).as("exit code of `health --help`").isZero();
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndLocalState() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains("**/target/", "node_modules/", ".git/");
    }
}
