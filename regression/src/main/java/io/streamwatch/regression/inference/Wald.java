package io.streamwatch.regression.inference;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The Wald F statistic of linear restrictions, as statsmodels' {@code wald_test(..., use_f=True)}: a
 * pseudo-inverse of the restrictions' covariance, whose rank counts the restrictions (with statsmodels'
 * rank tolerance, largest eigenvalue × J × machine epsilon). Solved on the correlation scale (each
 * restriction over its standard error): the covariance's entries can differ by twenty orders of magnitude
 * (a squared income beside an indicator), where statsmodels' rank on the raw scale comes out too small.
 */
final class Wald {

    private Wald() {
    }

    /** F and the number of restrictions it counts. */
    record Result(double f, int rank) {
    }

    /**
     * @param r the restrictions, J × p
     * @param q their right-hand sides
     * @param b the estimate
     * @param v its covariance
     */
    static Result f(double[][] r, double[] q, double[] b, double[][] v) {
        int j = r.length;
        int p = b.length;
        double[] d = new double[j];
        double[][] c = new double[j][j];
        double[][] rv = new double[j][p];
        for (int a = 0; a < j; a++) {
            for (int k = 0; k < p; k++) {
                double s = 0;
                for (int l = 0; l < p; l++) {
                    s += r[a][l] * v[l][k];
                }
                rv[a][k] = s;
            }
            double s = -q[a];
            for (int k = 0; k < p; k++) {
                s += r[a][k] * b[k];
            }
            d[a] = s;
        }
        for (int a = 0; a < j; a++) {
            for (int e = 0; e < j; e++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += rv[a][k] * r[e][k];
                }
                c[a][e] = s;
            }
        }
        double[] se = new double[j];
        for (int a = 0; a < j; a++) {
            se[a] = Math.sqrt(c[a][a]);
        }
        double[][] correlation = new double[j][j];
        double[] z = new double[j];
        for (int a = 0; a < j; a++) {
            z[a] = d[a] / se[a];
            for (int e = 0; e < j; e++) {
                correlation[a][e] = a == e ? 1 : c[a][e] / (se[a] * se[e]);
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(correlation, false));
        double[] values = eigen.getRealEigenvalues();
        double largest = 0;
        for (double e : values) {
            largest = Math.max(largest, Math.abs(e));
        }
        double tolerance = largest * j * Math.ulp(1.0);
        double quadratic = 0;
        int rank = 0;
        RealMatrix vectors = eigen.getV();
        for (int k = 0; k < values.length; k++) {
            if (values[k] > tolerance) {
                RealVector u = vectors.getColumnVector(k);
                double projection = 0;
                for (int a = 0; a < j; a++) {
                    projection += u.getEntry(a) * z[a];
                }
                quadratic += projection * projection / values[k];
                rank++;
            }
        }
        return new Result(rank == 0 ? Double.NaN : quadratic / rank, rank);
    }

    /** The upper tail of F(dfNum, dfDenom) at f, directly (not 1 - cdf, which rounds small p values to 0). */
    static double upperTail(double f, double dfNum, double dfDenom) {
        if (Double.isNaN(f) || dfNum <= 0 || dfDenom <= 0) {
            return Double.NaN;
        }
        return org.apache.commons.math3.special.Beta.regularizedBeta(dfDenom / (dfDenom + dfNum * f),
                dfDenom / 2.0, dfNum / 2.0);
    }
}
