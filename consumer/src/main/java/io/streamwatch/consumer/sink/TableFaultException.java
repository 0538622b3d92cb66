package io.streamwatch.consumer.sink;

import io.streamwatch.consumer.pipeline.SinkException;

/**
 * A table the worker cannot write at all (missing, access denied, bad credentials) for longer than the
 * writer's patience. Nothing of any shard can be stored until an operator fixes it, so the worker stops
 * rather than replaying into the same error.
 */
public final class TableFaultException extends SinkException {

    private final String table;

    public TableFaultException(String table, String serviceReason, Throwable cause) {
        super("DynamoDB table '" + table + "' cannot be written (" + serviceReason + "): check that it exists "
                + "in this region and that the task role allows dynamodb:BatchWriteItem on it", cause);
        this.table = table;
    }

    public String table() {
        return table;
    }

    @Override
    public boolean permanent() {
        return true;
    }
}
