package dev.pendingconsole.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code enqueued_at} as Python writes it: vectors made by CPython 3.11's own {@code repr(float)}
 * ({@code python_float_repr.json}: each double as exact hex, and its repr), timestamps with and without
 * fraction digits among them.
 */
class PythonFloatTest {

    @Test
    void writesEveryDoubleExactlyAsCPythonsRepr() throws Exception {
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("/golden/python_float_repr.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        assertThat(vectors.size()).isGreaterThan(90);
        for (JsonNode v : vectors) {
            double value = Double.parseDouble(v.get(0).asText());
            assertThat(PythonFloat.repr(value)).as(v.get(0).asText()).isEqualTo(v.get(1).asText());
        }
    }

    /** Issue 25, finding 1: floats as pydantic 2 writes them, vectors from real pydantic (1e-300..1e300, -0.0, whole). */
    @Test
    void writesEveryDoubleExactlyAsPydanticDumpsIt() throws Exception {
        JsonNode vectors;
        try (InputStream in = getClass().getResourceAsStream("/golden/pydantic_floats.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        assertThat(vectors.size()).isGreaterThan(2_000);
        for (JsonNode v : vectors) {
            double value = Double.parseDouble(v.get(0).asText());
            assertThat(PythonFloat.pydantic(value)).as(v.get(0).asText()).isEqualTo(v.get(1).asText());
        }
        assertThat(PythonFloat.pydantic(1e-5)).isEqualTo("0.00001");
        assertThat(PythonFloat.pydantic(1e-7)).isEqualTo("1e-7");
    }

    /** The metadata a push carries keeps pydantic's floats too: {"b":[1e-7,3.14]}, 1e-05 as 0.00001. */
    @Test
    void metadataFloatsAreWrittenAsPydanticWritesThem() {
        assertThat(MessageCodec.compactObject("{\"b\":[1e-7,3.14],\"c\":1e-05,\"d\":1.0}", "metadata"))
                .isEqualTo("{\"b\":[1e-7,3.14],\"c\":0.00001,\"d\":1.0}");
    }

    @Test
    void keepsTheFractionOfAWholeSecondAndUsesExponentsWherePythonDoes() {
        assertThat(PythonFloat.repr(1764213000.0)).isEqualTo("1764213000.0");
        assertThat(PythonFloat.repr(1764213000.5)).isEqualTo("1764213000.5");
        assertThat(PythonFloat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PythonFloat.repr(1e-5)).isEqualTo("1e-05");
        assertThat(PythonFloat.repr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(PythonFloat.repr(-0.0)).isEqualTo("-0.0");
    }
}
