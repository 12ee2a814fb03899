package dev.pendingconsole.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session id holds its bytes only where its text does not give them back (invalid UTF-8), and behaves
 * the same either way: equal by bytes, ordered by bytes, the same bytes out as in.
 */
class SessionIdTest {

    /** Characters around the edges that matter: ASCII, two and three UTF-8 bytes, both sides of the surrogates, pairs. */
    private static final String[] PIECES = {"a", "z", "~", "\u00e9", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffef",
            "\uffff", "\ud83d\ude00", "\ud800\udc00", "\udbff\udfff", "-", "0"};

    @Test
    void ordersAndComparesAsItsBytesDo() {
        Random random = new Random(7);
        List<byte[]> raw = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = 1 + random.nextInt(4);
            for (int j = 0; j < n; j++) {
                s.append(PIECES[random.nextInt(PIECES.length)]);
            }
            raw.add(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        raw.add(new byte[]{'a', (byte) 0xff}); // not UTF-8: held as bytes
        raw.add(new byte[]{'a', (byte) 0xfe});
        raw.add(new byte[]{(byte) 0xc3}); // a lone lead byte
        raw.add("a\ufffd".getBytes(StandardCharsets.UTF_8)); // what 0xff decodes to, as real UTF-8
        raw.add(new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}); // an encoded surrogate: not valid UTF-8
        for (byte[] x : raw) {
            SessionId a = SessionId.ofBytes(x);
            assertThat(a.bytes()).isEqualTo(x);
            for (int k = 0; k < 40; k++) {
                byte[] y = raw.get(random.nextInt(raw.size()));
                SessionId b = SessionId.ofBytes(y);
                assertThat(Integer.signum(a.compareTo(b))).as(Arrays.toString(x) + " vs " + Arrays.toString(y))
                        .isEqualTo(Integer.signum(Arrays.compareUnsigned(x, y)));
                assertThat(a.equals(b)).isEqualTo(Arrays.equals(x, y));
                if (a.equals(b)) {
                    assertThat(a.hashCode()).isEqualTo(b.hashCode());
                }
            }
        }
    }

    @Test
    void anIdThatIsNotUtf8KeepsItsBytesAndShowsAReplacement() {
        SessionId odd = SessionId.ofBytes(new byte[]{'s', (byte) 0xff});
        SessionId replaced = SessionId.of("s\ufffd");
        assertThat(odd.text()).isEqualTo(replaced.text());
        assertThat(odd).isNotEqualTo(replaced);
        assertThat(odd.bytes()).containsExactly('s', (byte) 0xff);
        assertThat(replaced.bytes()).isEqualTo("s\ufffd".getBytes(StandardCharsets.UTF_8));
    }
}
