package io.streamwatch.consumer.kcl;

import io.streamwatch.consumer.status.ShardTasks;
import software.amazon.kinesis.lifecycle.TaskExecutionListener;
import software.amazon.kinesis.lifecycle.TaskOutcome;
import software.amazon.kinesis.lifecycle.TaskType;
import software.amazon.kinesis.lifecycle.events.TaskExecutionListenerInput;

/**
 * Tells {@link ShardTasks} which held shards the KCL cannot start: a child whose parents are not finished
 * (its BLOCK_ON_PARENT_SHARDS task fails until they are) and an INITIALIZE task that fails. The KCL calls
 * it on the shard consumer's thread after every task, so it only records.
 */
final class KclTaskListener implements TaskExecutionListener {

    private final ShardTasks tasks;

    KclTaskListener(ShardTasks tasks) {
        this.tasks = tasks;
    }

    @Override
    public void beforeTaskExecution(TaskExecutionListenerInput input) {
    }

    @Override
    public void afterTaskExecution(TaskExecutionListenerInput input) {
        String shardId = input.shardInfo().shardId();
        if (input.taskOutcome() != TaskOutcome.FAILURE) {
            tasks.progressed(shardId);
        } else if (input.taskType() == TaskType.BLOCK_ON_PARENT_SHARDS) {
            tasks.notStarted(shardId, ShardTasks.Waiting.ON_PARENT);
        } else if (input.taskType() == TaskType.INITIALIZE) {
            tasks.notStarted(shardId, ShardTasks.Waiting.INITIALISATION_FAILING);
        }
    }
}
