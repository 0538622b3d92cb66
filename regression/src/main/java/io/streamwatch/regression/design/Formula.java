package io.streamwatch.regression.design;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model formula, the subset of R's, Patsy's and Spark's RFormula syntax that linear models need:
 * <pre>
 *   label ~ a + b            main effects          a:b       interaction (product)
 *   a * b = a + b + a:b       crossing              C(a)      a as categorical (one-hot)
 *   I(a^3)                   integer power          .         every other column
 *   - a                      remove a term          - 1, + 0  no intercept (+ 1 keeps it)
 * </pre>
 * Names are letters, digits, {@code _} and {@code .}, or anything between backquotes. {@code :} binds
 * tighter than {@code *}, which binds tighter than {@code +} and {@code -}; terms keep the order they
 * first appear in, and a repeated term counts once. Column types decide the rest: a text column is
 * categorical wherever it appears.
 *
 * @param label      the response
 * @param columns    the input columns the terms use, in order of first appearance
 * @param categorical the columns written as {@code C(...)}: categorical even when they hold numbers
 * @param terms      the terms, each factor indexing {@code columns}
 * @param intercept  whether the model has an intercept
 */
public record Formula(String text, String label, List<String> columns, Set<String> categorical, List<Term> terms,
                      boolean intercept) {

    public Formula {
        columns = List.copyOf(columns);
        categorical = Set.copyOf(categorical);
        terms = List.copyOf(terms);
    }

    /**
     * Parses and expands {@code text} against the file's columns.
     *
     * @param header the file's column names, for {@code .} and to check names
     * @param weight a weight column, left out of {@code .}
     * @throws IllegalArgumentException naming the term and what is wrong with it
     */
    public static Formula parse(String text, List<String> header, Optional<String> weight) {
        return new Parser(text, header, weight).formula();
    }

    /** A factor before resolution: a column, whether written C(), and its power. */
    private record Atom(String column, boolean categorical, int power) implements Comparable<Atom> {
        @Override
        public int compareTo(Atom o) {
            int c = column.compareTo(o.column);
            return c != 0 ? c : Integer.compare(power, o.power);
        }
    }

    /** A term before resolution: its factors as a set (a:b is b:a), in the order written. */
    private record RawTerm(List<Atom> factors) {
        Set<Atom> key() {
            return new TreeSet<>(factors);
        }
    }

    private static final class Parser {
        private final String text;
        private final List<String> header;
        private final Optional<String> weight;
        private int pos;
        private String label;

        Parser(String text, List<String> header, Optional<String> weight) {
            this.text = text;
            this.header = header;
            this.weight = weight;
        }

        Formula formula() {
            int tilde = text.indexOf('~');
            if (tilde < 0) {
                throw error("a formula needs '~' between the label and the terms, as 'y ~ x1 + x2'");
            }
            label = name(text.substring(0, tilde).strip(), "the label");
            pos = tilde + 1;
            List<RawTerm> terms = new ArrayList<>();
            List<Set<Atom>> removed = new ArrayList<>();
            Boolean intercept = null;
            boolean first = true;
            while (true) {
                skipSpaces();
                if (pos >= text.length()) {
                    if (first) {
                        throw error("no terms after '~'");
                    }
                    break;
                }
                boolean minus = false;
                if (!first || peek() == '-' || peek() == '+') {
                    char op = text.charAt(pos);
                    if (op != '+' && op != '-') {
                        throw error("expected '+' or '-' at position " + (pos + 1) + ": '" + rest() + "'");
                    }
                    minus = op == '-';
                    pos++;
                    skipSpaces();
                    if (pos >= text.length()) {
                        throw error("a term is missing after '" + op + "'");
                    }
                }
                first = false;
                int start = pos;
                if (peek() == '0' || peek() == '1') {
                    char digit = text.charAt(pos++);
                    skipSpaces();
                    if (pos < text.length() && "+-".indexOf(peek()) < 0) {
                        throw error("unexpected '" + rest() + "' after '" + digit + "'");
                    }
                    // '+ 0' and '- 1' remove the intercept; '+ 1' (and '- 0') keep it.
                    intercept = (digit == '1') != minus;
                    continue;
                }
                List<RawTerm> product = product();
                String written = text.substring(start, pos).strip();
                if (minus) {
                    product.forEach(t -> removed.add(t.key()));
                } else {
                    for (RawTerm t : product) {
                        terms.add(t);
                    }
                }
                if (product.isEmpty()) {
                    throw error("empty term '" + written + "'");
                }
            }
            // Expand, drop repeats and removed terms, keep the order of first appearance.
            List<RawTerm> kept = new ArrayList<>();
            Set<Set<Atom>> seen = new java.util.HashSet<>();
            for (RawTerm t : terms) {
                if (seen.add(t.key()) && !removed.contains(t.key())) {
                    kept.add(t);
                }
            }
            if (kept.isEmpty()) {
                throw error("no terms are left after the removals");
            }
            LinkedHashSet<String> columns = new LinkedHashSet<>();
            Set<String> categorical = new java.util.HashSet<>();
            Set<String> numeric = new java.util.HashSet<>();
            for (RawTerm t : kept) {
                for (Atom a : t.factors()) {
                    columns.add(a.column());
                    (a.categorical() ? categorical : numeric).add(a.column());
                }
            }
            for (String c : categorical) {
                if (numeric.contains(c)) {
                    throw error("column '" + c + "' appears both as C(" + c + ") and as a number; write it one way");
                }
            }
            List<String> ordered = new ArrayList<>(columns);
            List<Term> resolved = new ArrayList<>();
            for (RawTerm t : kept) {
                resolved.add(new Term(t.factors().stream()
                        .map(a -> new Term.Factor(ordered.indexOf(a.column()), a.power())).toList()));
            }
            return new Formula(text, label, ordered, categorical, resolved, intercept == null || intercept);
        }

        /** a * b * ... : every non-empty combination of the interactions, in order. */
        private List<RawTerm> product() {
            List<List<RawTerm>> parts = new ArrayList<>();
            parts.add(interaction());
            skipSpaces();
            while (pos < text.length() && peek() == '*') {
                pos++;
                parts.add(interaction());
                skipSpaces();
            }
            List<RawTerm> result = new ArrayList<>();
            for (List<RawTerm> part : parts) {
                List<RawTerm> next = new ArrayList<>(result);
                for (RawTerm t : part) {
                    next.add(t);
                    for (RawTerm earlier : result) {
                        next.add(join(earlier, t));
                    }
                }
                result = next;
            }
            return result;
        }

        /** a:b:... (a '.' expands to one term per column). */
        private List<RawTerm> interaction() {
            List<RawTerm> terms = atoms();
            skipSpaces();
            while (pos < text.length() && peek() == ':') {
                pos++;
                List<RawTerm> right = atoms();
                List<RawTerm> joined = new ArrayList<>();
                for (RawTerm l : terms) {
                    for (RawTerm r : right) {
                        joined.add(join(l, r));
                    }
                }
                terms = joined;
                skipSpaces();
            }
            return terms;
        }

        private RawTerm join(RawTerm a, RawTerm b) {
            List<Atom> factors = new ArrayList<>(a.factors());
            for (Atom atom : b.factors()) {
                if (factors.stream().anyMatch(f -> f.column().equals(atom.column()))) {
                    throw error("'" + atom.column() + "' appears twice in one interaction; use I(" + atom.column()
                            + "^2) for a power");
                }
                factors.add(atom);
            }
            return new RawTerm(factors);
        }

        private List<RawTerm> atoms() {
            skipSpaces();
            if (pos >= text.length()) {
                throw error("a term is missing at the end of '" + text + "'");
            }
            if (peek() == '.') {
                pos++;
                List<RawTerm> all = new ArrayList<>();
                for (String column : header) {
                    if (!column.equals(label) && !weight.filter(column::equals).isPresent()) {
                        all.add(new RawTerm(List.of(new Atom(column, false, 1))));
                    }
                }
                return all;
            }
            if (text.startsWith("C(", pos)) {
                pos += 2;
                String column = column(until(')'), "C(...)");
                pos++;
                return List.of(new RawTerm(List.of(new Atom(column, true, 1))));
            }
            if (text.startsWith("I(", pos)) {
                int start = pos;
                pos += 2;
                String inside = until(')');
                pos++;
                int caret = inside.indexOf('^');
                String written = text.substring(start, pos);
                if (caret < 0) {
                    throw error("I() takes a column and an integer power, as I(x^2); got '" + written + "'");
                }
                String column = column(inside.substring(0, caret).strip(), written);
                int power;
                try {
                    power = Integer.parseInt(inside.substring(caret + 1).strip());
                } catch (NumberFormatException e) {
                    throw error("the power in '" + written + "' must be a whole number from 1 to 20");
                }
                if (power < 1 || power > 20) {
                    throw error("the power in '" + written + "' must be a whole number from 1 to 20");
                }
                return List.of(new RawTerm(List.of(new Atom(column, false, power))));
            }
            return List.of(new RawTerm(List.of(new Atom(column(word(), "a term"), false, 1))));
        }

        private String word() {
            if (peek() == '`') {
                int end = text.indexOf('`', pos + 1);
                if (end < 0) {
                    throw error("an unclosed backquote in '" + rest() + "'");
                }
                String name = text.substring(pos + 1, end);
                pos = end + 1;
                return name;
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '.')) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected '" + rest() + "': expected a column name");
            }
            return text.substring(start, pos);
        }

        private String until(char close) {
            int end = text.indexOf(close, pos);
            if (end < 0) {
                throw error("a missing '" + close + "' in '" + rest() + "'");
            }
            String inside = text.substring(pos, end).strip();
            pos = end;
            return inside.startsWith("`") && inside.endsWith("`") && inside.length() > 1
                    ? inside.substring(1, inside.length() - 1) : inside;
        }

        private String column(String name, String where) {
            if (!header.contains(name)) {
                throw error("no column named '" + name + "' (in " + where + "); the columns are " + header);
            }
            if (name.equals(label)) {
                throw error("the label '" + label + "' cannot also be a term");
            }
            return name;
        }

        private String name(String written, String what) {
            String name = written.startsWith("`") && written.endsWith("`") && written.length() > 1
                    ? written.substring(1, written.length() - 1) : written;
            if (name.isEmpty()) {
                throw error(what + " is missing before '~'");
            }
            if (!header.contains(name)) {
                throw error("no column named '" + name + "' (" + what + "); the columns are " + header);
            }
            return name;
        }

        private char peek() {
            return text.charAt(pos);
        }

        private String rest() {
            return text.substring(Math.min(pos, text.length())).strip();
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("formula '" + text + "': " + message);
        }
    }
}
