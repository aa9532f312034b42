package io.unikernal.bench.udm;

import static org.assertj.core.api.Assertions.assertThat;

import io.unikernal.udm.UdmBinaryCodec;
import io.unikernal.udm.UdmMessage;
import io.unikernal.udm.proto.UdmEnvelope;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The binary codec writes udm.proto's wire format without generated classes: protoc's classes for that file (an
 * independent implementation) must read its bytes as the same envelope, and it must read theirs.
 */
class UdmBinaryCodecMatchesProtocTest {
    private final UdmBinaryCodec codec = new UdmBinaryCodec();

    @ParameterizedTest
    @ValueSource(strings = {"small", "order", "nested10k"})
    void protocsClassesReadTheCodecsBytesAndTheCodecReadsTheirs(String name) throws Exception {
        UdmMessage message = UdmMessages.named(name);
        UdmEnvelope expected = UdmProtoForm.of(message);
        byte[] ours = codec.encode(message);

        assertThat(UdmEnvelope.parseFrom(Arrays.copyOfRange(ours, 4, ours.length))).isEqualTo(expected);
        assertThat(codec.decode(UdmCodecBenchmark.withMagic(expected.toByteArray()))).isEqualTo(message);
    }

    /** Messages written before format 9 (names inline, decimals as text, prefix ...08) still read the same. */
    @ParameterizedTest
    @ValueSource(strings = {"small", "order", "nested10k"})
    void theCodecStillReadsFormat8(String name) {
        UdmMessage message = UdmMessages.named(name);
        byte[] format8 = UdmCodecBenchmark.withMagic(UdmProtoForm.format8(message).toByteArray());
        format8[3] = 8;
        assertThat(codec.decode(format8)).isEqualTo(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"small", "order", "nested10k"})
    void theBinaryFormIsNoLargerThanJson(String name) {
        UdmMessage message = UdmMessages.named(name);
        assertThat(codec.encode(message).length).isLessThanOrEqualTo(new io.unikernal.udm.UdmJsonCodec()
                .encode(message).length);
    }
}
