#!/usr/bin/python3
"""Reference values from statsmodels for the regression tests (issues 14 and 27), run once by hand, not by
the suite: its output is committed under regression/src/test/resources/statsmodels/ with this script's name.

    python3 -m venv /tmp/statsmodels-reference
    /tmp/statsmodels-reference/bin/pip install statsmodels==0.15.0 pandas==3.0.6 patsy==1.0.3 \
        numpy==2.4.6 scipy==1.17.1                        # statsmodels (BSD-3-Clause), pinned
    /tmp/statsmodels-reference/bin/python scripts/reference/statsmodels_reference.py ../shared/data

For each data set: OLS coefficients, standard errors, t, p, F and its p under every covariance
(nonrobust, HC0..HC3), the summary's diagnostics (Omnibus, skew, kurtosis, Durbin-Watson, Jarque-Bera,
Cond. No.), and get_prediction().summary_frame() for the first rows; and a WLS fit of the loan model
weighted by Loan_Amount_Term.

Issue 27 adds, on data sets this script writes beside the fixtures (statsmodels' own Grunfeld and US macro
data, and a synthetic panel with repeated state-industry pairs): one- and two-way cluster covariances,
Newey-West (HAC), f_test of string hypotheses under each covariance, variance_inflation_factor, and
OLSInfluence.summary_frame() for every row, OLS and WLS.
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



# ---- issue 27: clustered and HAC covariances, hypothesis tests, VIF, influence ----------------------------

def here(name):
    return os.path.join(OUT, name)


def source(extra=""):
    return "statsmodels " + statsmodels.__version__ + extra + " via " + os.path.basename(__file__)


def write_data(frame, name):
    """Writes a data set beside the fixtures, numbers as Python's repr (they read back exactly)."""
    frame.to_csv(here(name), index=False, float_format=None, lineterminator="\n")


def design(frame, features, intercept=True):
    """The design as a DataFrame named as our columns are (statsmodels' string hypotheses use these names);
    the intercept is "Intercept", the alias our --hypothesis accepts for "(Intercept)"."""
    import pandas as pd
    x = pd.DataFrame({f: frame[f].astype(float) for f in features})
    if intercept:
        x.insert(0, "Intercept", 1.0)
    return x


def group_codes(frame, columns):
    import pandas as pd
    codes = [pd.factorize(frame[c])[0] for c in columns]
    return codes[0] if len(codes) == 1 else np.column_stack(codes)


def fit_cov(model, cov, frame):
    """fit() under a covariance named as our --cov: nonrobust, HC0..HC3, cluster:COL[,COL2], HAC:L."""
    if cov.startswith("cluster:"):
        return model.fit(cov_type="cluster", cov_kwds={"groups": group_codes(frame, cov[8:].split(","))})
    if cov.startswith("HAC:"):
        return model.fit(cov_type="HAC", cov_kwds={"maxlags": int(cov[4:])})
    return model.fit(cov_type=cov)


def results(fit, x, hypotheses):
    """Everything --json reports under the fit's covariance, and f_test of each hypothesis."""
    k = len(fit.params)
    ci = np.asarray(fit.conf_int())
    out = {"params": np.asarray(fit.params).tolist(), "bse": np.asarray(fit.bse).tolist(),
           "tvalues": np.asarray(fit.tvalues).tolist(), "pvalues": np.asarray(fit.pvalues).tolist(),
           "lower95": ci[:, 0].tolist(), "upper95": ci[:, 1].tolist(),
           "fvalue": float(np.squeeze(fit.fvalue)), "f_pvalue": float(np.squeeze(fit.f_pvalue)),
           "use_t": bool(fit.use_t)}
    slopes = fit.f_test(np.eye(k)[1:]) if "Intercept" in x.columns else fit.f_test(np.eye(k))
    out["f_df_num"] = float(slopes.df_num)
    out["f_df_denom"] = float(slopes.df_denom)
    if hasattr(fit.model, "n_groups") or hasattr(fit, "n_groups"):
        pass
    out["hypotheses"] = []
    for ours, theirs in hypotheses:
        t = fit.f_test(theirs)
        out["hypotheses"].append({"hypothesis": ours, "statsmodels": theirs, "statistic": float(np.squeeze(t.fvalue)),
                                  "pValue": float(np.squeeze(t.pvalue)), "dfNum": float(t.df_num),
                                  "dfDenom": float(t.df_denom)})
    frame = fit.get_prediction(x[:5]).summary_frame(alpha=0.05)
    out["prediction"] = {c: frame[c].tolist() for c in
                         ["mean", "mean_se", "mean_ci_lower", "mean_ci_upper", "obs_ci_lower", "obs_ci_upper"]}
    return out


def influence_frame(fit, rows):
    """OLSInfluence.summary_frame()'s columns for every row, with the data row's ordinal."""
    from statsmodels.stats.outliers_influence import OLSInfluence
    frame = OLSInfluence(fit).summary_frame()
    out = {"row": [int(r) for r in rows]}
    for c in ["hat_diag", "standard_resid", "student_resid", "cooks_d", "dffits"]:
        out[c] = frame[c].tolist()
    return out


def weighted_influence(y, x, w, rows):
    """A WLS fit's influence as statsmodels defines everything else of a WLS fit (its HC covariances, its
    summary's diagnostics): on the whitened model, OLS(sqrt(w) y, sqrt(w) X). statsmodels' OLSInfluence on the
    WLS result itself mixes the unweighted design and residuals with the whitened pseudo-inverse (its hat
    values do not add up to the number of coefficients, statsmodels issues 4268, 9067); recorded apart."""
    from statsmodels.stats.outliers_influence import OLSInfluence
    root = np.sqrt(w)
    whitened = sm.OLS(root * y, x.mul(root, axis=0)).fit()
    out = influence_frame(whitened, rows)
    mixed = OLSInfluence(sm.WLS(y, x, weights=w).fit())
    out["statsmodels_wls_olsinfluence_hat_sum"] = float(np.sum(mixed.hat_matrix_diag))
    out["whitened_hat_sum"] = float(np.sum(out["hat_diag"]))
    return out


def vifs(x):
    """variance_inflation_factor of each non-intercept column: statsmodels 0.15's default (standardize=True)
    and the classical one (standardize=False), which 0.14 computed; they differ only without an intercept."""
    from statsmodels.stats.outliers_influence import variance_inflation_factor
    values = np.asarray(x, dtype=float)
    first = 1 if "Intercept" in x.columns else 0
    return {"names": list(x.columns[first:]),
            "standardized": [float(variance_inflation_factor(values, j)) for j in range(first, values.shape[1])],
            "classical": [float(variance_inflation_factor(values, j, standardize=False))
                          for j in range(first, values.shape[1])]}


def weighted_vifs(x, w):
    """A weighted fit's VIFs, which statsmodels does not define: 1/(1 - R²) of WLS(x_j, other columns) with the
    fit's weights, R² about the weighted mean (statsmodels' WLS rsquared with a constant)."""
    first = 1 if "Intercept" in x.columns else 0
    out = []
    for j in range(first, x.shape[1]):
        others = x.drop(columns=x.columns[j])
        out.append(float(1 / (1 - sm.WLS(x.iloc[:, j], others, weights=w).fit().rsquared)))
    return {"names": list(x.columns[first:]), "values": out}


def inference_reference(name, data_name, frame, label, features, covariances, hypotheses, weight=None,
                        intercept=True, influence=True, extra=None):
    y = frame[label].astype(float)
    x = design(frame, features, intercept)
    out = {"source": source(), "data": data_name, "label": label, "features": features, "intercept": intercept,
           "n": len(y), "ols": {}, "vif": vifs(x)}
    rows = frame["_row"]
    for cov in covariances:
        out["ols"][cov] = results(fit_cov(sm.OLS(y, x), cov, frame), x, hypotheses)
    if influence:
        out["influence"] = influence_frame(sm.OLS(y, x).fit(), rows)
    if weight is not None:
        w = frame[weight].astype(float)
        out["weight"] = weight
        out["wls_vif"] = weighted_vifs(x, w)
        out["wls"] = {cov: results(fit_cov(sm.WLS(y, x, weights=w), cov, frame), x, hypotheses)
                      for cov in covariances}
        if influence:
            out["wls_influence"] = weighted_influence(y, x, w, rows)
    if extra:
        out.update(extra)
    with open(here(name + ".json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", name, "n =", len(y))


def numbered(path):
    """The CSV with each row's ordinal in its file (1-based, header excluded), as our `row` column."""
    import pandas as pd
    frame = pd.read_csv(path)
    frame["_row"] = np.arange(1, len(frame) + 1)
    return frame


def panel_data():
    """statsmodels' Grunfeld investment data (11 firms, 20 years, public domain), with a weight 1/capital."""
    frame = sm.datasets.grunfeld.load_pandas().data
    frame = frame.assign(year=frame["year"].astype(int), w=1.0 / frame["capital"])
    write_data(frame[["invest", "value", "capital", "firm", "year", "w"]], "grunfeld.csv")


def macro_data():
    """statsmodels' US macro data, 1959Q1-2009Q3 (public domain): a quarterly time series."""
    frame = sm.datasets.macrodata.load_pandas().data
    frame = frame.assign(year=frame["year"].astype(int), quarter=frame["quarter"].astype(int))
    write_data(frame, "macrodata.csv")


def synthetic_clusters():
    """3,000 rows of 25 states (text ids) by 12 industries (numbers) in random order, each state-industry pair
    many times: errors correlated within state and within industry, a positive weight."""
    import pandas as pd
    rng = np.random.default_rng(27)
    n = 3000
    state = rng.integers(0, 25, n)
    industry = rng.integers(1, 13, n)
    a = rng.normal(0, 2, 25)
    b = rng.normal(0, 1.5, 13)
    x1 = np.round(rng.normal(0, 1, n) + 0.5 * a[state], 6)
    x2 = np.round(rng.uniform(0, 10, n) + 0.3 * b[industry], 6)
    y = np.round(1 + 2 * x1 - 0.5 * x2 + a[state] + b[industry] + rng.normal(0, 1, n) * (1 + 0.2 * np.abs(x1)), 6)
    w = np.round(rng.uniform(0.5, 2.0, n), 3)
    frame = pd.DataFrame({"y": y, "x1": x1, "x2": x2, "state": ["S%02d" % s for s in state], "industry": industry,
                          "w": w})
    write_data(frame, "clusters.csv")


def issue27():
    panel_data()
    macro_data()
    synthetic_clusters()
    both = [("value = capital", "value = capital"), ("value = 0, capital = 0", "value = 0, capital = 0"),
            ("2*value - capital = 1", "2*value - capital = 1"),
            ("(value + capital)/2 = 0.1, Intercept = -40", "(value + capital)/2 = 0.1, Intercept = -40")]
    grunfeld = numbered(here("grunfeld.csv"))
    inference_reference("grunfeld", "grunfeld.csv", grunfeld, "invest", ["value", "capital"],
                        ["nonrobust", "HC1", "cluster:firm", "cluster:year", "cluster:firm,year"], both, weight="w")
    clusters = numbered(here("clusters.csv"))
    inference_reference("clusters", "clusters.csv", clusters, "y", ["x1", "x2"],
                        ["nonrobust", "HC0", "cluster:state", "cluster:industry", "cluster:state,industry"],
                        [("x1 = -4*x2", "x1 = -4*x2"), ("x1 = 2, x2 = -0.5", "x1 = 2, x2 = -0.5")], weight="w",
                        influence=False)
    macro = numbered(here("macrodata.csv"))
    tests = [("realgdp = 0", "realgdp = 0"), ("realgdp = 0.2, tbilrate = -10", "realgdp = 0.2, tbilrate = -10")]
    inference_reference("macrodata", "macrodata.csv", macro, "realinv", ["realgdp", "tbilrate"],
                        ["nonrobust", "HC0", "HAC:0", "HAC:1", "HAC:4", "HAC:12"], tests, weight="pop")
    # VIF on collinear columns, with and without an intercept.
    wide = ["realgdp", "realcons", "realdpi", "tbilrate", "unemp"]
    out = {"source": source(), "data": "macrodata.csv", "label": "realinv", "features": wide,
           "with_intercept": vifs(design(macro, wide, True)), "without_intercept": vifs(design(macro, wide, False))}
    with open(here("macrodata-vif.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote macrodata-vif")
    # Firm fixed effects clustered by year: hypotheses over one-hot columns, whose names need no quoting.
    import statsmodels.formula.api as smf
    fe = smf.ols("invest ~ value + capital + C(firm)", data=grunfeld).fit(cov_type="cluster",
                                                                       cov_kwds={"groups": group_codes(grunfeld, ["year"])})
    names = {n: ("(Intercept)" if n == "Intercept" else n.replace("C(firm)[T.", "firm=").rstrip("]"))
             for n in fe.params.index}
    tests = [("firm=IBM = firm=Chrysler", "C(firm)[T.IBM] = C(firm)[T.Chrysler]"),
             ("firm=US Steel = 0, firm=General Motors - firm=IBM = 0, value = capital",
              "C(firm)[T.US Steel] = 0, C(firm)[T.General Motors] - C(firm)[T.IBM] = 0, value = capital")]
    out = {"source": source(" (patsy)"), "data": "grunfeld.csv", "formula": "invest ~ value + capital + C(firm)",
           "groups": ["year"], "n": int(fe.nobs), "names": [names[n] for n in fe.params.index],
           "params": fe.params.tolist(), "bse": fe.bse.tolist(), "hypotheses": []}
    for ours, theirs in tests:
        t = fe.f_test(theirs)
        out["hypotheses"].append({"hypothesis": ours, "statsmodels": theirs, "statistic": float(np.squeeze(t.fvalue)),
                                  "pValue": float(np.squeeze(t.pvalue)), "dfNum": float(t.df_num),
                                  "dfDenom": float(t.df_denom)})
    with open(here("grunfeld-fe.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote grunfeld-fe")
    # The loan model's influence, OLS and WLS: rows with a null label (or weight) are not used, and `row`
    # keeps counting them, as --influence does.
    loan(os.path.join(sys.argv[1] if len(sys.argv) > 1 else "../shared/data", "loan-prediction", "train.csv"))


def loan(path):
    import pandas as pd
    frame = pd.read_csv(path)
    frame["_row"] = np.arange(1, len(frame) + 1)
    features = ["ApplicantIncome", "CoapplicantIncome"]
    used = frame.dropna(subset=["LoanAmount"] + features)
    y = used["LoanAmount"].astype(float)
    x = design(used, features)
    out = {"source": source(), "data": "train.csv", "label": "LoanAmount", "features": features,
           "influence": influence_frame(sm.OLS(y, x).fit(), used["_row"]), "vif": vifs(x)}
    weighted = used.dropna(subset=["Loan_Amount_Term"])
    out["weight"] = "Loan_Amount_Term"
    out["wls_influence"] = weighted_influence(weighted["LoanAmount"].astype(float), design(weighted, features),
                                              weighted["Loan_Amount_Term"].astype(float), weighted["_row"])
    with open(here("loan-influence.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("wrote loan-influence")


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
    issue27()
