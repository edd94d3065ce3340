import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A real library under the agent (benchmarks/library-json.sh): Jackson parses a document of 200 records
 * into maps, the records are summed by name with HashMap.merge, the sums are written back as JSON. Prints
 * "json SECONDS CHECKSUM" per repetition of 1,500 round trips. Argument: repetitions.
 */
public class JsonRoundTrip {
    public static void main(String[] args) throws Exception {
        int reps = Integer.parseInt(args[0]);
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder doc = new StringBuilder("[");
        Random r = new Random(42);
        for (int i = 0; i < 200; i++) {
            if (i > 0) doc.append(',');
            doc.append("{\"id\":").append(i).append(",\"name\":\"user").append(r.nextInt(50))
                    .append("\",\"tags\":[\"t").append(r.nextInt(9)).append("\",\"t").append(r.nextInt(9))
                    .append("\"],\"score\":").append(r.nextInt(1000)).append('}');
        }
        String json = doc.append(']').toString();
        TypeReference<List<Map<String, Object>>> rows = new TypeReference<>() { };
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            long check = 0;
            for (int k = 0; k < 1500; k++) {
                Map<String, Integer> byName = new HashMap<>();
                for (Map<String, Object> row : mapper.readValue(json, rows)) {
                    byName.merge((String) row.get("name"), (Integer) row.get("score"), Integer::sum);
                }
                check += mapper.writeValueAsString(byName).length();
            }
            System.out.printf("json %.4f %d%n", (System.nanoTime() - t0) / 1e9, check);
        }
    }
}
