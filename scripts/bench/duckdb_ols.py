"""Benchmark peer (scripts/bench-regression.sh): OLS through DuckDB's SQL aggregates and numpy.

    duckdb_ols.py FILE LABEL FEATURE[,FEATURE...]

DuckDB (2 threads) reads the CSV (read_csv, header and types detected) and, in one aggregate query over
the rows with no null in the model's columns, returns the normal equations' sums: n, the sum of each
column, every cross-product of X'X and X'y, and y'y. numpy then solves (X'X) b = X'y with the intercept
column, sigma^2 = (y'y - b'X'y) / (n - p) and SE = sqrt(diag(sigma^2 (X'X)^-1)). The solve is done on the
column-equilibrated X'X (D^-1 X'X D^-1, D = sqrt(diag X'X)), which is the same system; it keeps the
solve accurate when the features are far from zero (X'X's condition number is the square of X's).
Prints n, the coefficients and their standard errors.
"""
import sys

import duckdb
import numpy as np


def main(path, label, features):
    cols = ["1"] + [quote(f) for f in features]          # "1": the intercept column
    terms = [f"count(*)"]
    terms += [f"sum({c})" for c in cols[1:]]              # X'X's first row (after n)
    for i in range(1, len(cols)):
        for j in range(i, len(cols)):
            terms.append(f"sum({cols[i]} * {cols[j]})")   # X'X's feature block, upper triangle
    y = quote(label)
    terms += [f"sum({y})"] + [f"sum({c} * {y})" for c in cols[1:]]  # X'y
    terms.append(f"sum({y} * {y})")                        # y'y
    where = " AND ".join(f"{quote(c)} IS NOT NULL" for c in [label] + features)
    con = duckdb.connect()
    con.execute("SET threads=2")
    row = con.execute(f"SELECT {', '.join(terms)} FROM read_csv(?, header=true) WHERE {where}",
                      [path]).fetchone()
    values = [float(v) for v in row]
    p = len(cols)
    n = values[0]
    xtx = np.empty((p, p))
    xtx[0, 0] = n
    k = 1
    for j in range(1, p):
        xtx[0, j] = xtx[j, 0] = values[k]
        k += 1
    for i in range(1, p):
        for j in range(i, p):
            xtx[i, j] = xtx[j, i] = values[k]
            k += 1
    xty = np.array(values[k:k + p])
    yty = values[k + p]

    d = np.sqrt(np.diag(xtx))
    scaled_inv = np.linalg.inv(xtx / np.outer(d, d))
    xtx_inv = scaled_inv / np.outer(d, d)
    b = (scaled_inv @ (xty / d)) / d
    rss = yty - b @ xty
    sigma2 = rss / (n - p)
    se = np.sqrt(sigma2 * np.diag(xtx_inv))

    print(f"DuckDB {duckdb.__version__} sums, numpy {np.__version__} solve: OLS of {label} on "
          f"{', '.join(features)} ({path})")
    print(f"n = {int(n)}, residual standard error {np.sqrt(sigma2):.6f} on {int(n) - p} degrees of freedom")
    print(f"{'':12s} {'Estimate':>20s} {'Std. Error':>18s}")
    for name, coef, err in zip(["(Intercept)"] + features, b, se):
        print(f"{name:12s} {coef:20.12f} {err:18.10e}")


def quote(name):
    return '"' + name.replace('"', '""') + '"'


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: duckdb_ols.py FILE LABEL FEATURE[,FEATURE...]")
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(","))
