package io.streamwatch.deploy;

import software.amazon.awscdk.App;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.StackProps;

/**
 * Synthesizes the stack to {@code cdk.out/} ({@code scripts/synth.sh}, or {@code cdk synth} with the
 * {@code cdk.json} in this module). The template needs no CDK bootstrap: the image is a parameter and
 * there are no assets, so {@code aws cloudformation deploy} can deploy it as well as {@code cdk deploy}.
 */
public final class StreamwatchApp {

    private StreamwatchApp() {
    }

    public static void main(String[] args) {
        // The CDK CLI sets CDK_OUTDIR; run directly (scripts/synth.sh) it writes to deploy/cdk.out.
        String outdir = System.getenv().getOrDefault("CDK_OUTDIR", "cdk.out");
        App app = App.Builder.create().outdir(outdir).build();
        new StreamwatchStack(app, "Streamwatch", StackProps.builder()
                .description("Streamwatch: Kinesis temperature readings consumer on ECS Fargate")
                .synthesizer(new BootstraplessSynthesizer())
                .build(), StackSettings.fromContext(app.getNode()));
        app.synth();
    }
}
