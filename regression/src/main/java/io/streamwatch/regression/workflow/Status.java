package io.streamwatch.regression.workflow;

/** How a row takes part in a pass. */
enum Status { USED, IMPUTED, INVALID, ZERO_WEIGHT }
