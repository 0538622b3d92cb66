package io.streamwatch.regression.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense ids 0, 1, 2, ... for the values of one group column, in order of first appearance: numbers (a numeric
 * column: 1935 and 1935.0 are one group) or text (a string column). One per part of a pass; {@link #absorb}
 * takes the next part's values in input order, so the ids are those of one reading of the whole input.
 */
public final class GroupIds implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final boolean numeric;
    private final LongIntMap numbers = new LongIntMap();
    private long[] numberKeys = new long[16];
    private final Map<String, Integer> texts = new HashMap<>();
    private final List<String> textKeys = new ArrayList<>();
    private int size;
    /** The last value looked up, for rows that come sorted by group (a panel, firm after firm). */
    private long lastBits;
    private String lastText;
    private int lastId = -1;

    /** @param numeric whether the column holds numbers (else text) */
    public GroupIds(boolean numeric) {
        this.numeric = numeric;
    }

    /** A number's id, new ones numbered on. */
    public int of(double value) {
        long bits = value == 0 ? 0L : Double.doubleToLongBits(value);
        if (lastId >= 0 && bits == lastBits) {
            return lastId;
        }
        int id = numbers.get(bits);
        if (id < 0) {
            id = size++;
            numbers.put(bits, id);
            if (id == numberKeys.length) {
                numberKeys = Arrays.copyOf(numberKeys, 2 * id);
            }
            numberKeys[id] = bits;
        }
        lastBits = bits;
        lastId = id;
        return id;
    }

    /** A text's id, new ones numbered on. */
    public int of(String text) {
        if (lastId >= 0 && text.equals(lastText)) {
            return lastId;
        }
        Integer id = texts.get(text);
        if (id == null) {
            id = size++;
            texts.put(text, id);
            textKeys.add(text);
        }
        lastText = text;
        lastId = id;
        return id;
    }

    public boolean numeric() {
        return numeric;
    }

    /** Distinct values so far. */
    public int size() {
        return size;
    }

    /**
     * Takes the values of the part that follows this one in input order: those not seen here get the next ids,
     * in the order the next part met them.
     *
     * @return the next part's ids in this numbering
     */
    public int[] absorb(GroupIds next) {
        int[] map = new int[next.size];
        for (int g = 0; g < next.size; g++) {
            map[g] = numeric ? of(Double.longBitsToDouble(next.numberKeys[g])) : of(next.textKeys.get(g));
        }
        lastId = -1;
        return map;
    }
}
