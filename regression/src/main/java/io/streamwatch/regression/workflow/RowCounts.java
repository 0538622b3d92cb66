package io.streamwatch.regression.workflow;

/**
 * Where every row went.
 *
 * @param read             rows read from the file
 * @param nullLabel        dropped because the label was null
 * @param training         rows assigned to training (after the label filter)
 * @param test             rows assigned to test
 * @param skippedTraining  training rows skipped as invalid (null or unusable feature)
 * @param skippedTest      test rows skipped as invalid or with a level unseen in training
 * @param imputedTraining  training rows with at least one imputed value
 * @param imputedTest      test rows with at least one imputed value
 * @param usedTraining     rows the model was fitted on
 * @param usedTest         rows the test metrics use
 * @param zeroWeightTraining training rows with weight 0: valid, but they do not count (weighted fits only)
 * @param zeroWeightTest     test rows with weight 0
 */
public record RowCounts(long read, long nullLabel, long training, long test, long skippedTraining, long skippedTest,
                        long imputedTraining, long imputedTest, long usedTraining, long usedTest,
                        long zeroWeightTraining, long zeroWeightTest) {
}
