package org.nn4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.io.Json;

/** Prints the training doctor's diagnoses under a heading, and turns them into the model file's training record. */
final class DoctorReport {

    private DoctorReport() {
    }

    static void print(PrintWriter out, List<Diagnosis> found) {
        if (found.isEmpty()) {
            return;
        }
        out.println();
        out.println("Training doctor:");
        for (Diagnosis d : found) {
            out.println("  - " + d.kind().title() + ": " + d.finding());
            out.println("    " + d.remedy());
        }
    }

    /** The diagnoses as the JSON text kept under {@code diagnoses} in a saved model's training record. */
    static String json(List<Diagnosis> found) {
        List<Object> list = new ArrayList<>();
        for (Diagnosis d : found) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", d.kind().id());
            entry.put("finding", d.finding());
            entry.put("remedy", d.remedy());
            list.add(entry);
        }
        return Json.write(list);
    }
}
