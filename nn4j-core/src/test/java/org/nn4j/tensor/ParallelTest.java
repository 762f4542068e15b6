package org.nn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {

    private final int threadsBefore = Kernels.threads();

    @AfterEach
    void restoreThreads() {
        Kernels.setThreads(threadsBefore);
    }

    @Test
    void everyTaskRunsExactlyOnceAndIsDoneOnReturnWhenRoundsOfDifferentSizesFollowEachOther() {
        // More workers than cores, so that workers are often preempted between seeing a round and claiming a task:
        // a late worker must never claim a task of the next round under the previous round's count or body.
        Kernels.setThreads(8);
        AtomicInteger strays = new AtomicInteger();
        long deadline = System.nanoTime() + 3_000_000_000L;
        int rounds = 0;
        while (System.nanoTime() < deadline || rounds < 2_000) {
            int count = rounds % 2 == 0 ? 2 : 9 + rounds % 7;
            AtomicIntegerArray runs = new AtomicIntegerArray(count);
            AtomicInteger running = new AtomicInteger();
            Parallel.forEach(count, i -> {
                running.incrementAndGet();
                if (i >= runs.length()) {
                    strays.incrementAndGet();
                } else {
                    runs.incrementAndGet(i);
                }
                running.decrementAndGet();
            });
            assertEquals(0, running.get(), "a task still ran after forEach returned (round " + rounds + ")");
            for (int i = 0; i < count; i++) {
                assertEquals(1, runs.get(i), "task " + i + " of round " + rounds + " (of " + count + ")");
            }
            rounds++;
        }
        assertEquals(0, strays.get(), "tasks run with an index of another round's count");
    }

    @Test
    void theFirstFailureIsThrownAfterTheOtherTasksFinished() {
        Kernels.setThreads(4);
        AtomicInteger finished = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.forEach(16, i -> {
            if (i == 3) {
                throw new IllegalStateException("task 3");
            }
            finished.incrementAndGet();
        }));
        assertEquals("task 3", thrown.getMessage());
        assertEquals(15, finished.get());
        // The team still works after a failure.
        AtomicIntegerArray runs = new AtomicIntegerArray(16);
        Parallel.forEach(16, runs::incrementAndGet);
        for (int i = 0; i < 16; i++) {
            assertEquals(1, runs.get(i));
        }
    }

    @Test
    void aNestedCallRunsOnTheThreadOfItsTask() {
        Kernels.setThreads(4);
        AtomicInteger otherThreads = new AtomicInteger();
        Parallel.forEach(4, i -> {
            Thread outer = Thread.currentThread();
            assertTrue(Parallel.running());
            Parallel.forEach(4, j -> {
                if (Thread.currentThread() != outer) {
                    otherThreads.incrementAndGet();
                }
            });
        });
        assertEquals(0, otherThreads.get());
    }
    @Test
    void noMoreThreadsRunTasksThanAreSetEvenAfterALargerTeamRan() {
        Kernels.setThreads(6);
        Parallel.forEach(12, i -> { });
        Kernels.setThreads(2);
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 5; round++) {
            Parallel.forEach(12, i -> {
                ran.add(Thread.currentThread());
                LockSupport.parkNanos(1_000_000);
            });
        }
        assertTrue(ran.size() <= 2, ran.size() + " threads ran tasks with 2 set: " + ran);
    }

    @Test
    void eachMemberStartsWithItsOwnRunOfTasks() {
        // Member 0 (the caller) owns the first half of a round's tasks and the worker the second, so that the data a
        // task writes stays with one core from round to round; a member that falls behind is helped out.
        Kernels.setThreads(2);
        Thread caller = Thread.currentThread();
        for (int round = 0; round < 20; round++) {
            Map<Thread, Integer> firstTask = new ConcurrentHashMap<>();
            Parallel.forEach(8, i -> {
                firstTask.putIfAbsent(Thread.currentThread(), i);
                // Each member holds its first task until the other has claimed one, so both take part and
                // neither can take over the other's run first.
                long until = System.nanoTime() + 2_000_000_000L;
                while (firstTask.size() < 2 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
            assertEquals(0, firstTask.get(caller), "the caller's first task in round " + round);
            firstTask.remove(caller);
            assertEquals(List.of(4), List.copyOf(firstTask.values()), "the worker's first task in round " + round);
        }
    }
}
