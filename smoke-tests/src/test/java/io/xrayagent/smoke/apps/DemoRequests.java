package io.xrayagent.smoke.apps;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;

/** Sends a few requests for the README's demo (run without the agent) and prints their statuses. */
public final class DemoRequests {
    private DemoRequests() {
    }

    public static void main(String[] urls) throws InterruptedException {
        for (String url : urls) {
            String outcome;
            try {
                HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
                int status = connection.getResponseCode();
                InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
                if (body != null) {
                    body.readAllBytes();
                    body.close();
                }
                outcome = status + ", X-Amzn-Trace-Id: " + connection.getHeaderField("X-Amzn-Trace-Id");
            } catch (IOException e) {
                outcome = "failed: " + e;
            }
            System.out.println("GET " + url + " -> " + outcome);
            // One request per second: the default sampling rule takes the first request of each second.
            Thread.sleep(1100);
        }
    }
}
