package io.streamwatch.regression.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamwatch.regression.store.s3.S3InputException;
import io.streamwatch.regression.store.s3.S3InputException.Kind;
import io.streamwatch.regression.store.s3.S3Store;
import io.streamwatch.regression.store.s3.S3Uri;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

@ExtendWith(S3EmulatorExtension.class)
class S3StoreIT {

    private static final String BUCKET = "store-it";
    private static final byte[] CONTENT = random(100_000, 7);
    private static S3Uri object;

    private final S3Emulator s3;
    private final S3Store store;

    S3StoreIT(S3Emulator s3) {
        this.s3 = s3;
        this.store = s3.store(3);
    }

    @BeforeAll
    static void upload(S3Emulator s3) {
        object = s3.upload(BUCKET, "objects/random.bin", CONTENT);
    }

    @Test
    void rangedReadsReturnTheBytesAtTheStartTheMiddleAndTheEnd() throws Exception {
        InputObject in = store.object(object);

        assertThat(in.size()).isEqualTo(CONTENT.length);
        assertThat(in.fileName()).isEqualTo("random.bin");
        assertThat(in.name()).isEqualTo("s3://store-it/objects/random.bin");
        assertThat(read(in, 0, 1000)).isEqualTo(slice(0, 1000));
        assertThat(read(in, 40_000, 45_000)).isEqualTo(slice(40_000, 45_000));
        assertThat(read(in, 99_000, 100_000)).isEqualTo(slice(99_000, 100_000));
        assertThat(read(in, 0, CONTENT.length)).isEqualTo(CONTENT);
        assertThat(read(in, 500, 500)).isEmpty();
    }

    @Test
    void aOneByteRangeIsThatByte() throws Exception {
        InputObject in = store.object(object);

        assertThat(read(in, 5000, 5001)).containsExactly(CONTENT[5000]);
        assertThat(read(in, 99_999, 100_000)).containsExactly(CONTENT[99_999]);
        // s3rver answers bytes=0-0 with the whole object: the stream still delivers only the first byte.
        assertThat(read(in, 0, 1)).containsExactly(CONTENT[0]);
        byte[] into = new byte[3];
        in.readFully(1234, into, 1, 1);
        assertThat(into[1]).isEqualTo(CONTENT[1234]);
    }

    @Test
    void aOneByteObjectIsReadWhole() throws Exception {
        S3Uri one = s3.upload(BUCKET, "objects/one.bin", new byte[] {42});

        InputObject in = store.object(one);

        assertThat(read(in, 0, 1)).containsExactly(42);
        assertThat(s3.bytesServed(one)).isEqualTo(1);
    }

    @Test
    void parallelRangeReadsFetchEachByteOnce() throws Exception {
        InputObject in = store.object(object);
        int ranges = 8;
        ExecutorService pool = Executors.newFixedThreadPool(ranges);
        try {
            List<Future<byte[]>> parts = new ArrayList<>();
            for (int i = 0; i < ranges; i++) {
                long start = (long) CONTENT.length * i / ranges;
                long end = (long) CONTENT.length * (i + 1) / ranges;
                parts.add(pool.submit(() -> read(in, start, end)));
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Future<byte[]> part : parts) {
                all.write(part.get());
            }

            assertThat(all.toByteArray()).isEqualTo(CONTENT);
            assertThat(s3.bytesServed(object)).isEqualTo(CONTENT.length);
            assertThat(s3.gets(object)).isEqualTo(ranges);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStreamCutMidWayResumesWithoutFetchingAnyByteAgain() throws Exception {
        InputObject in = store.object(object);
        s3.cutNextGet(object, 30_000);

        assertThat(read(in, 10_000, 90_000)).isEqualTo(slice(10_000, 90_000));
        assertThat(s3.gets(object)).isEqualTo(2);
        assertThat(s3.bytesServed(object)).isEqualTo(80_000);
    }

    @Test
    void aStreamThatKeepsBreakingWithoutProgressFailsNamingTheObject() {
        InputObject in = store.object(object);
        s3.cutGets(object, 0, 10);

        assertThatThrownBy(() -> read(in, 1000, 2000))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("cannot read s3://store-it/objects/random.bin: the connection broke 4 times at "
                        + "byte 1000");
        assertThat(s3.gets(object)).as("the first GET and 3 resumes").isEqualTo(4);
    }

    @Test
    void aThrottledGetIsRetriedByTheSdk() throws Exception {
        InputObject in = store.object(object);
        s3.failNextGet(object);

        assertThat(read(in, 100, 200)).isEqualTo(slice(100, 200));
        assertThat(s3.gets(object)).isEqualTo(2);
        assertThat(s3.bytesServed(object)).isEqualTo(100);
    }

    @Test
    void aPrefixIsItsDataObjectsInKeyOrderOverSeveralPages() {
        byte[] part = "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8);
        List<String> names = List.of("part-00004.csv", "part-00000.csv", "part-00002.csv", "part-00001.csv",
                "part-00003.csv", "part-00006.csv", "part-00005.csv");
        for (String name : names) {
            s3.upload(BUCKET, "table/" + name, part);
        }
        s3.upload(BUCKET, "table/_SUCCESS", new byte[0]);
        s3.upload(BUCKET, "table/.part-00000.csv.crc", new byte[] {1, 2});
        s3.upload(BUCKET, "table/_temporary/0/part-00009.csv", part);
        s3.upload(BUCKET, "table-other/part-00000.csv", part);

        InputSet set = store.resolve(S3Uri.parse("s3://store-it/table/"));
        long pages = s3.gets(new S3Uri(BUCKET, ""));

        assertThat(set.directory()).isTrue();
        assertThat(set.name()).isEqualTo("s3://store-it/table/");
        assertThat(set.parts()).extracting(InputObject::name).containsExactly(
                "s3://store-it/table/part-00000.csv", "s3://store-it/table/part-00001.csv",
                "s3://store-it/table/part-00002.csv", "s3://store-it/table/part-00003.csv",
                "s3://store-it/table/part-00004.csv", "s3://store-it/table/part-00005.csv",
                "s3://store-it/table/part-00006.csv");
        assertThat(set.parts()).allSatisfy(p -> assertThat(p.size()).isEqualTo(part.length));
        // 9 keys and _temporary/ at 3 a page: 4 pages on S3, 3 on s3rver, which leaves prefixes out of the count.
        assertThat(pages).as("ListObjectsV2 pages").isGreaterThanOrEqualTo(3);
        assertThat(Inputs.resolve("s3://store-it/table", () -> store).parts())
                .as("a key that is a directory").hasSize(7);
    }

    @Test
    void anObjectUriIsThatObject(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("data.csv"), "a,b\n3,4\n".getBytes(StandardCharsets.UTF_8));
        S3Uri uploaded = s3.upload(BUCKET, "single/data.csv", file);

        InputSet set = Inputs.resolve(uploaded.toString(), () -> store);

        assertThat(set.directory()).isFalse();
        assertThat(read(set.parts().get(0), 0, 8)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void theProcessWideStoreReadsTheEmulatorThroughTheSystemSettings() throws Exception {
        InputSet set = Inputs.resolve(object.toString());

        assertThat(read(set.parts().get(0), 10, 20)).isEqualTo(slice(10, 20));
        assertThat(s3.bytesServed(object)).as("through the counting proxy").isEqualTo(10);
    }

    @Test
    void aMissingObjectIsNamed() {
        assertThatThrownBy(() -> store.resolve(S3Uri.parse("s3://store-it/no/such.csv")))
                .isInstanceOfSatisfying(S3InputException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_SUCH_OBJECT))
                .hasMessage("no such object: s3://store-it/no/such.csv");
    }

    @Test
    void aMissingBucketIsNamed() {
        assertThatThrownBy(() -> store.resolve(S3Uri.parse("s3://no-such-bucket/data.csv")))
                .isInstanceOfSatisfying(S3InputException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NO_SUCH_BUCKET))
                .hasMessage("no such bucket: no-such-bucket (in s3://no-such-bucket/data.csv/): check the bucket name");
        assertThatThrownBy(() -> store.resolve(S3Uri.parse("s3://no-such-bucket/dir/")))
                .hasMessageStartingWith("no such bucket: no-such-bucket");
    }

    @Test
    void anEmptyPrefixSaysSo() {
        s3.upload(BUCKET, "markers-only/_SUCCESS", new byte[0]);

        assertThatThrownBy(() -> store.resolve(S3Uri.parse("s3://store-it/markers-only/")))
                .isInstanceOfSatisfying(S3InputException.class, e -> assertThat(e.kind()).isEqualTo(Kind.EMPTY_PREFIX))
                .hasMessage("no objects under s3://store-it/markers-only/ (_SUCCESS and hidden objects are skipped): "
                        + "check the prefix");
    }

    @Test
    void anUnknownAccessKeyIsAccessDeniedNamingTheUriAndThePermissions() {
        try (S3Client stranger = s3.clientWithKey("NOT-S3RVER")) {
            S3Store denied = new S3Store(stranger, 1000);

            assertThatThrownBy(() -> denied.resolve(object))
                    .isInstanceOfSatisfying(S3InputException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED))
                    .hasMessageStartingWith("access denied to s3://store-it/objects/random.bin")
                    .hasMessageContaining("lack s3:GetObject");
            assertThatThrownBy(() -> denied.resolve(S3Uri.parse("s3://store-it/table/")))
                    .hasMessage("access denied to s3://store-it/table/ (InvalidAccessKeyId): the AWS credentials in use "
                            + "lack s3:ListBucket on bucket store-it; check AWS_PROFILE / AWS_ACCESS_KEY_ID or the role's "
                            + "policy");
        }
    }

    private static byte[] read(InputObject in, long start, long end) throws Exception {
        try (InputStream stream = in.open(start, end)) {
            return stream.readAllBytes();
        }
    }

    private static byte[] slice(int start, int end) {
        return Arrays.copyOfRange(CONTENT, start, end);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
