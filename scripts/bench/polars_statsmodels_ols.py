"""Benchmark peer (scripts/bench-regression.sh): polars reads the CSV, statsmodels fits OLS.

    polars_statsmodels_ols.py FILE LABEL FEATURE[,FEATURE...]

polars.read_csv of the model's columns, rows with a null in them dropped, then
sm.OLS(y, sm.add_constant(X)).fit() and its full summary() printed (coefficients, standard errors, t, p,
intervals, R-squared, F, log-likelihood, AIC/BIC, Omnibus, Durbin-Watson, Jarque-Bera, condition number).
"""
import sys

import polars as pl
import statsmodels
import statsmodels.api as sm


def main(path, label, features):
    frame = pl.read_csv(path, columns=[label] + features).drop_nulls()
    y = frame.get_column(label).to_numpy()
    x = sm.add_constant(frame.select(features).to_numpy(), prepend=True)
    fit = sm.OLS(y, x).fit()
    print(f"polars {pl.__version__} read, statsmodels {statsmodels.__version__} "
          f"OLS ({path})")
    print(fit.summary(yname=label, xname=["const"] + features))


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: polars_statsmodels_ols.py FILE LABEL FEATURE[,FEATURE...]")
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(","))
