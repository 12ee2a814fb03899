package dev.pendingconsole.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double written as Python's {@code repr(float)} writes it, as today's backend's {@code enqueued_at}
 * is: the shortest digits that read back as the same double, in plain notation from 1e-4 up to 1e16
 * ({@code 1764213000.5}, and {@code 1764213000.0} keeps its {@code .0}), in exponent notation beyond
 * ({@code 1e+16}, {@code 1e-05}). Not Java's {@code Double.toString}, which writes {@code 1.7642130005E9}.
 */
public final class PythonFloat {

    private PythonFloat() {
    }

    public static String repr(double value) {
        return write(value, -4, true);
    }

    /**
     * A double as pydantic 2's {@code model_dump_json} writes it, which is how today's backend stores
     * {@code enqueued_at} and any float in {@code metadata}: the same shortest digits as {@code repr}, but
     * plain from 1e-5 up ({@code 0.00001}, where repr writes {@code 1e-05}) and a negative exponent without
     * its leading zero ({@code 1e-7}, not {@code 1e-07}). Checked against 2,470 values pydantic wrote
     * ({@code src/test/python/make_float_vectors.py}).
     */
    public static String pydantic(double value) {
        return write(value, -5, false);
    }

    /** Plain notation from 10^{@code plainFrom} up to 10^16, else exponent notation, padded to two digits or not. */
    private static String write(double value, int plainFrom, boolean padExponent) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal digits = exact;
        // the nearest decimal of p significant digits; the first that reads back is the shortest (and the
        // closest of that length: when the nearest misses the double's rounding interval, all others do)
        for (int p = 1; p <= 17; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                digits = candidate;
                break;
            }
        }
        digits = digits.stripTrailingZeros();
        int exponent = digits.precision() - digits.scale() - 1; // of the leading digit
        if (exponent >= plainFrom && exponent < 16) {
            String plain = digits.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String unscaled = digits.unscaledValue().abs().toString();
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        String sign = value < 0 ? "-" : "";
        String exp = (exponent < 0 ? "-" : "+") + (padExponent && Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        return sign + mantissa + "e" + exp;
    }
}
