package dev.pendingconsole.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decimal digits by multiplication write what Integer.toString writes, at any offset. */
class DecimalTest {

    private static void writesAsIntegerToString(int n, int at) {
        byte[] out = new byte[at + 12];
        int end = Decimal.write(n, out, at);
        assertThat(new String(out, at, end - at, StandardCharsets.US_ASCII)).isEqualTo(Integer.toString(n));
    }

    @Test
    void everyEdgeAndManyOthers() {
        for (int n = 0; n < 100_000; n++) {
            writesAsIntegerToString(n, n % 3);
        }
        for (long power = 1; power <= Integer.MAX_VALUE; power *= 10) {
            for (long n = power - 2; n <= power + 2; n++) {
                if (n >= 0 && n <= Integer.MAX_VALUE) {
                    writesAsIntegerToString((int) n, 1);
                }
            }
        }
        writesAsIntegerToString(Integer.MAX_VALUE, 0);
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            writesAsIntegerToString(random.nextInt(Integer.MAX_VALUE), 2);
        }
        assertThatThrownBy(() -> Decimal.write(-1, new byte[12], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
