package io.streamwatch.regression.data.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class DecompressorsTest {

    private static final byte[] PAGE = "1.5,2.5,3.5,1.5,2.5,3.5,1.5,2.5,3.5 and some text that repeats, repeats"
            .repeat(50).getBytes(StandardCharsets.UTF_8);

    @Test
    void snappyPagesReadTheSameInNativeCodeAndInPureJava() throws IOException {
        SnappyCompressor snappy = new SnappyCompressor();
        byte[] compressed = new byte[snappy.maxCompressedLength(PAGE.length)];
        int n = snappy.compress(PAGE, 0, PAGE.length, compressed, 0, compressed.length);

        for (boolean nativeSnappy : new boolean[] {true, false}) {
            byte[] out = new byte[PAGE.length];
            Decompressors.decompress(CompressionCodecName.SNAPPY, compressed, n, out, PAGE.length, nativeSnappy);
            assertThat(out).isEqualTo(PAGE);
        }
    }

    @Test
    void zstdPagesRead() throws IOException {
        ZstdCompressor zstd = new ZstdCompressor();
        byte[] compressed = new byte[zstd.maxCompressedLength(PAGE.length)];
        int n = zstd.compress(PAGE, 0, PAGE.length, compressed, 0, compressed.length);

        assertThat(Decompressors.decompress(CompressionCodecName.ZSTD, Arrays.copyOf(compressed, n), PAGE.length))
                .isEqualTo(PAGE);
    }

    @Test
    void aCodecItDoesNotReadIsNamedWithTheOnesItDoes() {
        assertThatThrownBy(() -> Decompressors.decompress(CompressionCodecName.LZO, new byte[4], 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LZO").hasMessageContaining("SNAPPY, ZSTD, GZIP, LZ4_RAW");
    }
}
