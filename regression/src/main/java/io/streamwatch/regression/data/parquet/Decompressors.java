package io.streamwatch.regression.data.parquet;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page decompression without Hadoop (Parquet's own codec factory builds Hadoop codecs), for the codecs
 * pyarrow, Spark and DuckDB write: snappy in snappy-java's native code where its library loads, else
 * aircompressor's pure Java; zstd and lz4_raw by aircompressor (zstd-jni would add 7 MB of native
 * libraries to the CLI jar); gzip by the JDK. Stateless; thread-safe.
 */
final class Decompressors {

    /** Whether snappy-java's native library loads here (it is in the CLI jar for the common platforms). */
    private static final boolean NATIVE_SNAPPY = nativeSnappyLoads();

    private Decompressors() {
    }

    /**
     * Loads snappy-java's native library once. A platform without it is no error: aircompressor's pure Java
     * snappy reads the same pages, about 20 % slower, so the failure only chooses the decompressor.
     */
    private static boolean nativeSnappyLoads() {
        try {
            return org.xerial.snappy.Snappy.maxCompressedLength(1) > 0;
        } catch (LinkageError | org.xerial.snappy.SnappyError | SecurityException e) {
            return false;
        }
    }

    /**
     * @throws IllegalArgumentException for a codec this reader does not read (LZO, Brotli, Hadoop's LZ4),
     *                                  saying which ones it reads
     * @throws IOException              when the page does not decompress to its header's size
     */
    static byte[] decompress(CompressionCodecName codec, byte[] in, int uncompressedSize) throws IOException {
        if (codec == CompressionCodecName.UNCOMPRESSED) {
            return in;
        }
        byte[] out = new byte[uncompressedSize];
        decompress(codec, in, in.length, out, uncompressedSize);
        return out;
    }

    /** Decompresses {@code in[0, length)} into {@code out[0, uncompressedSize)}, buffers the caller reuses. */
    static void decompress(CompressionCodecName codec, byte[] in, int length, byte[] out, int uncompressedSize)
            throws IOException {
        decompress(codec, in, length, out, uncompressedSize, NATIVE_SNAPPY);
    }

    /** The same, with snappy in native code or not: tests read pages both ways. */
    static void decompress(CompressionCodecName codec, byte[] in, int length, byte[] out, int uncompressedSize,
                           boolean nativeSnappy) throws IOException {
        int n;
        try {
            switch (codec) {
                case SNAPPY -> n = nativeSnappy ? org.xerial.snappy.Snappy.uncompress(in, 0, length, out, 0)
                        : new SnappyDecompressor().decompress(in, 0, length, out, 0, uncompressedSize);
                case ZSTD -> n = new ZstdDecompressor().decompress(in, 0, length, out, 0, uncompressedSize);
                case LZ4_RAW -> n = new Lz4Decompressor().decompress(in, 0, length, out, 0, uncompressedSize);
                case GZIP -> {
                    try (InputStream gz = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(in, 0, length))) {
                        n = gz.readNBytes(out, 0, uncompressedSize);
                    }
                }
                default -> throw new IllegalArgumentException("pages compressed with " + codec + ", which this "
                        + "reader does not read: write the file with SNAPPY, ZSTD, GZIP, LZ4_RAW or no compression");
            }
        } catch (MalformedInputException e) {
            throw new IOException("a " + codec + " page does not decompress: " + e.getMessage(), e);
        }
        if (n != uncompressedSize) {
            throw new IOException("a " + codec + " page decompressed to " + n + " bytes, its header says "
                    + uncompressedSize);
        }
    }
}
