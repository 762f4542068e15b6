package org.nn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A step job's link to a task in the driver's process: requests and results pass in order, and an end is seen. */
@Timeout(30)
class LocalLinkTest {

    private static final ShardWork WORK = ShardWork.gradient(new int[] {3, 1, 2}, 7);

    @Test
    void aTaskAttachesOnlyToAJobOfThisProcessByItsTokenAndPartition() {
        LocalLink[] links = LocalLink.register(41, 2);
        try {
            assertThat(LocalLink.attach(42, 0)).isNull();
            assertThat(LocalLink.attach(41, 2)).isNull();
            assertThat(links[1].attached()).isFalse();
            assertThat(LocalLink.attach(41, 1)).isSameAs(links[1]);
            assertThat(links[1].attached()).isTrue();
        } finally {
            LocalLink.unregister(41);
        }
        assertThat(LocalLink.attach(41, 0)).isNull();
    }

    @Test
    void stepsAndResultsPassInOrderUntilTheDriverSaysStop() throws Exception {
        LocalLink[] links = LocalLink.register(43, 1);
        try {
            CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
                LocalLink link = LocalLink.attach(43, 0);
                int steps = 0;
                for (LocalLink.Request step = link.take(); step != LocalLink.STOP; step = link.take()) {
                    steps++;
                    link.reply(new double[] {step.length(), step.values()[0], step.work().batch()[0]});
                }
                return steps;
            });
            awaitAttached(links[0]);
            for (int i = 0; i < 1000; i++) {
                links[0].send(new LocalLink.Request(WORK, new byte[] {(byte) i}, i));
                assertThat(links[0].receive()).containsExactly(i, (byte) i, 3);
            }
            links[0].send(LocalLink.STOP);
            assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        } finally {
            LocalLink.unregister(43);
        }
    }

    @Test
    void aTaskThatEndsWithoutAResultFailsTheDriversWaitInsteadOfHangingIt() throws Exception {
        LocalLink[] links = LocalLink.register(44, 1);
        try {
            CompletableFuture<Void> failed = CompletableFuture.runAsync(() -> {
                LocalLink link = LocalLink.attach(44, 0);
                try {
                    link.take();
                    throw new IllegalStateException("the shard's arithmetic failed");
                } finally {
                    link.end();
                }
            });
            awaitAttached(links[0]);
            links[0].send(new LocalLink.Request(WORK, new byte[1], 1));
            assertThatThrownBy(() -> links[0].receive()).isInstanceOf(IOException.class)
                    .hasMessageContaining("ended without a result");
            assertThat(failed).failsWithin(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> links[0].send(new LocalLink.Request(WORK, new byte[1], 1)))
                    .isInstanceOf(IOException.class);
        } finally {
            LocalLink.unregister(44);
        }
    }

    @Test
    void aWaitingTaskReturnsWhenTheDriverEndsTheLinkOrItsThreadIsInterrupted() throws Exception {
        LocalLink[] links = LocalLink.register(45, 2);
        try {
            CompletableFuture<LocalLink.Request> ended = CompletableFuture.supplyAsync(
                    () -> LocalLink.attach(45, 0).take());
            awaitAttached(links[0]);
            links[0].end();
            assertThat(ended.get(10, TimeUnit.SECONDS)).isNull();

            LocalLink.Request[] taken = {LocalLink.STOP};
            Thread task = new Thread(() -> taken[0] = LocalLink.attach(45, 1).take());
            task.start();
            awaitAttached(links[1]);
            task.interrupt();
            task.join(10_000);
            assertThat(task.isAlive()).isFalse();
            assertThat(taken[0]).isNull();
        } finally {
            LocalLink.unregister(45);
        }
    }

    /** Waits until a task thread has attached to {@code link}. */
    private static void awaitAttached(LocalLink link) {
        while (!link.attached()) {
            Thread.onSpinWait();
        }
    }
}
