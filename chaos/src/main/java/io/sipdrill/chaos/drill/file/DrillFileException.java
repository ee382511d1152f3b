package io.sipdrill.chaos.drill.file;

import java.util.List;

/** A drill file that cannot run: every problem found, each one line naming file, line and field. */
public final class DrillFileException extends IllegalArgumentException {

    private final List<String> errors;

    public DrillFileException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
