package io.streamwatch.regression.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Linear restrictions {@code R b = q} on a design's coefficients, written in statsmodels' (patsy's) string
 * syntax: restrictions separated by commas, each an equation of linear expressions over the column names
 * ({@code value = capital}, {@code value = 0, capital = 0}, {@code 2*x1 - x3 = 1}, {@code (a + b)/2 = c},
 * {@code a = b = c}); an expression without {@code =} means "= 0". Column names are matched as written,
 * the longest first, whatever characters they hold ({@code Property_Area=Urban = 0}, {@code a:b = 0}); a
 * name may also be written in backquotes, and {@code Intercept}, statsmodels' name, is the intercept
 * {@code (Intercept)}. Numbers multiply and divide; a product of two columns is refused, as patsy refuses it.
 *
 * @param text the restrictions as written
 * @param r    J × p: one row per restriction
 * @param q    the J right-hand sides
 */
public record LinearHypothesis(String text, double[][] r, double[] q) {

    private static final String INTERCEPT = "(Intercept)";

    /**
     * @param names the design's column names, in order
     * @throws IllegalArgumentException naming the unknown column or the unexpected token
     */
    public static LinearHypothesis parse(String text, List<String> names) {
        Parser parser = new Parser(text, names);
        Node tree = parser.parse();
        List<Row> rows = parser.constraint(tree);
        double[][] r = new double[rows.size()][];
        double[] q = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            r[k] = rows.get(k).coefficients;
            q[k] = rows.get(k).rhs;
        }
        return new LinearHypothesis(text.trim(), r, q);
    }

    /** The number of restrictions written. */
    public int restrictions() {
        return r.length;
    }

    private record Token(String type, String text, int at, int column) {
    }

    private record Node(Token token, List<Node> args) {
    }

    /** coefficients · b + constant. */
    private record Linear(double[] coefficients, double constant) {
        boolean isConstant() {
            for (double c : coefficients) {
                if (c != 0) {
                    return false;
                }
            }
            return true;
        }

        Linear times(double k) {
            double[] c = coefficients.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] *= k;
            }
            return new Linear(c, constant * k);
        }

        Linear plus(Linear o, double sign) {
            double[] c = coefficients.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] += sign * o.coefficients[i];
            }
            return new Linear(c, constant + sign * o.constant);
        }
    }

    /** One restriction: coefficients · b = rhs. */
    private record Row(double[] coefficients, double rhs) {
    }

    private static final class Parser {
        private final String text;
        private final List<String> names;
        private final Map<String, Integer> columns = new LinkedHashMap<>();
        private final List<String> byLength;
        private final List<Token> tokens = new ArrayList<>();
        private int position;

        Parser(String text, List<String> names) {
            this.text = text;
            this.names = names;
            for (int i = 0; i < names.size(); i++) {
                columns.put(names.get(i), i);
            }
            if (names.contains(INTERCEPT) && !names.contains("Intercept")) {
                columns.put("Intercept", names.indexOf(INTERCEPT));
            }
            byLength = columns.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
            tokenize();
        }

        private IllegalArgumentException error(String why) {
            return new IllegalArgumentException("hypothesis '" + text + "': " + why);
        }

        private String unknown(String name) {
            return "unknown column '" + name + "'; the design's columns are " + String.join(", ", names);
        }

        private static boolean identifier(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.';
        }

        private void tokenize() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                if (c == '`') {
                    int end = text.indexOf('`', i + 1);
                    if (end < 0) {
                        throw error("a backquote at character " + (i + 1) + " is not closed");
                    }
                    String name = text.substring(i + 1, end);
                    if (!columns.containsKey(name)) {
                        throw error(unknown(name));
                    }
                    tokens.add(new Token("NAME", name, i, columns.get(name)));
                    i = end + 1;
                    continue;
                }
                String name = columnAt(i);
                if (name != null) {
                    tokens.add(new Token("NAME", name, i, columns.get(name)));
                    i += name.length();
                    continue;
                }
                if ("()=,+-*/".indexOf(c) >= 0) {
                    tokens.add(new Token(String.valueOf(c), String.valueOf(c), i, -1));
                    i++;
                    continue;
                }
                java.util.regex.Matcher number = java.util.regex.Pattern
                        .compile("[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?").matcher(text).region(i, text.length());
                if (number.lookingAt()) {
                    tokens.add(new Token("NUMBER", number.group(), i, -1));
                    i = number.end();
                    continue;
                }
                if (Character.isLetter(c) || c == '_') {
                    int end = i;
                    while (end < text.length() && identifier(text.charAt(end))) {
                        end++;
                    }
                    throw error(unknown(text.substring(i, end)));
                }
                throw error("unexpected '" + c + "' at character " + (i + 1));
            }
        }

        /** The longest column name written at {@code i}, not cut out of a longer word; null if none. */
        private String columnAt(int i) {
            for (String name : byLength) {
                if (text.startsWith(name, i)) {
                    int end = i + name.length();
                    boolean cut = identifier(name.charAt(name.length() - 1)) && end < text.length()
                            && identifier(text.charAt(end));
                    if (!cut) {
                        return name;
                    }
                }
            }
            return null;
        }

        private Token peek() {
            return position < tokens.size() ? tokens.get(position) : null;
        }

        Node parse() {
            if (tokens.isEmpty()) {
                throw error("nothing to test; write restrictions such as 'x1 = x2' or 'x1 = 0, x2 = 0'");
            }
            Node tree = expression(-100);
            if (peek() != null) {
                throw error("unexpected '" + peek().text() + "' at character " + (peek().at() + 1));
            }
            return tree;
        }

        private static int precedence(String op) {
            return switch (op) {
                case "," -> -100;
                case "=" -> 0;
                case "+", "-" -> 100;
                case "*", "/" -> 200;
                default -> Integer.MIN_VALUE;
            };
        }

        private Node expression(int least) {
            Node left = unary();
            while (true) {
                Token op = peek();
                if (op == null || precedence(op.type()) == Integer.MIN_VALUE || precedence(op.type()) < least) {
                    return left;
                }
                position++;
                Node right = expression(precedence(op.type()) + 1);
                left = new Node(op, List.of(left, right));
            }
        }

        private Node unary() {
            Token t = peek();
            if (t == null) {
                throw error("it ends where a column, a number or '(' should come");
            }
            if (t.type().equals("+") || t.type().equals("-")) {
                position++;
                return new Node(new Token("unary" + t.type(), t.text(), t.at(), -1), List.of(expression(101)));
            }
            position++;
            switch (t.type()) {
                case "NAME", "NUMBER" -> {
                    return new Node(t, List.of());
                }
                case "(" -> {
                    Node inner = expression(-100);
                    Token close = peek();
                    if (close == null || !close.type().equals(")")) {
                        throw error("the '(' at character " + (t.at() + 1) + " is not closed");
                    }
                    position++;
                    return inner;
                }
                default -> throw error("unexpected '" + t.text() + "' at character " + (t.at() + 1));
            }
        }

        private Linear linear(Node node) {
            Token t = node.token();
            switch (t.type()) {
                case "NAME" -> {
                    double[] c = new double[names.size()];
                    c[t.column()] = 1;
                    return new Linear(c, 0);
                }
                case "NUMBER" -> {
                    return new Linear(new double[names.size()], Double.parseDouble(t.text()));
                }
                case "unary+" -> {
                    return linear(node.args().get(0));
                }
                case "unary-" -> {
                    return linear(node.args().get(0)).times(-1);
                }
                case "+", "-" -> {
                    return linear(node.args().get(0)).plus(linear(node.args().get(1)), t.type().equals("+") ? 1 : -1);
                }
                case "*" -> {
                    Linear a = linear(node.args().get(0));
                    Linear b = linear(node.args().get(1));
                    if (a.isConstant()) {
                        return b.times(a.constant());
                    }
                    if (b.isConstant()) {
                        return a.times(b.constant());
                    }
                    throw error("the '*' at character " + (t.at() + 1) + " multiplies one column by another; a "
                            + "restriction must be linear in the coefficients");
                }
                case "/" -> {
                    Linear b = linear(node.args().get(1));
                    if (!b.isConstant()) {
                        throw error("the '/' at character " + (t.at() + 1) + " divides by a column; divide by numbers "
                                + "only");
                    }
                    return linear(node.args().get(0)).times(1 / b.constant());
                }
                default -> throw error("'" + t.text() + "' at character " + (t.at() + 1) + " stands inside an "
                        + "expression; separate restrictions with commas at the top level");
            }
        }

        /** patsy's rule: an expression alone means "= 0"; "a = b = c" is "a = b, b = c". */
        List<Row> constraint(Node node) {
            Token t = node.token();
            List<Row> rows = new ArrayList<>();
            if (t.type().equals(",")) {
                rows.addAll(constraint(node.args().get(0)));
                rows.addAll(constraint(node.args().get(1)));
                return rows;
            }
            if (t.type().equals("=")) {
                Node[] args = {node.args().get(0), node.args().get(1)};
                for (int i = 0; i < 2; i++) {
                    if (args[i].token().type().equals("=")) {
                        rows.addAll(constraint(args[i]));
                        args[i] = args[i].args().get(1 - i);
                    }
                }
                Linear difference = linear(args[0]).plus(linear(args[1]), -1);
                if (difference.isConstant()) {
                    throw error("no column appears in the restriction at character " + (t.at() + 1));
                }
                rows.add(new Row(difference.coefficients(), 0.0 - difference.constant()));
                return rows;
            }
            Linear alone = linear(node);
            if (alone.isConstant()) {
                throw error("a restriction without any column: " + String.format(Locale.ROOT, "%s", alone.constant()));
            }
            rows.add(new Row(alone.coefficients(), 0.0 - alone.constant()));
            return rows;
        }
    }
}
