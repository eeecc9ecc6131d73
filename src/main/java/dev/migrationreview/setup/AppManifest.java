package dev.migrationreview.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/** app-manifest.yml (packaged at the root of the jar) as the JSON the manifest flow posts to GitHub. */
@Singleton
public class AppManifest {
    public static final String RESOURCE = "app-manifest.yml";
    private static final String PLACEHOLDER = "${PUBLIC_URL}";

    private final ObjectNode template;
    private final ObjectMapper json;

    public AppManifest(ObjectMapper json) {
        this.json = json;
        try (InputStream in = AppManifest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; the build packages it "
                        + "from the repository root");
            }
            JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(in);
            if (!(tree instanceof ObjectNode object)) {
                throw new IllegalStateException(RESOURCE + " must be a mapping of manifest fields");
            }
            this.template = object;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The manifest with the server's public URL filled in, as a JSON string. */
    public String forPublicUrl(String publicUrl) {
        ObjectNode manifest = template.deepCopy();
        substitute(manifest, publicUrl);
        try {
            return json.writeValueAsString(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void substitute(JsonNode node, String publicUrl) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isTextual()) {
                    field.setValue(new TextNode(field.getValue().asText().replace(PLACEHOLDER, publicUrl)));
                } else {
                    substitute(field.getValue(), publicUrl);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, new TextNode(array.get(i).asText().replace(PLACEHOLDER, publicUrl)));
                } else {
                    substitute(array.get(i), publicUrl);
                }
            }
        }
    }
}
