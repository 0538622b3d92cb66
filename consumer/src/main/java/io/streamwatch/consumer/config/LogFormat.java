package io.streamwatch.consumer.config;

/** Log line format: readable text locally, one JSON object a line for CloudWatch Logs. */
public enum LogFormat {
    TEXT,
    JSON
}
