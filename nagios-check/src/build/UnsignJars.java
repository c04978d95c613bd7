import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the plugin layout (run by the nagios-check POM with {@code java UnsignJars.java DIR}): rewrites
 * every signed jar in DIR without its signature files ({@code META-INF/*.SF}, {@code *.RSA}, {@code *.DSA},
 * {@code *.EC}) and without the per-entry digests of its manifest, which only the signature used. BouncyCastle's
 * jars are signed; the JVM then checks their signature at every start (about 0.2 s of CPU) and class-data sharing
 * skips their classes. Their manifests hold a digest per class (bcprov's is 0.8 MB), which the class loader
 * inflates and parses at every start to define a package. We use BouncyCastle as a library, never as a JCE
 * provider, so the signature has no use here. Prints one line per rewritten jar; exit 1 on an I/O error.
 */
public final class UnsignJars {

    private UnsignJars() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java UnsignJars.java DIR");
            System.exit(2);
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Paths.get(args[0]), "*.jar")) {
            for (Path jar : jars) {
                if (isSigned(jar)) {
                    unsign(jar);
                    System.out.println("UnsignJars: removed the signature of " + jar.getFileName());
                }
            }
        }
    }

    private static boolean isSignatureFile(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.startsWith("META-INF/") && n.indexOf('/', 9) < 0
                && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC"));
    }

    private static boolean isSigned(Path jar) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (isSignatureFile(e.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void unsign(Path jar) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (isSignatureFile(e.getName())) {
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                if (e.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                    withoutDigests(in, out);
                } else {
                    copy(in, out);
                }
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The manifest without the digest attributes of its per-entry sections; sections left empty are dropped. */
    private static void withoutDigests(InputStream in, OutputStream out) throws IOException {
        Manifest manifest = new Manifest(new ByteArrayInputStream(in.readAllBytes()));
        Iterator<Map.Entry<String, Attributes>> entries = manifest.getEntries().entrySet().iterator();
        while (entries.hasNext()) {
            Attributes attributes = entries.next().getValue();
            attributes.keySet().removeIf(k -> k.toString().toUpperCase(Locale.ROOT).endsWith("-DIGEST"));
            if (attributes.isEmpty()) {
                entries.remove();
            }
        }
        manifest.write(out);
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
    }
}
