#!/usr/bin/python3
"""Reference values from statsmodels for the regression tests (issue 14), run once by hand, not by the
suite: its output is committed under regression/src/test/resources/statsmodels/ with this script's name.

    apt-get install python3-statsmodels     # Debian's statsmodels (BSD-3-Clause)
    /usr/bin/python3 scripts/reference/statsmodels_reference.py ../shared/data

For each data set: OLS coefficients, standard errors, t, p, F and its p under every covariance
(nonrobust, HC0..HC3), the summary's diagnostics (Omnibus, skew, kurtosis, Durbin-Watson, Jarque-Bera,
Cond. No.), and get_prediction().summary_frame() for the first rows; and a WLS fit of the loan model
weighted by Loan_Amount_Term.
"""
import csv
import json
import os
import sys

import numpy as np
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.stattools import durbin_watson, jarque_bera, omni_normtest

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "regression", "src", "test", "resources", "statsmodels")


def read(path, label, features):
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            values = [r[label]] + [r[c] for c in features]
            if r[label] in ("", "NA"):
                continue
            if any(v in ("", "NA") for v in values):
                continue
            rows.append([float(v) for v in values])
    a = np.array(rows)
    return a[:, 0], sm.add_constant(a[:, 1:], prepend=True)


def diagnostics(resid, condition_number):
    """The diagnostics block of OLS/WLS summary(): of the residuals it prints them for (wresid for WLS)."""
    omnibus, omnibus_p = omni_normtest(resid)
    jb, jb_p, skew, kurtosis = jarque_bera(resid)
    return {"omnibus": float(omnibus), "omnibus_p": float(omnibus_p), "skew": float(skew),
            "kurtosis": float(kurtosis), "durbin_watson": float(durbin_watson(resid)),
            "jarque_bera": float(jb), "jarque_bera_p": float(jb_p), "condition_number": float(condition_number)}


def weighted(name, path, label, features, weight):
    """WLS with a strictly positive weight column (statsmodels counts zero-weight rows in nobs; we do not)."""
    data, x = read(path, label, features + [weight])
    w = x[:, -1]
    x = x[:, :-1]
    out = {"source": "statsmodels " + statsmodels.__version__ + " via " + os.path.basename(__file__),
           "data": os.path.basename(path), "label": label, "features": features, "weight": weight, "n": len(data)}
    for cov in ["nonrobust", "HC1", "HC3"]:
        fit = sm.WLS(data, x, weights=w).fit(cov_type=cov)
        out[cov] = {"params": fit.params.tolist(), "bse": fit.bse.tolist(), "fvalue": float(np.squeeze(fit.fvalue))}
    fit = sm.WLS(data, x, weights=w).fit()
    out["statistics"] = {"rsquared": fit.rsquared, "rsquared_adj": fit.rsquared_adj, "llf": fit.llf,
                         "scale": fit.scale, "ssr": fit.ssr, "centered_tss": fit.centered_tss}
    out["diagnostics"] = diagnostics(fit.wresid, fit.condition_number)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", name, "n =", len(data))


def reference(name, path, label, features):
    y, x = read(path, label, features)
    out = {"source": "statsmodels " + statsmodels.__version__ + " via " + os.path.basename(__file__),
           "data": os.path.basename(path), "label": label, "features": features, "n": len(y)}
    for cov in ["nonrobust", "HC0", "HC1", "HC2", "HC3"]:
        fit = sm.OLS(y, x).fit(cov_type=cov)
        out[cov] = {"params": fit.params.tolist(), "bse": fit.bse.tolist(), "tvalues": fit.tvalues.tolist(),
                    "pvalues": fit.pvalues.tolist(), "fvalue": float(np.squeeze(fit.fvalue)),
                    "f_pvalue": float(np.squeeze(fit.f_pvalue))}
        frame = fit.get_prediction(x[:5]).summary_frame(alpha=0.05)
        out[cov]["prediction"] = {c: frame[c].tolist() for c in
                                  ["mean", "mean_se", "mean_ci_lower", "mean_ci_upper", "obs_ci_lower",
                                   "obs_ci_upper"]}
    fit = sm.OLS(y, x).fit()
    out["diagnostics"] = diagnostics(fit.resid, fit.condition_number)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", name, "n =", len(y))


def formula(name, path, text, names):
    """An R-style formula through patsy; `names` maps patsy's column names to ours, in patsy's order."""
    import pandas as pd
    import statsmodels.formula.api as smf
    data = pd.read_csv(path)
    fit = smf.ols(text.replace("^", "**"), data=data).fit(cov_type="HC3")
    out = {"source": "statsmodels " + statsmodels.__version__ + " (patsy) via " + os.path.basename(__file__),
           "data": os.path.basename(path), "formula": text, "n": int(fit.nobs),
           "names": [names[n] for n in fit.params.index],
           "HC3": {"params": fit.params.tolist(), "bse": fit.bse.tolist(), "fvalue": float(np.squeeze(fit.fvalue))}}
    # statsmodels' own fvalue here warns "covariance of constraints does not have full rank" and reduces the
    # rank (the squared income's variance is 1e-16 beside the intercept's 1e2); the Wald F solved directly
    # from its covariance is the reference.
    c = fit.cov_params().values
    slopes = fit.params.values[1:]
    out["HC3"]["wald_f_solved"] = float(slopes @ np.linalg.solve(c[1:, 1:], slopes) / len(slopes))
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", name, "n =", int(fit.nobs))


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    reference("longley", os.path.join(data, "nist-strd", "Longley.csv"), "y",
              ["x1", "x2", "x3", "x4", "x5", "x6"])
    reference("loan", os.path.join(data, "loan-prediction", "train.csv"), "LoanAmount",
              ["ApplicantIncome", "CoapplicantIncome"])
    weighted("loan-wls", os.path.join(data, "loan-prediction", "train.csv"), "LoanAmount",
             ["ApplicantIncome", "CoapplicantIncome"], "Loan_Amount_Term")
    formula("loan-formula", os.path.join(data, "loan-prediction", "train.csv"),
            "LoanAmount ~ ApplicantIncome + CoapplicantIncome + C(Property_Area) + ApplicantIncome:CoapplicantIncome"
            " + I(ApplicantIncome^2)",
            {"Intercept": "(Intercept)", "C(Property_Area)[T.Semiurban]": "Property_Area=Semiurban",
             "C(Property_Area)[T.Urban]": "Property_Area=Urban", "ApplicantIncome": "ApplicantIncome",
             "CoapplicantIncome": "CoapplicantIncome", "ApplicantIncome:CoapplicantIncome":
             "ApplicantIncome:CoapplicantIncome", "I(ApplicantIncome ** 2)": "I(ApplicantIncome^2)"})
