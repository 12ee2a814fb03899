package dev.pendingconsole.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must be a HELP, a
 * TYPE or a sample; every sample belongs to a family whose TYPE came first; names, labels and values must
 * be well formed. Anything else fails with the line, so a hand-written or broken exposition cannot pass.
 */
public final class PrometheusText {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    private PrometheusText() {
    }

    public static Map<String, Family> parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                helps.put(m.group(1), m.group(2));
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (families.containsKey(m.group(1))) {
                    throw new IllegalArgumentException("line " + n + ": a second TYPE for " + m.group(1));
                }
                families.put(m.group(1), new Family(m.group(1), m.group(2), helps.get(m.group(1)), new ArrayList<>()));
            } else if (line.startsWith("#")) {
                throw new IllegalArgumentException("line " + n + ": a comment that is neither HELP nor TYPE: " + line);
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                Family family = familyOf(families, name);
                if (family == null) {
                    throw new IllegalArgumentException("line " + n + ": a sample of no declared family: " + line);
                }
                family.samples().add(new Sample(name, labels(m.group(3), n), value(m.group(4), n)));
            } else {
                throw new IllegalArgumentException("line " + n + ": not a HELP, TYPE or sample line: " + line);
            }
        }
        return families;
    }

    private static Family familyOf(Map<String, Family> families, String sample) {
        for (String suffix : new String[] {"", "_total", "_created", "_count", "_sum", "_bucket"}) {
            if (sample.endsWith(suffix)) {
                Family f = families.get(sample.substring(0, sample.length() - suffix.length()));
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text, int line) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("line " + line + ": malformed labels: " + text);
            }
            if (out.put(m.group(1), m.group(2)) != null) {
                throw new IllegalArgumentException("line " + line + ": label " + m.group(1) + " twice");
            }
            at = m.end();
        }
        return out;
    }

    private static double value(String text, int line) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + line + ": not a value: " + text);
                }
        }
    }
}
