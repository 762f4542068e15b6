package org.nn4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.doctor.Remedy;
import org.nn4j.io.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Prints the training doctor's diagnoses under a heading, and turns them into the model file's training record.
 * Each shows only the remedies that the command that ran can follow: an option it has, not already given with the
 * value advised.
 */
final class DoctorReport {

    private DoctorReport() {
    }

    static void print(PrintWriter out, List<Diagnosis> found, CommandSpec command) {
        if (found.isEmpty()) {
            return;
        }
        Predicate<Remedy> usable = usableIn(command);
        out.println();
        out.println("Training doctor:");
        for (Diagnosis d : found) {
            out.println("  - " + d.kind().title() + ": " + d.finding());
            String remedy = d.remedy(usable);
            if (!remedy.isEmpty()) {
                out.println("    " + remedy);
            }
        }
    }

    /** The diagnoses as the JSON text kept under {@code diagnoses} in a saved model's training record. */
    static String json(List<Diagnosis> found, CommandSpec command) {
        Predicate<Remedy> usable = usableIn(command);
        List<Object> list = new ArrayList<>();
        for (Diagnosis d : found) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", d.kind().id());
            entry.put("finding", d.finding());
            entry.put("remedy", d.remedy(usable));
            list.add(entry);
        }
        return Json.write(list);
    }

    /** Remedies that need no option, or an option of {@code command} that was not given the advised value. */
    static Predicate<Remedy> usableIn(CommandSpec command) {
        return remedy -> remedy.option() == null || offers(command, remedy.option())
                && !alreadyGiven(command.commandLine().getParseResult(), remedy);
    }

    /**
     * Whether the command has the option under that name as its own: an old spelling kept for another meaning does
     * not count (xor's --init is the old name of --from, a model file, not train's initialiser).
     */
    private static boolean offers(CommandSpec command, String name) {
        OptionSpec option = command.findOption(name);
        return option != null && option.names()[0].equals(name);
    }

    private static boolean alreadyGiven(ParseResult parsed, Remedy remedy) {
        if (parsed == null || remedy.value() == null || !parsed.hasMatchedOption(remedy.option())) {
            return false;
        }
        List<String> given = parsed.matchedOption(remedy.option()).stringValues();
        return !given.isEmpty() && sameValue(given.get(given.size() - 1), remedy.value());
    }

    /** Equal as text, or as numbers ("0.10" is "0.1"). */
    private static boolean sameValue(String given, String advised) {
        if (given.strip().equalsIgnoreCase(advised)) {
            return true;
        }
        try {
            return Double.parseDouble(given.strip()) == Double.parseDouble(advised);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
