package org.nn4j.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Spark's own log messages during {@code nn4j train --spark}: about 36 lines of INFO and WARN on every run, which
 * bury nn4j's output, so they are off unless {@code --verbose} asks for them.
 */
final class SparkLogs {

    private SparkLogs() {
    }

    /**
     * Turns every logger off. Done before Spark starts: Spark installs its own INFO-level profile only when it finds
     * log4j unconfigured, and a level set here counts as configured.
     */
    static void off() {
        Configurator.setRootLevel(Level.OFF);
        Configurator.setAllLevels("org.apache.spark", Level.OFF);
    }
}
