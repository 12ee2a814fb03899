package dev.pendingconsole.core;

/** Small string facts shared by the codec and the value types. */
final class Text {

    private Text() {
    }

    /** Index of the first unpaired surrogate char, or -1 when the string is valid Unicode. */
    static int loneSurrogateIndex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
