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
