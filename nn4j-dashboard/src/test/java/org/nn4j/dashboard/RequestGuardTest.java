package org.nn4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Other web pages can neither steer a run nor read it: foreign Host, foreign Origin and a missing token get 403. */
class RequestGuardTest {

    private final EventLog log = new EventLog();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final List<String> playgroundRequests = new CopyOnWriteArrayList<>();
    private DashboardServer server;

    private DashboardServer start() throws Exception {
        server = new DashboardServer("127.0.0.1", 0, log, a -> {
            actions.add(a);
            return a + "d";
        }, body -> {
            playgroundRequests.add(body);
            return "started";
        });
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String tokenHeader() {
        return "X-Nn4j-Token: " + RawClient.token(server) + "\r\n";
    }

    @Test
    void aPageFromAnotherSiteCannotPressTheButtonsEvenWithTheToken() throws Exception {
        start();
        String host = RawClient.host(server);
        for (String action : List.of("pause", "stop", "resume")) {
            assertThat(RawClient.post(server, "/control/" + action, host,
                    "Origin: http://evil.example\r\n" + tokenHeader())).as(action).contains(" 403 ");
        }
        assertThat(RawClient.post(server, "/control/pause", host, "Origin: null\r\n" + tokenHeader()))
                .contains(" 403 ");
        assertThat(actions).isEmpty();
    }

    @Test
    void aPageFromAnotherSiteCannotStartAPlaygroundRun() throws Exception {
        start();
        assertThat(RawClient.post(server, "/playground", RawClient.host(server),
                "Origin: http://evil.example\r\n" + tokenHeader())).contains(" 403 ");
        assertThat(RawClient.post(server, "/playground", RawClient.host(server), "")).contains(" 403 ");
        assertThat(playgroundRequests).isEmpty();
    }

    @Test
    void theButtonsAndTheStreamNeedTheRunsToken() throws Exception {
        start();
        String host = RawClient.host(server);
        assertThat(RawClient.post(server, "/control/pause", host, "")).contains(" 403 ");
        assertThat(RawClient.post(server, "/control/pause", host, "X-Nn4j-Token: 0123456789abcdef\r\n"))
                .contains(" 403 ");
        assertThat(RawClient.get(server, "/events", host, "")).contains(" 403 ");
        assertThat(RawClient.get(server, "/events?token=wrong", host, "")).contains(" 403 ");
        assertThat(actions).isEmpty();
        assertThat(server.streamCount()).isZero();
    }

    @Test
    void aReboundHostNameGetsNeitherThePageNorTheData() throws Exception {
        start();
        String rebound = "attacker.example:" + server.port();
        assertThat(RawClient.get(server, "/events?token=" + RawClient.token(server), rebound, "")).contains(" 403 ");
        assertThat(RawClient.get(server, "/", rebound, "")).contains(" 403 ");
        assertThat(RawClient.post(server, "/control/pause", rebound, tokenHeader())).contains(" 403 ");
        assertThat(RawClient.get(server, "/", "127.0.0.1:1", "")).as("another port").contains(" 403 ");
        assertThat(RawClient.statusLine(server.port(), "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 10_000))
                .as("no Host").contains(" 403 ");
        assertThat(actions).isEmpty();
    }

    @Test
    void thePageItselfWithTheTokenStillWorksUnderEveryLocalName() throws Exception {
        start();
        for (String host : List.of("127.0.0.1", "localhost", "LOCALHOST")) {
            String hostPort = host + ":" + server.port();
            assertThat(RawClient.get(server, "/", hostPort, "")).as(host).contains(" 200 ");
            assertThat(RawClient.post(server, "/control/pause", hostPort, "Origin: http://" + hostPort + "\r\n"
                    + tokenHeader())).as(host).contains(" 200 ");
        }
        assertThat(RawClient.post(server, "/control/resume", RawClient.host(server),
                "Content-Type: text/plain\r\n" + tokenHeader())).as("no Origin: not a browser page").contains(" 200 ");
        assertThat(RawClient.post(server, "/playground?token=" + RawClient.token(server), RawClient.host(server),
                "Origin: http://" + RawClient.host(server) + "\r\n")).contains(" 200 ");
        assertThat(actions).containsExactly("pause", "pause", "pause", "resume");
        assertThat(playgroundRequests).hasSize(1);
    }
}
