package io.sipdrill.chaos.drill.file;

/** Where something was written: the file as the user named it, the line, and the field's path ({@code method[2].target}). */
public record Where(String file, int line, String path) {

    /** The same line, a field below: {@code method[2]} → {@code method[2].target}. */
    public Where field(String name, int fieldLine) {
        return new Where(file, fieldLine, path.isEmpty() ? name : path + "." + name);
    }

    /** {@code drills/x.yaml:14: method[2].action: <message>} */
    public String error(String message) {
        return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
