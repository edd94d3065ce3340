package io.gil4j.demo.load;

import io.gil4j.demo.cli.Args;
import io.gil4j.demo.cli.UsageException;
import io.gil4j.demo.json.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Sub-command {@code load-compare A.json B.json [--json FILE]}: throughput loss per endpoint and
 * overall between two {@code load --json} reports. Exits 3 when either side had failed requests,
 * so a script can tell "slower" from "broken".
 */
public final class LoadCompareMain {
    private LoadCompareMain() {
    }

    public static int run(String[] argv) throws Exception {
        Args args = Args.parse(argv, Set.of("json"), Set.of("help"));
        if (args.flag("help") || args.positionals().size() != 2) {
            System.out.println("usage: load-compare A.json B.json [--json FILE]   (A = no GIL, B = GIL; files from `load --json`)");
            return args.flag("help") ? 0 : 2;
        }
        LoadComparison comparison = new LoadComparison(read(args.positionals().get(0)), read(args.positionals().get(1)));
        System.out.print(comparison.renderText());
        String json = args.string("json", null);
        if (json != null) {
            Files.writeString(Path.of(json), Json.write(comparison.toJson()), StandardCharsets.UTF_8);
        }
        return comparison.failed() == 0 ? 0 : 3;
    }

    private static LoadReport read(String file) throws Exception {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new UsageException("cannot read " + file);
        }
        try {
            return LoadReport.fromJson(Json.parse(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }
}
