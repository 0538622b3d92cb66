package io.streamwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** The committed template (for review and for {@code aws cloudformation deploy}) is what the code synthesizes. */
class SynthesizedTemplateTest {

    @Test
    void theCommittedTemplateIsUpToDate() throws Exception {
        App app = new App();
        StreamwatchStack stack = new StreamwatchStack(app, "Streamwatch", StackProps.builder()
                .description("Streamwatch: Kinesis temperature readings consumer on ECS Fargate")
                .synthesizer(new BootstraplessSynthesizer()).build(), StackSettings.DEFAULTS);
        ObjectMapper json = new ObjectMapper();
        // Through text and back, so numbers compare by value (jsii hands them over as doubles or longs).
        JsonNode fresh = json.readTree(json.writeValueAsString(Template.fromStack(stack).toJSON()));
        Path committed = Path.of(System.getProperty("project.root", "..")).resolve("deploy/template/Streamwatch.template.json");
        assertThat(json.readTree(committed.toFile()))
                .as("deploy/template/Streamwatch.template.json is stale: run scripts/synth.sh and commit it")
                .isEqualTo(fresh);
    }
}
