package aicr.sigstore;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where sigstore-java comes from. In the packaged CLI it is not in {@code aicr.jar} but in
 * {@code aicr-sigstore.jar} beside it (with the classes that use it), loaded by a class loader
 * of its own on first use: the 12k entries of the library's jars would otherwise cost every
 * command start-up time and memory for opening the jar. On a plain class path (tests, IDEs)
 * the library is used directly.
 */
final class SigstoreLibrary {
    private SigstoreLibrary() {
    }

    static final String SIDE_JAR = "aicr-sigstore.jar";
    private static final String PROBE = "dev.sigstore.KeylessVerifier";
    private static final String IMPL = "aicr.sigstore.keyless.SigstoreJava";

    private static volatile KeylessCrypto instance;

    static KeylessCrypto crypto() {
        KeylessCrypto c = instance;
        if (c == null) {
            synchronized (SigstoreLibrary.class) {
                if (instance == null) {
                    instance = load();
                }
                c = instance;
            }
        }
        return c;
    }

    private static KeylessCrypto load() {
        ClassLoader own = SigstoreLibrary.class.getClassLoader();
        try {
            Class.forName(PROBE, false, own);
            return instantiate(own);
        } catch (ClassNotFoundException e) {
            // packaged CLI: the library lives in the side jar
        }
        Path jar = sideJar();
        try {
            URLClassLoader loader = new URLClassLoader("aicr-sigstore", new URL[]{jar.toUri().toURL()}, own);
            KeylessCrypto target = instantiate(loader);
            return withContextLoader(target, loader);
        } catch (java.net.MalformedURLException | ClassNotFoundException e) {
            throw new AicrException(ErrorCode.INTERNAL, "cannot load the Sigstore library from " + jar + ": " + e);
        }
    }

    private static KeylessCrypto instantiate(ClassLoader loader) throws ClassNotFoundException {
        try {
            return (KeylessCrypto) Class.forName(IMPL, true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            if (e instanceof ClassNotFoundException c) {
                throw c;
            }
            throw new AicrException(ErrorCode.INTERNAL, "cannot start the Sigstore library: " + e);
        }
    }

    /** {@code aicr-sigstore.jar} next to the jar these classes were loaded from. */
    private static Path sideJar() {
        Path here;
        try {
            here = Path.of(SigstoreLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw missing("(location of aicr unknown)");
        }
        Path jar = (Files.isDirectory(here) ? here : here.getParent()).resolve(SIDE_JAR);
        if (!Files.isRegularFile(jar)) {
            throw missing(jar.toString());
        }
        return jar;
    }

    private static AicrException missing(String where) {
        return new AicrException(ErrorCode.INTERNAL, "the Sigstore library is missing: " + where + " not found (it ships "
                + "beside aicr.jar and is needed for keyless signature verification and `aicr trust update`)");
    }

    /** The library finds its service providers through the thread's context class loader. */
    private static KeylessCrypto withContextLoader(KeylessCrypto target, ClassLoader loader) {
        InvocationHandler h = (proxy, method, args) -> {
            Thread t = Thread.currentThread();
            ClassLoader saved = t.getContextClassLoader();
            t.setContextClassLoader(loader);
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                t.setContextClassLoader(saved);
            }
        };
        return (KeylessCrypto) Proxy.newProxyInstance(KeylessCrypto.class.getClassLoader(), new Class<?>[]{KeylessCrypto.class}, h);
    }
}
