package io.streamwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamwatch.consumer.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /** The final stage with line continuations joined, one instruction a line. */
    private static String finalStageInstructions() throws IOException {
        return finalStage().replace("\\\n", " ");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHealthCheckIsTheStacksCheapProbeNotASecondJvm() throws IOException {
        Matcher check = Pattern.compile("(?m)^HEALTHCHECK (.*?) +CMD (\\[.*])$").matcher(finalStageInstructions());
        assertThat(check.find()).as("HEALTHCHECK <options> CMD [exec form]").isTrue();
        List<String> argv = new ObjectMapper().readValue(check.group(2), new TypeReference<List<String>>() { });
        assertThat(argv).isEqualTo(ConsumerBinding.healthProbe()).doesNotContain("java");

        // What ECS gets: the same argv in exec form, "CMD" first.
        Map<String, Object> task = StreamwatchStackTest.synth(StackSettings.DEFAULTS)
                .findResources("AWS::ECS::TaskDefinition").values().iterator().next();
        Map<String, Object> container = ((List<Map<String, Object>>) ((Map<String, Object>) task.get("Properties"))
                .get("ContainerDefinitions")).get(0);
        List<String> ecs = (List<String>) ((Map<String, Object>) container.get("HealthCheck")).get("Command");
        assertThat(ecs.get(0)).isEqualTo("CMD");
        assertThat(ecs.subList(1, ecs.size())).as("the Dockerfile's HEALTHCHECK and the task definition's")
                .isEqualTo(argv);

        Matcher timeout = Pattern.compile("--timeout=(\\d+)s").matcher(check.group(1));
        assertThat(timeout.find()).isTrue();
        assertThat(Integer.parseInt(timeout.group(1))).as("the check's timeout leaves the probe time to end itself")
                .isGreaterThan(ConsumerBinding.HEALTH_PROBE_SECONDS);
    }

    @Test
    void theImageServesTheOpsPortTheStackProbes() throws IOException {
        assertThat(finalStageInstructions())
                .containsPattern("(?m)^ENV .*\\bHTTP_PORT=" + ConsumerBinding.OPS_PORT + "\\b")
                .containsPattern("(?m)^EXPOSE " + ConsumerBinding.OPS_PORT + "$");
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndLocalState() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains("**/target/", "node_modules/", ".git/");
    }
}
