package dev.pendingconsole.ops;

/** Redis glob patterns: escaping literal text, and matching like Redis's own {@code stringmatchlen}. */
public final class Glob {

    private Glob() {
    }

    /** {@code text} as a pattern that matches only itself. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    public static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length()) {
                        return true;
                    }
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi + 1, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    si++;
                    pi++;
                }
                case '[' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    int end = pi + 1;
                    boolean not = end < p.length() && p.charAt(end) == '^';
                    if (not) {
                        end++;
                    }
                    boolean found = false;
                    char ch = s.charAt(si);
                    while (end < p.length() && p.charAt(end) != ']') {
                        if (p.charAt(end) == '\\' && end + 1 < p.length()) {
                            end++;
                            found |= p.charAt(end) == ch;
                        } else if (end + 2 < p.length() && p.charAt(end + 1) == '-' && p.charAt(end + 2) != ']') {
                            char lo = p.charAt(end);
                            char hi = p.charAt(end + 2);
                            found |= ch >= Math.min(lo, hi) && ch <= Math.max(lo, hi);
                            end += 2;
                        } else {
                            found |= p.charAt(end) == ch;
                        }
                        end++;
                    }
                    if (found == not) {
                        return false;
                    }
                    pi = Math.min(end + 1, p.length());
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 < p.length()) {
                        pi++;
                    }
                    if (si >= s.length() || p.charAt(pi) != s.charAt(si)) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                default -> {
                    if (si >= s.length() || c != s.charAt(si)) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
    }
}
