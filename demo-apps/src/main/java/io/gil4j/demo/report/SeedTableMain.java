package io.gil4j.demo.report;

import io.gil4j.demo.cli.UsageException;
import io.gil4j.demo.json.Json;
import io.gil4j.demo.seed.SeedResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Sub-command {@code seed-table A.json B.json ...}: one seed table over several runs' {@code --json} files. */
public final class SeedTableMain {
    private SeedTableMain() {
    }

    public static int run(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].equals("--help")) {
            System.out.println("usage: seed-table RESULT.json... (files written by `seed --json`)");
            return argv.length == 0 ? 2 : 0;
        }
        List<SeedResult> results = new ArrayList<>();
        for (String file : argv) {
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                throw new UsageException("cannot read " + file);
            }
            try {
                results.add(SeedResult.fromJson(Json.parse(Files.readString(path, StandardCharsets.UTF_8))));
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + ": " + e.getMessage());
            }
        }
        System.out.print(SeedTable.render(results));
        return 0;
    }
}
