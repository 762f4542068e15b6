package org.nn4j.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The events of a run, as server-sent-event text, kept so that a browser that connects late sees the whole run:
 * every {@code epoch} event (up to {@value #MAX_EPOCHS}), and the latest of every other kind ({@code run},
 * {@code boundary}, {@code network}, {@code status}, {@code diagnoses}).
 */
public final class EventLog {

    static final int MAX_EPOCHS = 20_000;

    private final Map<String, String> latest = new LinkedHashMap<>();
    private final List<String> epochs = new ArrayList<>();
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();

    /** Records an event of {@code type} whose data is the JSON text {@code json}, and sends it to subscribers. */
    public void publish(String type, String json) {
        String event = "event: " + type + "\ndata: " + json.replace("\n", " ") + "\n\n";
        synchronized (this) {
            if (type.equals("epoch")) {
                if (epochs.size() < MAX_EPOCHS) {
                    epochs.add(event);
                }
            } else {
                if (type.equals("run")) {
                    // A new run starts over, but the dashboard's mode (a playground or not) outlives it.
                    epochs.clear();
                    latest.keySet().removeIf(kept -> !kept.equals("mode"));
                }
                latest.put(type, event);
            }
            // Under the lock, so that a client's replay and its live events neither miss nor repeat one.
            for (Consumer<String> s : subscribers) {
                s.accept(event);
            }
        }
    }

    /** Every kept event, in an order a new client can replay: the run first, then the epochs, then the rest. */
    public synchronized List<String> snapshot() {
        List<String> all = new ArrayList<>();
        if (latest.containsKey("run")) {
            all.add(latest.get("run"));
        }
        all.addAll(epochs);
        latest.forEach((type, event) -> {
            if (!type.equals("run")) {
                all.add(event);
            }
        });
        return all;
    }

    /** The {@link #snapshot}, taken at the same moment as {@code atTheSameMoment} runs (under the log's lock). */
    synchronized List<String> snapshotAnd(Runnable atTheSameMoment) {
        atTheSameMoment.run();
        return snapshot();
    }

    /** Adds a subscriber; it hears each event under the log's lock, so it must never block. */
    void subscribe(Consumer<String> subscriber) {
        subscribers.add(subscriber);
    }

    void unsubscribe(Consumer<String> subscriber) {
        subscribers.remove(subscriber);
    }
}
