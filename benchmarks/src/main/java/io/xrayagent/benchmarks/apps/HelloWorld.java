package io.xrayagent.benchmarks.apps;

/** The hello-world {@code main} of the overhead benchmark: what an agent adds to a JVM that starts and exits. */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
