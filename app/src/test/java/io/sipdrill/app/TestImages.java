package io.sipdrill.app;

import io.sipdrill.environments.docker.ComposeFile;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The docker topology's images, tagged {@value #TAG}, with the fault proxy built from this test
 * JVM's own classpath: the code under test, never a stale {@code app/target} jar (the app jar does
 * not exist yet while the app module's tests run). {@code build-images.sh} reuses what has not
 * changed, so the Kamailio images cost a second.
 */
final class TestImages {

    static final String TAG = "apptest";

    private TestImages() {
    }

    /** Builds (or reuses) sipdrill/*:{@value #TAG}; throws with the script's output when it fails. */
    static void build() throws IOException, InterruptedException {
        Path jars = Files.createTempDirectory("sipdrill-test-jars");
        try {
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry);
                if (Files.isDirectory(p)) {
                    jarUp(p, jars.resolve(String.format("%03d-%s.jar", n++, p.getParent().getParent().getFileName() + "-" + p.getFileName())));
                } else if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                    Files.copy(p, jars.resolve(String.format("%03d-%s", n++, p.getFileName())));
                }
            }
            Path log = Files.createTempFile("sipdrill-build-images", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(ComposeFile.dockerDir().resolve("build-images.sh").toString(), "all")
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().put("SIPDRILL_TAG", TAG);
                pb.environment().put("SIPDRILL_JARS", jars.toString());
                Process p = pb.start();
                if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("build-images.sh all failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                System.out.print(Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } finally {
            try (Stream<Path> all = Files.walk(jars)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A classes folder as a jar (the image's classpath is /opt/sipdrill/lib/*, jars only). */
    private static void jarUp(Path dir, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                JarEntry e = new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/'));
                e.setTime(0); // same classes, same jar, same image inputs: build-images.sh reuses the image
                zip.putNextEntry(e);
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }
}
