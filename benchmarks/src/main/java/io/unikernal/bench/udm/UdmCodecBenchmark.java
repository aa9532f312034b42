package io.unikernal.bench.udm;

import com.google.protobuf.InvalidProtocolBufferException;
import io.unikernal.udm.UdmBinaryCodec;
import io.unikernal.udm.UdmJsonCodec;
import io.unikernal.udm.UdmMessage;
import io.unikernal.udm.proto.UdmEnvelope;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The UDM codecs on the same messages: JSON (the baseline), the binary codec, and protoc's generated classes for the
 * same envelope (the ceiling: they decode into their own objects, not a UdmMessage, so they do less).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UdmCodecBenchmark {
    private final UdmJsonCodec json = new UdmJsonCodec();
    private final UdmBinaryCodec binary = new UdmBinaryCodec();

    @Param({"small", "order", "nested10k"})
    public String message;

    private UdmMessage udm;
    private UdmEnvelope proto;
    private byte[] jsonBytes;
    private byte[] binaryBytes;
    private byte[] protoBytes;

    /** The order of earlier runs (public so tests and docs can reuse it). */
    public static UdmMessage order() {
        return UdmMessages.order();
    }

    @Setup
    public void setup() {
        udm = UdmMessages.named(message);
        proto = UdmProtoForm.of(udm);
        jsonBytes = json.encode(udm);
        binaryBytes = binary.encode(udm);
        protoBytes = proto.toByteArray();
        try {
            if (!UdmEnvelope.parseFrom(Arrays.copyOfRange(binaryBytes, 4, binaryBytes.length)).equals(proto)
                    || !binary.decode(withMagic(protoBytes)).equals(udm)) {
                throw new IllegalStateException("the codec and protoc's classes disagree on " + message);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("protoc's classes cannot read the codec's " + message, e);
        }
        System.out.printf("%nUDM %s: JSON %d bytes, binary %d bytes, generated protobuf %d bytes%n",
                message, jsonBytes.length, binaryBytes.length, protoBytes.length);
    }

    static byte[] withMagic(byte[] envelope) {
        byte[] out = new byte[envelope.length + 4];
        out[0] = 'U';
        out[1] = 'D';
        out[2] = 'M';
        out[3] = 9;
        System.arraycopy(envelope, 0, out, 4, envelope.length);
        return out;
    }

    @Benchmark
    public byte[] jsonEncode() {
        return json.encode(udm);
    }

    @Benchmark
    public UdmMessage jsonDecode() {
        return json.decode(jsonBytes);
    }

    @Benchmark
    public byte[] binaryEncode() {
        return binary.encode(udm);
    }

    @Benchmark
    public UdmMessage binaryDecode() {
        return binary.decode(binaryBytes);
    }

    @Benchmark
    public byte[] protoEncode() {
        return proto.toByteArray();
    }

    @Benchmark
    public UdmEnvelope protoDecode() throws InvalidProtocolBufferException {
        return UdmEnvelope.parseFrom(protoBytes);
    }
}
