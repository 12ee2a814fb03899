package dev.pendingconsole.core;

/**
 * Non-negative ints in decimal, into a byte array, for the hot writers (RESP commands, list's JSON). Digits
 * come by a multiplication and a shift: a JVM running C1 alone (short commands and list) divides by ten
 * with the divide instruction, twice a digit, which was 4% of a list's samples in the RESP writer alone.
 */
public final class Decimal {

    private Decimal() {
    }

    /** {@code n} (0 or more) in ASCII digits into {@code out} from {@code at}; returns where they end. */
    public static int write(int n, byte[] out, int at) {
        if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
        }
        int count = 1;
        for (int power = 10; count < 10 && n >= power; power *= 10) {
            count++;
        }
        for (int i = at + count - 1; i >= at; i--) {
            int tenth = (int) ((n * 0xCCCCCCCDL) >>> 35); // n / 10, exact for every int from 0 up
            out[i] = (byte) ('0' + n - tenth * 10);
            n = tenth;
        }
        return at + count;
    }
}
