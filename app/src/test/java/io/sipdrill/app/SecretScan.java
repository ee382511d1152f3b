package io.sipdrill.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Greps every file under a folder, byte for byte (binary files too: Gatling's simulation log, a
 * gzip would need unpacking and there is none), for secrets; each hit is "file: secret".
 */
final class SecretScan {

    private SecretScan() {
    }

    /** Each file under {@code root} (sub-folders included) that holds any of {@code secrets}, with the first one it holds. */
    static List<String> findings(Path root, List<String> secrets) throws IOException {
        List<byte[]> needles = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] content = Files.readAllBytes(file);
                for (int i = 0; i < needles.size(); i++) {
                    if (indexOf(content, needles.get(i)) >= 0) {
                        hits.add(root.relativize(file) + ": " + secrets.get(i));
                        break;
                    }
                }
            }
        }
        return hits;
    }

    /** How many regular files {@link #findings} reads under {@code root}. */
    static long fileCount(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
