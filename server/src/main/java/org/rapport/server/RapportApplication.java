package org.rapport.server;

import org.rapport.server.cli.RapportCli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Rapport: a self-hostable professional network. {@link #main} is the {@code rapport} command
 * line; {@code rapport serve} starts this application.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RapportApplication {

    public static void main(String[] args) {
        System.exit(RapportCli.run(args));
    }
}
